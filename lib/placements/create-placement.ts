import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { placementSettingsOf, type PlacementInput } from "@/lib/model/placement";

/**
 * Adds a placement to one of the organisation's sites. The active set carries every live
 * placement, so the cache is invalidated: the new placement fills at once.
 */
export async function createPlacement(organizationId: string, siteId: string, input: PlacementInput, actor: Actor, deps: DomainDeps) {
  const site = await deps.prisma.site.findFirst({ where: { id: siteId, organizationId }, select: { id: true, name: true } });
  if (!site) throw new AppError("not_found", "Site not found.");
  const placement = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.placement.create({ data: { siteId: site.id, ...placementSettingsOf(input) } });
    await recordAuditEvent(tx, { organizationId, actor, action: "placement.created", target: created, detail: { site: { id: site.id, name: site.name } } });
    return created;
  });
  await deps.invalidate();
  return placement;
}
