"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";
import { domainDeps } from "@/lib/cache/deps";
import { formEntries } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { reviewDecisionSchema } from "@/lib/zod/schemas/review";
import { reviewCreative } from "./review-creative";

export async function reviewCreativeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const parsed = reviewDecisionSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    await reviewCreative(admin, parsed.data, domainDeps());
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "conflict")) return failed(error.message, formData);
    throw error;
  }
  revalidatePath("/admin/review");
  redirect(`/admin/review?notice=${parsed.data.decision === "APPROVE" ? "creative-approved" : "creative-rejected"}`);
}
