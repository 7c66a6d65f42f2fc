import type { ReadDeps } from "@/lib/db/deps";
import type { ApiKeyAccess, MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { hashApiKey, isWellFormedApiKey } from "./api-key-secret";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";

/** `lastUsedAt` is written at most this often per key (not on every request). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface AuthenticatedApiKey {
  apiKey: { id: string; name: string; access: ApiKeyAccess };
  organization: { id: string; name: string; kind: OrganizationKind };
  /** The key's creator, who must still be a member: the key acts as them, within its access. */
  actor: { userId: string; email: string };
  /** The creator's role in the organisation now (not when the key was made). */
  role: MemberRole;
}

/**
 * The live key, its organisation and its creator's current role for a presented key, or null
 * when there is no such key, it was revoked, it expired, or its creator is no longer a member
 * of its organisation (or their account is gone). The caller answers all of these alike:
 * which keys exist, and who left, is nobody's business.
 * Marks the key used, at most once a minute: a conditional UPDATE, so concurrent requests
 * of one key write it once.
 */
export async function authenticateApiKey(presented: string, deps: ReadDeps, now: Date = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!isWellFormedApiKey(presented)) return null;
  const key = await deps.prisma.apiKey.findUnique({
    where: { hashedKey: hashApiKey(presented) },
    select: {
      id: true,
      name: true,
      access: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdBy: { select: { id: true, email: true } },
      organization: { select: { id: true, name: true, kind: true } },
    },
  });
  if (!key || key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now) || !key.createdBy) return null;
  // Membership is read on every request, not cached: a removed member's key stops at once,
  // even where removing them did not revoke it.
  const membership = await deps.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId: key.organization.id, userId: key.createdBy.id } },
    select: { role: true },
  });
  if (!membership) return null;

  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (key.lastUsedAt === null || key.lastUsedAt < staleBefore) {
    await deps.prisma.apiKey
      .updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } })
      .catch((error: unknown) => log().warn({ outcome: "key_use_not_recorded", apiKeyId: key.id, error: describeError(error) }, "The last use of an API key could not be recorded"));
  }
  return {
    apiKey: { id: key.id, name: key.name, access: key.access },
    organization: key.organization,
    actor: { userId: key.createdBy.id, email: key.createdBy.email },
    role: membership.role,
  };
}
