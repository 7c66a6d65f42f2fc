import { AppError } from "@/lib/errors";
import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { getSite } from "@/lib/sites/get-site";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { json, parseJsonBody, publisherOnly } from "@/lib/api/v1/http";
import { patchSite } from "@/lib/api/v1/patch-site";
import { siteResource, updateSiteBodySchema } from "@/lib/api/v1/schemas/sites";

export const GET = withApiKey<{ id: string }>(async ({ organization, params }) => {
  const site = await getSite(organization.id, params.id, readDeps());
  if (!site) throw new AppError("not_found", "Site not found.");
  return json(siteResource(site));
}, publisherOnly("inventory:read"));

export const PATCH = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const patch = await parseJsonBody(request, updateSiteBodySchema);
  return json(siteResource(await patchSite(organization.id, params.id, patch, apiActor({ apiKey, actor }), domainDeps())));
}, publisherOnly("inventory:write"));
