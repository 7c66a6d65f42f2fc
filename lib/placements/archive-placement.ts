import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";

/**
 * Stops a placement from serving: /api/serve answers 404 for it once the cache is dropped.
 * Kept (not deleted) so that its reports remain. Archiving twice keeps the first date.
 */
export async function archivePlacement(organizationId: string, placementId: string, deps: DomainDeps, now: Date = new Date()) {
  const { count } = await deps.prisma.placement.updateMany({
    where: { id: placementId, archivedAt: null, site: { organizationId } },
    data: { archivedAt: now },
  });
  if (count > 0) await deps.invalidate();
  const placement = await deps.prisma.placement.findFirst({ where: { id: placementId, site: { organizationId } } });
  if (!placement) throw new AppError("not_found", "Placement not found.");
  return placement;
}
