import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { createCreative } from "@/lib/creatives/create-creative";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { advertiserOnly, json, parseJsonBody } from "@/lib/api/v1/http";
import { createCreativeBodySchema, creativeResource } from "@/lib/api/v1/schemas/creatives";

/** The campaign's creatives, live ones first, archived ones too. */
export const GET = withApiKey<{ id: string }>(async ({ organization, params }) => {
  const campaign = await getCampaign(organization.id, params.id, readDeps());
  return json({ data: campaign.creatives.map(creativeResource) });
}, advertiserOnly("campaigns:read"));

/** A new creative; it serves once an operator approves it. */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const input = await parseJsonBody(request, createCreativeBodySchema);
  return json(creativeResource(await createCreative(organization.id, params.id, input, apiActor({ apiKey, actor }), domainDeps())), 201);
}, advertiserOnly("campaigns:write"));
