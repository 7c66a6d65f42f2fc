import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { assertAssignable, assertMemberManager, type MemberActor } from "./assert-member-manager";
import { generateInvitationToken, hashInvitationToken, INVITATION_TTL_MS, invitationIdentifier, invitationValue } from "./invitation-token";
import type { InvitationView } from "./list-invitations";

/**
 * A new invitation to the actor's organisation (members:manage) with a role the actor may
 * give, valid for 7 days and for one use. The token is in the result and nowhere else: the
 * caller shows the link once.
 */
export async function createInvitation(
  actor: MemberActor,
  role: MemberRole,
  deps: ReadDeps,
  now: Date = new Date(),
): Promise<{ invitation: InvitationView; token: string }> {
  assertAssignable(await assertMemberManager(actor, deps), role);
  const token = generateInvitationToken();
  const row = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.verification.create({
      data: {
        id: randomUUID(),
        identifier: invitationIdentifier(actor.organizationId),
        value: invitationValue(hashInvitationToken(token), role),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdAt: now,
      },
    });
    // The invitation, never its token.
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actor: await userActor(tx, actor.userId), action: "invitation.created", target: { id: created.id, name: `Invitation (${role})` }, detail: { role } });
    return created;
  });
  return { invitation: { id: row.id, role, createdAt: row.createdAt, expiresAt: row.expiresAt }, token };
}
