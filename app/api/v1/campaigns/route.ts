import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { listCampaignsAfter } from "@/lib/campaigns/list-campaigns";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { advertiserOnly, json, parseJsonBody } from "@/lib/api/v1/http";
import { campaignResponse } from "@/lib/api/v1/campaign-response";
import { campaignListQuerySchema, campaignListResource, createCampaignBodySchema } from "@/lib/api/v1/schemas/campaigns";

/** The organisation's campaigns with budget use, pacing and creative counts, a page at a time. */
export const GET = withApiKey(async ({ organization, request }) => {
  const query = campaignListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(campaignListResource(await listCampaignsAfter(organization.id, query, readDeps())));
}, advertiserOnly("campaigns:read"));

/** A new campaign (a draft unless `status` is ACTIVE). */
export const POST = withApiKey(async ({ organization, request, apiKey, actor }) => {
  const input = await parseJsonBody(request, createCampaignBodySchema);
  return json(await campaignResponse(await createCampaign(organization.id, input, apiActor({ apiKey, actor }), domainDeps()), domainDeps()), 201);
}, advertiserOnly("campaigns:write"));
