import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { archiveCreative } from "@/lib/creatives/archive-creative";
import { getCreative } from "@/lib/creatives/get-creative";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { advertiserOnly, json, noContent, parseJsonBody } from "@/lib/api/v1/http";
import { patchCreative } from "@/lib/api/v1/patch-creative";
import { creativeResource, updateCreativeBodySchema } from "@/lib/api/v1/schemas/creatives";

export const GET = withApiKey<{ id: string }>(async ({ organization, params }) => {
  return json(creativeResource(await getCreative(organization.id, params.id, readDeps())));
}, advertiserOnly("campaigns:read"));

/** Changes the fields sent; new content goes back to review. */
export const PATCH = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const patch = await parseJsonBody(request, updateCreativeBodySchema);
  return json(creativeResource(await patchCreative(organization.id, params.id, patch, apiActor({ apiKey, actor }), domainDeps())));
}, advertiserOnly("campaigns:write"));

/** Archives the creative: it stops serving; it and its reports are kept. */
export const DELETE = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  await archiveCreative(organization.id, params.id, apiActor({ apiKey, actor }), domainDeps());
  return noContent();
}, advertiserOnly("campaigns:write"));
