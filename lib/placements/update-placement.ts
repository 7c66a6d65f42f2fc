import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { placementSettingsOf, type PlacementInput } from "@/lib/model/placement";

export const ARCHIVED_PLACEMENT_MESSAGE = "This placement is archived and can no longer be changed.";

/** Changes a live placement of the organisation (size, keywords and floor change what serves). */
export async function updatePlacement(organizationId: string, placementId: string, input: PlacementInput, deps: DomainDeps) {
  const { count } = await deps.prisma.placement.updateMany({
    where: { id: placementId, archivedAt: null, site: { organizationId } },
    data: placementSettingsOf(input),
  });
  if (count === 0) {
    const archived = await deps.prisma.placement.findFirst({ where: { id: placementId, site: { organizationId } }, select: { id: true } });
    if (archived) throw new AppError("conflict", ARCHIVED_PLACEMENT_MESSAGE);
    throw new AppError("not_found", "Placement not found.");
  }
  await deps.invalidate();
  return deps.prisma.placement.findUniqueOrThrow({ where: { id: placementId } });
}
