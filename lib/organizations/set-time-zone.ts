import { dashboardActor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { OrganizationActor } from "./set-two-factor-requirement";

export const timeZoneMessages = {
  notFound: "That organisation was not found. Nothing was changed.",
} as const;

/**
 * Moves the organisation to another time zone (an IANA name, checked by the form's schema):
 * every date its members see and enter from then on, and the days, hours and daily budgets
 * its campaigns keep. Serving reads the zone from the cached active set, so a change drops
 * it. Recorded in the audit log with the zone it was in; choosing the current zone changes
 * nothing and records nothing.
 */
export async function setTimeZone(actor: OrganizationActor, timeZone: string, deps: DomainDeps): Promise<{ changed: boolean }> {
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { id: actor.organizationId }, select: { id: true, name: true, timeZone: true } });
    if (!organization) throw new AppError("not_found", timeZoneMessages.notFound);
    if (organization.timeZone === timeZone) return { changed: false };
    await tx.organization.update({ where: { id: organization.id }, data: { timeZone } });
    await recordAuditEvent(tx, {
      organizationId: organization.id,
      actor: dashboardActor(actor.user),
      action: "organization.updated",
      target: { id: organization.id, name: organization.name },
      detail: { changes: { timeZone }, from: organization.timeZone },
    });
    return { changed: true };
  });
  if (outcome.changed) await deps.invalidate();
  return outcome;
}
