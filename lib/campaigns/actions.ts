"use server";

import { dashboardActor } from "@/lib/audit/actor";
import { access, formAction, redirectAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps } from "@/lib/cache/deps";
import { noticeUrl, refusalUrl, type NoticeCode } from "@/lib/forms/notices";
import {
  CAMPAIGN_LIST_FIELDS,
  campaignIdSchema,
  campaignFormSchema,
  campaignRestoreSchema,
  campaignStatusChangeSchema,
  duplicateCampaignSchema,
  type CampaignListQuery,
} from "@/lib/zod/schemas/campaigns";
import { CAMPAIGNS_PATH, campaignListUrl } from "./campaign-list-url";
import { createCampaign } from "./create-campaign";
import { duplicateCampaign } from "./duplicate-campaign";
import { restoreCampaign } from "./restore-campaign";
import { setCampaignStatus } from "./set-campaign-status";
import { updateCampaign } from "./update-campaign";

// The advertiser's campaign actions (lib/auth/server-action.ts: session, the ADVERTISER
// organisation, the form, the refusals). Every domain call is scoped by that organisation:
// ids in form data are untrusted, and another organisation's campaign is simply not found.

const advertiser = access.organization("ADVERTISER", "campaigns:write");
const revalidate = ["/advertiser", "layout"] as const;

export const createCampaignAction = formAction({
  access: advertiser,
  // The flight is typed as the organisation's clocks read it.
  schemaFor: ({ organization }) => campaignFormSchema(organization.timeZone),
  listFields: CAMPAIGN_LIST_FIELDS,
  run: (input, { organization, user }) => createCampaign(organization.id, input, dashboardActor(user), domainDeps()),
  done: (campaign) => redirectTo(noticeUrl(`${CAMPAIGNS_PATH}/${campaign.id}`, "campaign-created")),
  revalidate,
});

export const updateCampaignAction = formAction({
  access: advertiser,
  record: { field: "campaignId", schema: campaignIdSchema, notFound: "Campaign not found." },
  schemaFor: ({ organization }) => campaignFormSchema(organization.timeZone),
  listFields: CAMPAIGN_LIST_FIELDS,
  run: ({ campaignId, ...input }, { organization, user }) => updateCampaign(organization.id, campaignId, input, dashboardActor(user), domainDeps()),
  done: (_campaign, { campaignId }) => redirectTo(noticeUrl(`${CAMPAIGNS_PATH}/${campaignId}`, "campaign-updated")),
  revalidate,
});

/** The pause / resume / archive buttons (small forms of the list and the detail page). */
export const changeCampaignStatusAction = redirectAction({
  access: advertiser,
  schema: campaignStatusChangeSchema,
  invalid: noticeUrl(CAMPAIGNS_PATH, "campaign-not-found"),
  run: ({ campaignId, status }, { organization, user }) => setCampaignStatus(organization.id, campaignId, status, dashboardActor(user), domainDeps()),
  done: ({ previousStatus }, input) =>
    statusChangeBack(
      input,
      input.status === "PAUSED" ? "campaign-paused" : input.status === "ARCHIVED" ? "campaign-archived" : previousStatus === "DRAFT" ? "campaign-activated" : "campaign-resumed",
    ),
  refused: (error, input) =>
    error.code === "forbidden"
      ? noticeUrl(CAMPAIGNS_PATH, "not-permitted")
      : error.code === "not_found" || !input
        ? noticeUrl(CAMPAIGNS_PATH, "campaign-not-found")
        : statusChangeBack(input, "status-refused"),
  revalidate,
});

/**
 * Back where the button was, saying `code`: the detail page, unless the campaign was archived
 * there; else the list at the page and search it was pressed on (rebuilt from the parsed query:
 * always the list's own path).
 */
function statusChangeBack(
  { campaignId, status, from, list }: { campaignId: string; status: string; from: "list" | "detail"; list: CampaignListQuery },
  code: NoticeCode,
): string {
  return from === "detail" && status !== "ARCHIVED" ? noticeUrl(`${CAMPAIGNS_PATH}/${campaignId}`, code) : campaignListUrl(list, code);
}

/** Restore, on an archived campaign: it comes back paused, and its page says so. */
export const restoreCampaignAction = redirectAction({
  access: advertiser,
  schema: campaignRestoreSchema,
  invalid: noticeUrl(CAMPAIGNS_PATH, "campaign-not-found"),
  run: ({ campaignId }, { organization, user }) => restoreCampaign(organization.id, campaignId, dashboardActor(user), domainDeps()),
  done: ({ campaign }) => noticeUrl(`${CAMPAIGNS_PATH}/${campaign.id}`, "campaign-restored"),
  refused: (error) => refusalUrl(CAMPAIGNS_PATH, error, "campaign-not-found"),
  revalidate,
});

export const duplicateCampaignAction = redirectAction({
  access: advertiser,
  schema: duplicateCampaignSchema,
  invalid: noticeUrl(CAMPAIGNS_PATH, "campaign-not-found"),
  run: ({ campaignId }, { organization, user }) => duplicateCampaign(organization.id, campaignId, dashboardActor(user), domainDeps()),
  done: (copy) => noticeUrl(`${CAMPAIGNS_PATH}/${copy.id}`, "campaign-duplicated"),
  refused: (error) => refusalUrl(CAMPAIGNS_PATH, error, "campaign-not-found"),
  revalidate,
});
