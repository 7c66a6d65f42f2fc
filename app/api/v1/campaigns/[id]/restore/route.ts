import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { restoreCampaign } from "@/lib/campaigns/restore-campaign";
import { domainDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { campaignResponse } from "@/lib/api/v1/campaign-response";

/** Brings an archived campaign back, paused (resume it to serve). */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  const { campaign } = await restoreCampaign(organization.id, params.id, apiActor({ apiKey, actor }), domainDeps());
  return json(await campaignResponse(campaign, domainDeps()));
}, advertiserOnly("campaigns:write"));
