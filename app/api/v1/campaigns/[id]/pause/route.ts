import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { domainDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { campaignResource } from "@/lib/api/v1/schemas/campaigns";

/** Pauses an active campaign (pausing a paused one changes nothing). */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  const { campaign } = await setCampaignStatus(organization.id, params.id, "PAUSED", apiActor({ apiKey, actor }), domainDeps());
  return json(campaignResource(campaign));
}, advertiserOnly("campaigns:write"));
