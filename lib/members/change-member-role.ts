import type { DomainDeps } from "@/lib/db/deps";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertAssignable, assertMemberManager, type MemberActor } from "./assert-member-manager";
import { lockOwners } from "./lock-owners";

/**
 * Sets a member's role (members:manage). The actor may take away only a role they may give
 * and give only such a role (an admin never touches an owner); the last owner stays one.
 * Whether an organisation may spend or earn depends on its owners (VERIFIED_ORGANIZATION):
 * a change to or from OWNER drops the cached active set.
 */
export async function changeMemberRole(actor: MemberActor, membershipId: string, role: MemberRole, deps: DomainDeps): Promise<void> {
  const actorRole = await assertMemberManager(actor, deps);
  const ownersChanged = await deps.prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.organizationId);
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId: actor.organizationId }, select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } } });
    if (!membership) throw new AppError("not_found", memberMessages.membershipNotFound);
    assertAssignable(actorRole, membership.role);
    assertAssignable(actorRole, role);
    if (membership.role === role) return false;
    if (membership.role === "OWNER" && owners <= 1) throw new AppError("conflict", memberMessages.lastOwner);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actor: await userActor(tx, actor.userId),
      action: "member.role_changed",
      target: { id: membership.userId, name: `${membership.user.name} <${membership.user.email}>` },
      detail: { previousRole: membership.role, changes: { role } },
    });
    return membership.role === "OWNER" || role === "OWNER";
  });
  if (ownersChanged) await deps.invalidate();
}
