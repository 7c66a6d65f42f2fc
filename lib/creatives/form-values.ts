import type { FormValues } from "@/lib/campaigns/form-values";
import type { Creative } from "@/lib/generated/prisma/client";

export function newCreativeFormValues(): FormValues {
  return { kind: "IMAGE", size: "300x250" };
}

/** A saved creative, as the form shows it. */
export function creativeFormValues(creative: Creative): FormValues {
  return {
    name: creative.name,
    kind: creative.kind,
    size: `${creative.width}x${creative.height}`,
    imageUrl: creative.imageUrl ?? "",
    altText: creative.altText ?? "",
    headline: creative.headline ?? "",
    body: creative.body ?? "",
    html: creative.html ?? "",
    landingUrl: creative.landingUrl,
  };
}
