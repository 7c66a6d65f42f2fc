import { createHash, randomBytes } from "node:crypto";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { memberRoles } from "@/lib/zod/schemas/members";

// An invitation is a Verification row: identifier `invite:<organizationId>`, value
// `<SHA-256 of the token, hex>:<role>`. The token is in the link and nowhere else, so a
// leaked database holds no working link. 256 random bits need no slow hash.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const INVITATION_PREFIX = "invite:";

export function generateInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function invitationIdentifier(organizationId: string): string {
  return `${INVITATION_PREFIX}${organizationId}`;
}

/** The organisation of an invitation identifier, or null for another kind of verification. */
export function organizationOfIdentifier(identifier: string): string | null {
  return identifier.startsWith(INVITATION_PREFIX) ? identifier.slice(INVITATION_PREFIX.length) : null;
}

export function invitationValue(tokenHash: string, role: MemberRole): string {
  return `${tokenHash}:${role}`;
}

/** The values a token's invitation may have, one per role (an exact match, no pattern). */
export function invitationValuesOf(token: string): string[] {
  const tokenHash = hashInvitationToken(token);
  return memberRoles.map((role) => invitationValue(tokenHash, role));
}

/** The role an invitation gives; an unreadable one gives the least (read-only), never more. */
export function roleOfInvitationValue(value: string): MemberRole {
  return memberRoles.find((role) => value.endsWith(`:${role}`)) ?? "VIEWER";
}
