import { dashboardActor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";

/** The owner changing the setting: their organisation, and who they are (the audit log's actor). */
export interface OrganizationActor {
  organizationId: string;
  user: { id: string; email: string };
}

export const twoFactorRequirementMessages = {
  ownTwoFactorFirst:
    "Turn on two-factor authentication for your own account first (Settings → Security): an organisation that requires it must not lock out the person who turned the requirement on.",
  notFound: "That organisation was not found. Nothing was changed.",
} as const;

/**
 * Requires (or stops requiring) two-factor authentication of every member of the organisation.
 * Members without it are sent to set it up at their next page or action (lib/auth/session.ts
 * requireOrganization). Whoever turns it on must have it on already. A change is recorded in
 * the audit log with it; setting what is already set changes nothing and records nothing.
 */
export async function setTwoFactorRequirement(actor: OrganizationActor, required: boolean, deps: ReadDeps): Promise<{ changed: boolean }> {
  if (required) {
    // From the database, not the session: the session may predate turning it on or off.
    const user = await deps.prisma.user.findUnique({ where: { id: actor.user.id }, select: { twoFactorEnabled: true } });
    if (!user?.twoFactorEnabled) throw new AppError("conflict", twoFactorRequirementMessages.ownTwoFactorFirst);
  }
  return deps.prisma.$transaction(async (tx) => {
    const changed = await tx.organization.updateMany({ where: { id: actor.organizationId, requireTwoFactor: !required }, data: { requireTwoFactor: required } });
    const organization = await tx.organization.findUnique({ where: { id: actor.organizationId }, select: { id: true, name: true } });
    if (!organization) throw new AppError("not_found", twoFactorRequirementMessages.notFound);
    if (changed.count === 0) return { changed: false };
    await recordAuditEvent(tx, {
      organizationId: organization.id,
      actor: dashboardActor(actor.user),
      action: "organization.updated",
      target: { id: organization.id, name: organization.name },
      detail: { changes: { requireTwoFactor: required } },
    });
    return { changed: true };
  });
}
