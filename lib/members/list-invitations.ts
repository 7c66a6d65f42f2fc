import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { invitationIdentifier, roleOfInvitationValue } from "./invitation-token";

export interface InvitationView {
  id: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
  /** The address the link was mailed to (from the audit log: the link is not bound to it); null when it was only shown. */
  sentTo: string | null;
}

/** The organisation's pending invitations (not used, revoked or expired), newest first. */
export async function listInvitations(organizationId: string, deps: ReadDeps, now: Date = new Date()): Promise<InvitationView[]> {
  const rows = await deps.prisma.verification.findMany({
    where: { identifier: invitationIdentifier(organizationId), expiresAt: { gt: now } },
    select: { id: true, value: true, createdAt: true, expiresAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const created = await deps.prisma.auditEvent.findMany({
    where: { organizationId, action: "invitation.created", targetId: { in: rows.map((row) => row.id) } },
    select: { targetId: true, detail: true },
  });
  const sentTo = new Map(created.map((event) => [event.targetId, addressIn(event.detail)]));
  return rows.map((row) => ({ id: row.id, role: roleOfInvitationValue(row.value), createdAt: row.createdAt, expiresAt: row.expiresAt, sentTo: sentTo.get(row.id) ?? null }));
}

function addressIn(detail: unknown): string | null {
  const sentTo = detail && typeof detail === "object" ? (detail as { sentTo?: unknown }).sentTo : undefined;
  return typeof sentTo === "string" ? sentTo : null;
}
