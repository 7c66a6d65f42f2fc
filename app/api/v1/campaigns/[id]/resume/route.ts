import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { domainDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { campaignResponse } from "@/lib/api/v1/campaign-response";

/** Resumes a paused campaign, or starts a draft. */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  const { campaign } = await setCampaignStatus(organization.id, params.id, "ACTIVE", apiActor({ apiKey, actor }), domainDeps());
  return json(await campaignResponse(campaign, domainDeps()));
}, advertiserOnly("campaigns:write"));
