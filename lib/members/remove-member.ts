import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertOwner, type MemberActor } from "./assert-owner";
import { lockOwners } from "./lock-owners";

/** Removes a member from the organisation (owners only; the user account stays). Never the last owner. */
export async function removeMember(actor: MemberActor, membershipId: string, deps: ReadDeps): Promise<void> {
  await assertOwner(actor, deps);
  await deps.prisma.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.organizationId);
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId: actor.organizationId }, select: { id: true, role: true } });
    if (!membership) throw new AppError("not_found", memberMessages.membershipNotFound);
    if (membership.role === "OWNER" && owners <= 1) throw new AppError("conflict", memberMessages.lastOwner);
    await tx.membership.delete({ where: { id: membership.id } });
  });
}
