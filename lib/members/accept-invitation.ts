import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";
import { findInvitation, type PendingInvitation } from "./find-invitation";

/**
 * Adds the user to the inviting organisation with the invited role and consumes the
 * invitation, in one transaction: the conditional delete lets exactly one acceptance of a
 * link win, and an existing membership rolls the whole thing back (the link stays usable).
 */
export async function acceptInvitation(token: string, userId: string, deps: ReadDeps, now: Date = new Date()): Promise<PendingInvitation> {
  const invitation = await findInvitation(token, deps, now);
  if (!invitation) throw new AppError("gone", memberMessages.invitationInvalid);
  await deps.prisma.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organization.id, userId } },
      select: { id: true },
    });
    if (existing) throw new AppError("conflict", memberMessages.alreadyMember);
    const { count } = await tx.verification.deleteMany({ where: { id: invitation.id, expiresAt: { gt: now } } });
    if (count === 0) throw new AppError("gone", memberMessages.invitationInvalid);
    const member = await tx.membership.create({
      data: { organizationId: invitation.organization.id, userId, role: invitation.role },
      select: { user: { select: { name: true, email: true } } },
    });
    await recordAuditEvent(tx, {
      organizationId: invitation.organization.id,
      actor: await userActor(tx, userId),
      action: "member.joined",
      target: { id: userId, name: `${member.user.name} <${member.user.email}>` },
      detail: { role: invitation.role },
    });
  });
  return invitation;
}
