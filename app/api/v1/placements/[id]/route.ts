import { AppError } from "@/lib/errors";
import { apiActor } from "@/lib/audit/actor";
import { withApiKey } from "@/lib/api/with-api-key";
import { archivePlacement } from "@/lib/placements/archive-placement";
import { getPlacement } from "@/lib/placements/get-placement";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { json, noContent, parseJsonBody, publisherOnly, snippetOriginOf } from "@/lib/api/v1/http";
import { patchPlacement } from "@/lib/api/v1/patch-placement";
import { placementResource, updatePlacementBodySchema } from "@/lib/api/v1/schemas/placements";

export const GET = withApiKey<{ id: string }>(async ({ organization, params, request }) => {
  const placement = await getPlacement(organization.id, params.id, readDeps());
  if (!placement) throw new AppError("not_found", "Placement not found.");
  return json(placementResource(placement, snippetOriginOf(request)));
}, publisherOnly("inventory:read"));

export const PATCH = withApiKey<{ id: string }>(async ({ organization, params, request, apiKey, actor }) => {
  const patch = await parseJsonBody(request, updatePlacementBodySchema);
  const placement = await patchPlacement(organization.id, params.id, patch, apiActor({ apiKey, actor }), domainDeps());
  return json(placementResource(placement, snippetOriginOf(request)));
}, publisherOnly("inventory:write"));

/** Archives the placement: its snippet stops filling; it and its reports are kept. */
export const DELETE = withApiKey<{ id: string }>(async ({ organization, params, apiKey, actor }) => {
  await archivePlacement(organization.id, params.id, apiActor({ apiKey, actor }), domainDeps());
  return noContent();
}, publisherOnly("inventory:write"));
