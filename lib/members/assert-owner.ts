import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";

/** Who acts: a user, in the organisation of the session. */
export interface MemberActor {
  organizationId: string;
  userId: string;
}

/**
 * Refuses unless the actor is an OWNER of the organisation, read from the database at the
 * time of the action (a role changed since the page was loaded counts).
 */
export async function assertOwner(actor: MemberActor, deps: ReadDeps): Promise<void> {
  const membership = await deps.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId: actor.organizationId, userId: actor.userId } },
    select: { role: true },
  });
  if (membership?.role !== "OWNER") throw new AppError("forbidden", memberMessages.ownerOnly);
}
