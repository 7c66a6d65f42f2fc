import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { publisherVisibilityMessages } from "@/lib/zod/schemas/publisher-visibility";
import { OPERATOR_ROLE } from "./lock-operators";

/**
 * An operator marks a publisher organisation as a test publisher — its placements are no longer
 * offered in advertisers' targeting picker, nor accepted as new targets — or undoes it. Serving
 * is unchanged (campaigns that already target its placements keep them until edited away), so
 * the active set is not dropped. Checked here as well as by the action's wrapper: only an
 * operator, only a publisher. Audited in the publisher's log, under the operator's name.
 */
export async function setHiddenFromAdvertisers(actorId: string, organizationId: string, hidden: boolean, { prisma }: ReadDeps): Promise<{ name: string; changed: boolean }> {
  return prisma.$transaction(async (tx) => {
    const actor = await tx.user.findUnique({ where: { id: actorId }, select: { role: true } });
    if (actor?.role !== OPERATOR_ROLE) throw new AppError("forbidden", publisherVisibilityMessages.notOperator);
    const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, kind: true, hiddenFromAdvertisers: true } });
    if (!organization || organization.kind !== "PUBLISHER") throw new AppError("not_found", publisherVisibilityMessages.publisherNotFound);
    if (organization.hiddenFromAdvertisers === hidden) return { name: organization.name, changed: false };
    await tx.organization.update({ where: { id: organizationId }, data: { hiddenFromAdvertisers: hidden } });
    await recordAuditEvent(tx, {
      organizationId,
      actor: await userActor(tx, actorId),
      action: hidden ? "organization.hidden_from_advertisers" : "organization.shown_to_advertisers",
      target: { id: organization.id, name: organization.name },
    });
    return { name: organization.name, changed: true };
  });
}
