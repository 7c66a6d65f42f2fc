import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { advertiserOnly, json, noContent, parseJsonBody } from "@/lib/api/v1/http";
import { patchCampaign } from "@/lib/api/v1/patch-campaign";
import { campaignResponse } from "@/lib/api/v1/campaign-response";
import { updateCampaignBodySchema } from "@/lib/api/v1/schemas/campaigns";

export const GET = withApiKey<{ id: string }>(async ({ organization, params }) => {
  return json(await campaignResponse(await getCampaign(organization.id, params.id, readDeps()), readDeps()));
}, advertiserOnly("campaigns:read"));

/** Changes the fields sent; the result is validated like the campaign form. */
export const PATCH = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const patch = await parseJsonBody(request, updateCampaignBodySchema);
  return json(await campaignResponse(await patchCampaign(organization.id, params.id, patch, apiActor({ apiKey, actor }), domainDeps()), domainDeps()));
}, advertiserOnly("campaigns:write"));

/** Archives the campaign: it stops serving; it and its reports are kept (POST …/restore brings it back, paused). */
export const DELETE = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  await setCampaignStatus(organization.id, params.id, "ARCHIVED", apiActor({ apiKey, actor }), domainDeps());
  return noContent();
}, advertiserOnly("campaigns:write"));
