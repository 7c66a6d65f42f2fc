import type { Actor } from "@/lib/audit/actor";
import type { z } from "zod";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { getPlacement } from "@/lib/placements/get-placement";
import { updatePlacement } from "@/lib/placements/update-placement";
import { placementJson } from "@/lib/model/placement";
import { placementFromWriteFields, type updatePlacementBodySchema } from "./schemas/placements";

/** PATCH semantics over the placement form: the sent fields over the placement as it is, then updatePlacement. */
export async function patchPlacement(organizationId: string, placementId: string, patch: z.output<typeof updatePlacementBodySchema>, actor: Actor, deps: DomainDeps) {
  const current = await getPlacement(organizationId, placementId, deps);
  if (!current) throw new AppError("not_found", "Placement not found.");
  const input = placementFromWriteFields.parse({ ...placementJson(current), ...patch });
  return updatePlacement(organizationId, placementId, input, actor, deps);
}
