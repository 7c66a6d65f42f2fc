import type { Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { placementSettingsOf, type PlacementInput } from "@/lib/model/placement";

export const ARCHIVED_PLACEMENT_MESSAGE = "This placement is archived and can no longer be changed.";

/** Changes a live placement of the organisation (size, keywords and floor change what serves). */
export async function updatePlacement(organizationId: string, placementId: string, input: PlacementInput, actor: Actor, deps: DomainDeps) {
  const settings = placementSettingsOf(input);
  const count = await deps.prisma.$transaction(async (tx) => {
    // Read in the transaction, for the log's "what changed"; the guarded update below decides.
    const current = await tx.placement.findFirst({ where: { id: placementId, archivedAt: null, site: { organizationId } } });
    const { count } = await tx.placement.updateMany({ where: { id: placementId, archivedAt: null, site: { organizationId } }, data: settings });
    const changes = current && changedFields(placementSettingsOf(current), settings);
    if (count > 0 && changes) await recordAuditEvent(tx, { organizationId, actor, action: "placement.updated", target: { id: placementId, name: settings.name }, detail: changes });
    return count;
  });
  if (count === 0) {
    const archived = await deps.prisma.placement.findFirst({ where: { id: placementId, site: { organizationId } }, select: { id: true } });
    if (archived) throw new AppError("conflict", ARCHIVED_PLACEMENT_MESSAGE);
    throw new AppError("not_found", "Placement not found.");
  }
  await deps.invalidate();
  return deps.prisma.placement.findUniqueOrThrow({ where: { id: placementId } });
}
