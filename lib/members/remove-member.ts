import type { DomainDeps } from "@/lib/db/deps";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertAssignable, assertMemberManager, type MemberActor } from "./assert-member-manager";
import { lockOwners } from "./lock-owners";

/**
 * Removes a member from the organisation (members:manage; an owner only by an owner; never
 * the last owner; the user account stays). Their API keys of this organisation are revoked in
 * the same transaction: a key must not outlive its creator's membership. Removing an owner
 * drops the cached active set (whether the organisation may spend or earn depends on its owners).
 */
export async function removeMember(actor: MemberActor, membershipId: string, deps: DomainDeps, now: Date = new Date()): Promise<void> {
  const actorRole = await assertMemberManager(actor, deps);
  const removedRole = await deps.prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.organizationId);
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } },
    });
    if (!membership) throw new AppError("not_found", memberMessages.membershipNotFound);
    assertAssignable(actorRole, membership.role);
    if (membership.role === "OWNER" && owners <= 1) throw new AppError("conflict", memberMessages.lastOwner);
    await tx.membership.delete({ where: { id: membership.id } });
    const { count: apiKeysRevoked } = await tx.apiKey.updateMany({
      where: { organizationId: actor.organizationId, createdById: membership.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actor: await userActor(tx, actor.userId),
      action: "member.removed",
      target: { id: membership.userId, name: `${membership.user.name} <${membership.user.email}>` },
      detail: { role: membership.role, apiKeysRevoked },
    });
    return membership.role;
  });
  if (removedRole === "OWNER") await deps.invalidate();
}
