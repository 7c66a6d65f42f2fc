"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requireOrganization } from "@/lib/auth/session";
import { domainDeps } from "@/lib/cache/deps";
import { formRefusal } from "@/lib/campaigns/form-refusal";
import { formEntries, formEntry } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { noticeUrl, type NoticeCode } from "@/lib/forms/notices";
import { campaignIdSchema } from "@/lib/zod/schemas/campaigns";
import { archiveCreativeSchema, creativeIdSchema, creativeSchema } from "@/lib/zod/schemas/creatives";
import { archiveCreative } from "./archive-creative";
import { createCreative } from "./create-creative";
import { updateCreative } from "./update-creative";


const campaignPath = (campaignId: string, code: NoticeCode) => noticeUrl(`/advertiser/campaigns/${campaignId}`, code);

export async function createCreativeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("ADVERTISER");
  const campaignId = campaignIdSchema.safeParse(formEntry(formData, "campaignId"));
  if (!campaignId.success) return failed("Campaign not found.", formData);
  const parsed = creativeSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    await createCreative(organization.id, campaignId.data, parsed.data, domainDeps());
  } catch (error) {
    return formRefusal(error, formData);
  }
  revalidatePath("/advertiser", "layout");
  redirect(campaignPath(campaignId.data, "creative-created"));
}

export async function updateCreativeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("ADVERTISER");
  const creativeId = creativeIdSchema.safeParse(formEntry(formData, "creativeId"));
  if (!creativeId.success) return failed("Creative not found.", formData);
  const parsed = creativeSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  let saved: { campaignId: string; reviewStatus: string };
  try {
    saved = await updateCreative(organization.id, creativeId.data, parsed.data, domainDeps());
  } catch (error) {
    return formRefusal(error, formData);
  }
  revalidatePath("/advertiser", "layout");
  redirect(campaignPath(saved.campaignId, saved.reviewStatus === "PENDING" ? "creative-resubmitted" : "creative-updated"));
}

export async function archiveCreativeAction(formData: FormData): Promise<void> {
  const { organization } = await requireOrganization("ADVERTISER");
  const parsed = archiveCreativeSchema.safeParse(formEntries(formData));
  if (!parsed.success) redirect("/advertiser/campaigns?notice=creative-not-found");
  let campaignId: string;
  try {
    campaignId = (await archiveCreative(organization.id, parsed.data.creativeId, domainDeps())).campaignId;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") redirect("/advertiser/campaigns?notice=creative-not-found");
    throw error;
  }
  revalidatePath("/advertiser", "layout");
  redirect(campaignPath(campaignId, "creative-archived"));
}
