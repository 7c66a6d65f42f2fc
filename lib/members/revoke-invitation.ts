import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertAssignable, assertMemberManager, type MemberActor } from "./assert-member-manager";
import { invitationIdentifier, roleOfInvitationValue } from "./invitation-token";

/**
 * Deletes one of the organisation's invitations (members:manage; an owner's invitation only
 * by an owner, as with making one); its link stops working.
 */
export async function revokeInvitation(actor: MemberActor, invitationId: string, deps: ReadDeps): Promise<void> {
  const actorRole = await assertMemberManager(actor, deps);
  const where = { id: invitationId, identifier: invitationIdentifier(actor.organizationId) };
  const invitation = await deps.prisma.verification.findFirst({ where, select: { value: true } });
  if (!invitation) throw new AppError("not_found", memberMessages.invitationNotFound);
  const role = roleOfInvitationValue(invitation.value);
  assertAssignable(actorRole, role);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.verification.deleteMany({ where });
    if (count === 0) throw new AppError("not_found", memberMessages.invitationNotFound);
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actor: await userActor(tx, actor.userId), action: "invitation.revoked", target: { id: invitationId, name: `Invitation (${role})` }, detail: { role } });
  });
}
