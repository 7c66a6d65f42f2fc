import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { createSite } from "@/lib/sites/create-site";
import { listSites } from "@/lib/sites/list-sites";
import { readDeps } from "@/lib/cache/deps";
import { json, parseJsonBody, publisherOnly } from "@/lib/api/v1/http";
import { createSiteBodySchema, siteResource } from "@/lib/api/v1/schemas/sites";

export const GET = withApiKey(async ({ organization }) => {
  const sites = await listSites(organization.id, readDeps());
  return json({ data: sites.map(siteResource) });
}, publisherOnly("inventory:read"));

export const POST = withApiKey(async ({ organization, request, apiKey, actor }) => {
  const input = await parseJsonBody(request, createSiteBodySchema);
  return json(siteResource(await createSite(organization.id, input, apiActor({ apiKey, actor }), readDeps())), 201);
}, publisherOnly("inventory:write"));
