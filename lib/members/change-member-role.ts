import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertOwner, type MemberActor } from "./assert-owner";
import { lockOwners } from "./lock-owners";

/** Sets a member's role (owners only). The last owner cannot be made a member. */
export async function changeMemberRole(actor: MemberActor, membershipId: string, role: MemberRole, deps: ReadDeps): Promise<void> {
  await assertOwner(actor, deps);
  await deps.prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.organizationId);
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId: actor.organizationId }, select: { id: true, role: true } });
    if (!membership) throw new AppError("not_found", memberMessages.membershipNotFound);
    if (membership.role === role) return;
    if (membership.role === "OWNER" && owners <= 1) throw new AppError("conflict", memberMessages.lastOwner);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
  });
}
