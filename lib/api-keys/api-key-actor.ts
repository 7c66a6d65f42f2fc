import type { MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";

/**
 * Who creates, lists or revokes keys: a member of the organisation of the session, with the
 * role the session read from the database for this request.
 */
export interface ApiKeyActor {
  /** timeZone: the organisation's, in which an expiry date is read (UTC when not given). */
  organization: { id: string; kind: OrganizationKind; timeZone?: string };
  userId: string;
  role: MemberRole;
}
