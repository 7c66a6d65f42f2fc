"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requireOrganization } from "@/lib/auth/session";
import { domainDeps } from "@/lib/cache/deps";
import { formEntries, formEntry } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { noticeUrl, type NoticeCode } from "@/lib/forms/notices";
import { CAMPAIGN_LIST_FIELDS, campaignIdSchema, campaignSchema, campaignStatusChangeSchema, duplicateCampaignSchema } from "@/lib/zod/schemas/campaigns";
import { createCampaign } from "./create-campaign";
import { duplicateCampaign } from "./duplicate-campaign";
import { formFields } from "./form-data";
import { formRefusal } from "./form-refusal";
import { setCampaignStatus } from "./set-campaign-status";
import { updateCampaign } from "./update-campaign";

// Every action: the session and the advertiser organisation first, then the form parsed
// with zod, then a domain function scoped by that organisation. Ids in form data are
// untrusted: another organisation's campaign is simply not found.


const campaignsPath = "/advertiser/campaigns";
const notice = noticeUrl;

export async function createCampaignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("ADVERTISER");
  const parsed = campaignSchema.safeParse(formFields(formData, CAMPAIGN_LIST_FIELDS));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  let campaignId: string;
  try {
    campaignId = (await createCampaign(organization.id, parsed.data, domainDeps())).id;
  } catch (error) {
    return formRefusal(error, formData);
  }
  revalidatePath("/advertiser", "layout");
  redirect(notice(`${campaignsPath}/${campaignId}`, "campaign-created"));
}

export async function updateCampaignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { organization } = await requireOrganization("ADVERTISER");
  const id = campaignIdSchema.safeParse(formEntry(formData, "campaignId"));
  if (!id.success) return failed("Campaign not found.", formData);
  const parsed = campaignSchema.safeParse(formFields(formData, CAMPAIGN_LIST_FIELDS));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    await updateCampaign(organization.id, id.data, parsed.data, domainDeps());
  } catch (error) {
    return formRefusal(error, formData);
  }
  revalidatePath("/advertiser", "layout");
  redirect(notice(`${campaignsPath}/${id.data}`, "campaign-updated"));
}

/** The pause / resume / archive buttons (small forms of the list and the detail page). */
export async function changeCampaignStatusAction(formData: FormData): Promise<void> {
  const { organization } = await requireOrganization("ADVERTISER");
  const parsed = campaignStatusChangeSchema.safeParse(formEntries(formData));
  if (!parsed.success) redirect(notice(campaignsPath, "campaign-not-found"));
  const { campaignId, status, from } = parsed.data;
  const back = from === "detail" && status !== "ARCHIVED" ? `${campaignsPath}/${campaignId}` : campaignsPath;
  let code: NoticeCode;
  try {
    const { previousStatus } = await setCampaignStatus(organization.id, campaignId, status, domainDeps());
    code = status === "PAUSED" ? "campaign-paused" : status === "ARCHIVED" ? "campaign-archived" : previousStatus === "DRAFT" ? "campaign-activated" : "campaign-resumed";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "not_found") redirect(notice(campaignsPath, "campaign-not-found"));
    code = "status-refused";
  }
  revalidatePath("/advertiser", "layout");
  redirect(notice(back, code));
}

export async function duplicateCampaignAction(formData: FormData): Promise<void> {
  const { organization } = await requireOrganization("ADVERTISER");
  const parsed = duplicateCampaignSchema.safeParse(formEntries(formData));
  if (!parsed.success) redirect(notice(campaignsPath, "campaign-not-found"));
  let copyId: string;
  try {
    copyId = (await duplicateCampaign(organization.id, parsed.data.campaignId, domainDeps())).id;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") redirect(notice(campaignsPath, "campaign-not-found"));
    throw error;
  }
  revalidatePath("/advertiser", "layout");
  redirect(notice(`${campaignsPath}/${copyId}`, "campaign-duplicated"));
}
