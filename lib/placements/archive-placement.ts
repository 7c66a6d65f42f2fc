import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";

/**
 * Stops a placement from serving: /api/serve answers 404 for it once the cache is dropped.
 * Kept (not deleted) so that its reports remain. Archiving twice keeps the first date, and
 * is recorded once.
 */
export async function archivePlacement(organizationId: string, placementId: string, actor: Actor, deps: DomainDeps, now: Date = new Date()) {
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.placement.updateMany({
      where: { id: placementId, archivedAt: null, site: { organizationId } },
      data: { archivedAt: now },
    });
    if (count > 0) {
      const { name } = await tx.placement.findUniqueOrThrow({ where: { id: placementId }, select: { name: true } });
      await recordAuditEvent(tx, { organizationId, actor, action: "placement.archived", target: { id: placementId, name } });
    }
    return count;
  });
  if (count > 0) await deps.invalidate();
  const placement = await deps.prisma.placement.findFirst({ where: { id: placementId, site: { organizationId } } });
  if (!placement) throw new AppError("not_found", "Placement not found.");
  return placement;
}
