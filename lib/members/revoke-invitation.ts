import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { memberMessages } from "@/lib/zod/schemas/members";
import { assertOwner, type MemberActor } from "./assert-owner";
import { invitationIdentifier } from "./invitation-token";

/** Deletes one of the organisation's invitations (owners only); its link stops working. */
export async function revokeInvitation(actor: MemberActor, invitationId: string, deps: ReadDeps): Promise<void> {
  await assertOwner(actor, deps);
  const { count } = await deps.prisma.verification.deleteMany({
    where: { id: invitationId, identifier: invitationIdentifier(actor.organizationId) },
  });
  if (count === 0) throw new AppError("not_found", memberMessages.invitationNotFound);
}
