import { AppError } from "@/lib/errors";
import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { createPlacement } from "@/lib/placements/create-placement";
import { getSite } from "@/lib/sites/get-site";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { json, parseJsonBody, publisherOnly, snippetOriginOf } from "@/lib/api/v1/http";
import { createPlacementBodySchema, placementResource } from "@/lib/api/v1/schemas/placements";

/** The site's placements, live ones first, archived ones too. */
export const GET = withApiKey<{ id: string }>(async ({ organization, params, request }) => {
  const site = await getSite(organization.id, params.id, readDeps());
  if (!site) throw new AppError("not_found", "Site not found.");
  const origin = snippetOriginOf(request);
  return json({ data: site.placements.map((placement) => placementResource(placement, origin)) });
}, publisherOnly("inventory:read"));

/** A new placement; it can fill as soon as its snippet is on a page. */
export const POST = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const input = await parseJsonBody(request, createPlacementBodySchema);
  const placement = await createPlacement(organization.id, params.id, input, apiActor({ apiKey, actor }), domainDeps());
  return json(placementResource(placement, snippetOriginOf(request)), 201);
}, publisherOnly("inventory:write"));
