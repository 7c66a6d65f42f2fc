import type { DomainDeps } from "@/lib/db/deps";
import { creativeNotFound } from "./creative-errors";

/**
 * Stops a creative from serving for good; it is kept (not deleted) so that reports keep it.
 * Archiving twice keeps the first date.
 */
export async function archiveCreative(organizationId: string, creativeId: string, deps: DomainDeps, now: Date = new Date()) {
  const { count } = await deps.prisma.creative.updateMany({
    where: { id: creativeId, archivedAt: null, campaign: { organizationId } },
    data: { archivedAt: now },
  });
  if (count > 0) await deps.invalidate();
  const creative = await deps.prisma.creative.findFirst({ where: { id: creativeId, campaign: { organizationId } } });
  if (!creative) throw creativeNotFound();
  return creative;
}
