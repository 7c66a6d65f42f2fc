import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { domainDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { campaignResponse } from "@/lib/api/v1/campaign-response";

/** Pauses an active campaign (pausing a paused one changes nothing). */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  const { campaign } = await setCampaignStatus(organization.id, params.id, "PAUSED", apiActor({ apiKey, actor }), domainDeps());
  return json(await campaignResponse(campaign, domainDeps()));
}, advertiserOnly("campaigns:write"));
