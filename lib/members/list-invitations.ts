import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { invitationIdentifier, roleOfInvitationValue } from "./invitation-token";

export interface InvitationView {
  id: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
}

/** The organisation's pending invitations (not used, revoked or expired), newest first. */
export async function listInvitations(organizationId: string, deps: ReadDeps, now: Date = new Date()): Promise<InvitationView[]> {
  const rows = await deps.prisma.verification.findMany({
    where: { identifier: invitationIdentifier(organizationId), expiresAt: { gt: now } },
    select: { id: true, value: true, createdAt: true, expiresAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ id: row.id, role: roleOfInvitationValue(row.value), createdAt: row.createdAt, expiresAt: row.expiresAt }));
}
