"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requireOrganization } from "@/lib/auth/session";
import { domainDeps } from "@/lib/cache/deps";
import { formEntries, formEntry } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { placementIdSchema, placementSchema } from "@/lib/zod/schemas/placements";
import { siteIdSchema } from "@/lib/zod/schemas/sites";
import { archivePlacement } from "./archive-placement";
import { createPlacement } from "./create-placement";
import { updatePlacement } from "./update-placement";


/** Not found (not theirs, or gone) and archived are told to the user; anything else is a bug. */
function refusal(error: unknown, formData: FormData): FormState {
  if (error instanceof AppError && (error.code === "not_found" || error.code === "conflict")) return failed(error.message, formData);
  throw error;
}

// Ids travel as hidden fields, not bound arguments: a bound action posted by a browser without
// JavaScript never got an answer.

export async function createPlacementAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("PUBLISHER");
  const id = siteIdSchema.safeParse(formEntry(formData, "siteId"));
  if (!id.success) return failed("Site not found.", formData);
  const parsed = placementSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  let placementId: string;
  try {
    placementId = (await createPlacement(organization.id, id.data, parsed.data, domainDeps())).id;
  } catch (error) {
    return refusal(error, formData);
  }
  revalidatePath("/publisher", "layout");
  redirect(`/publisher/placements/${placementId}?notice=placement-created`);
}

export async function updatePlacementAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("PUBLISHER");
  const id = placementIdSchema.safeParse(formEntry(formData, "placementId"));
  if (!id.success) return failed("Placement not found.", formData);
  const parsed = placementSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    await updatePlacement(organization.id, id.data, parsed.data, domainDeps());
  } catch (error) {
    return refusal(error, formData);
  }
  revalidatePath("/publisher", "layout");
  redirect(`/publisher/placements/${id.data}?notice=placement-updated`);
}

export async function archivePlacementAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("PUBLISHER");
  const id = placementIdSchema.safeParse(formEntry(formData, "placementId"));
  if (!id.success) return failed("Placement not found.", formData);
  let siteId: string;
  try {
    siteId = (await archivePlacement(organization.id, id.data, domainDeps())).siteId;
  } catch (error) {
    return refusal(error, formData);
  }
  revalidatePath("/publisher", "layout");
  redirect(`/publisher/sites/${siteId}?notice=placement-archived`);
}
