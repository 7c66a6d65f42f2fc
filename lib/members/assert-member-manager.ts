import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { assignableRoles, can, permissionRefusalMessage } from "@/lib/model/permissions";
import { memberMessages } from "@/lib/zod/schemas/members";

/** Who acts: a user, in the organisation of the session. */
export interface MemberActor {
  organizationId: string;
  userId: string;
}

/**
 * The actor's role, read from the database at the time of the action (a role changed since
 * the page was loaded counts); refuses unless that role manages members. The action checked
 * the session's role already: this holds for a direct call of the domain too.
 */
export async function assertMemberManager(actor: MemberActor, deps: ReadDeps): Promise<MemberRole> {
  const membership = await deps.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId: actor.organizationId, userId: actor.userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("forbidden", memberMessages.notAMember);
  if (!can(membership.role, "members:manage")) throw new AppError("forbidden", permissionRefusalMessage(membership.role, "members:manage"));
  return membership.role;
}

/**
 * Refuses unless a member with `actorRole` may give or take `role` (assignableRoles): an
 * admin never touches an owner, and only an owner makes one.
 */
export function assertAssignable(actorRole: MemberRole, role: MemberRole): void {
  if (assignableRoles(actorRole).includes(role)) return;
  throw new AppError("forbidden", role === "OWNER" ? memberMessages.ownerOnly : memberMessages.roleNotAssignable);
}
