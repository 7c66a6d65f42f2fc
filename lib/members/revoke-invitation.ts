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
  assertAssignable(actorRole, roleOfInvitationValue(invitation.value));
  const { count } = await deps.prisma.verification.deleteMany({ where });
  if (count === 0) throw new AppError("not_found", memberMessages.invitationNotFound);
}
