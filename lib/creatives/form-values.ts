import type { FormValues } from "@/lib/campaigns/form-values";

/** A new creative's form (a saved one's values: creativeFormValues, lib/model/creative.ts). */
export function newCreativeFormValues(): FormValues {
  return { kind: "IMAGE", size: "300x250" };
}
