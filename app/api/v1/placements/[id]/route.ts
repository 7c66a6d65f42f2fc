import { AppError } from "@/lib/errors";
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
}, publisherOnly);

export const PATCH = withApiKey<{ id: string }>(async ({ organization, params, request }) => {
  const patch = await parseJsonBody(request, updatePlacementBodySchema);
  const placement = await patchPlacement(organization.id, params.id, patch, domainDeps());
  return json(placementResource(placement, snippetOriginOf(request)));
}, publisherOnly);

/** Archives the placement: its snippet stops filling; it and its reports are kept. */
export const DELETE = withApiKey<{ id: string }>(async ({ organization, params }) => {
  await archivePlacement(organization.id, params.id, domainDeps());
  return noContent();
}, publisherOnly);
