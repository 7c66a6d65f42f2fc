import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { creativeNotFound } from "./creative-errors";

/**
 * Stops a creative from serving for good; it is kept (not deleted) so that reports keep it.
 * Archiving twice keeps the first date, and is recorded once.
 */
export async function archiveCreative(organizationId: string, creativeId: string, actor: Actor, deps: DomainDeps, now: Date = new Date()) {
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.creative.updateMany({
      where: { id: creativeId, archivedAt: null, campaign: { organizationId } },
      data: { archivedAt: now },
    });
    if (count > 0) {
      const { name } = await tx.creative.findUniqueOrThrow({ where: { id: creativeId }, select: { name: true } });
      await recordAuditEvent(tx, { organizationId, actor, action: "creative.archived", target: { id: creativeId, name } });
    }
    return count;
  });
  if (count > 0) await deps.invalidate();
  const creative = await deps.prisma.creative.findFirst({ where: { id: creativeId, campaign: { organizationId } } });
  if (!creative) throw creativeNotFound();
  return creative;
}
