"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requireOrganization } from "@/lib/auth/session";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { formEntries, formEntry } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { siteFormSchema, siteIdSchema } from "@/lib/zod/schemas/sites";
import { createSite } from "./create-site";
import { updateSite } from "./update-site";

/** A refusal the user can act on (duplicate domain, a site that is not theirs), else rethrown. */
function refusal(error: unknown, formData: FormData): FormState {
  if (error instanceof AppError && error.code === "conflict") return failed(error.message, formData, { domain: [error.message] });
  if (error instanceof AppError && error.code === "not_found") return failed(error.message, formData);
  throw error;
}

export async function createSiteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("PUBLISHER");
  const parsed = siteFormSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  let siteId: string;
  try {
    siteId = (await createSite(organization.id, parsed.data, readDeps())).id;
  } catch (error) {
    return refusal(error, formData);
  }
  revalidatePath("/publisher", "layout");
  redirect(`/publisher/sites/${siteId}?notice=site-created`);
}

/** The site's id travels as a hidden field (a bound argument left no-JS posts unanswered). */
export async function updateSiteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("PUBLISHER");
  const id = siteIdSchema.safeParse(formEntry(formData, "siteId"));
  if (!id.success) return failed("Site not found.", formData);
  const parsed = siteFormSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    await updateSite(organization.id, id.data, parsed.data, domainDeps());
  } catch (error) {
    return refusal(error, formData);
  }
  revalidatePath("/publisher", "layout");
  redirect(`/publisher/sites/${id.data}?notice=site-updated`);
}
