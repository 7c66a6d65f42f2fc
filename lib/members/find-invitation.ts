import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { invitationTokenSchema } from "@/lib/zod/schemas/members";
import { invitationValuesOf, organizationOfIdentifier, roleOfInvitationValue } from "./invitation-token";

export interface PendingInvitation {
  id: string;
  role: MemberRole;
  expiresAt: Date;
  organization: { id: string; name: string; kind: OrganizationKind };
}

/** The pending invitation of a link's token, or null when it is unknown, used, revoked or expired. */
export async function findInvitation(token: string, deps: ReadDeps, now: Date = new Date()): Promise<PendingInvitation | null> {
  if (!invitationTokenSchema.safeParse(token).success) return null;
  const row = await deps.prisma.verification.findFirst({
    where: { value: { in: invitationValuesOf(token) }, identifier: { startsWith: "invite:" }, expiresAt: { gt: now } },
    select: { id: true, identifier: true, value: true, expiresAt: true },
  });
  const organizationId = row ? organizationOfIdentifier(row.identifier) : null;
  if (!row || !organizationId) return null;
  const organization = await deps.prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, kind: true } });
  if (!organization) return null;
  return { id: row.id, role: roleOfInvitationValue(row.value), expiresAt: row.expiresAt, organization };
}
