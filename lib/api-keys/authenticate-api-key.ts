import type { ReadDeps } from "@/lib/db/deps";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { hashApiKey, isWellFormedApiKey } from "./api-key-secret";

/** `lastUsedAt` is written at most this often per key (not on every request). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface AuthenticatedApiKey {
  apiKey: { id: string; name: string };
  organization: { id: string; name: string; kind: OrganizationKind };
}

/**
 * The live key and its organisation for a presented key, or null when there is no such key
 * or it was revoked (the caller answers both alike: which keys exist is nobody's business).
 * Marks the key used, at most once a minute: a conditional UPDATE, so concurrent requests
 * of one key write it once.
 */
export async function authenticateApiKey(presented: string, deps: ReadDeps, now: Date = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!isWellFormedApiKey(presented)) return null;
  const key = await deps.prisma.apiKey.findUnique({
    where: { hashedKey: hashApiKey(presented) },
    select: { id: true, name: true, revokedAt: true, lastUsedAt: true, organization: { select: { id: true, name: true, kind: true } } },
  });
  if (!key || key.revokedAt !== null) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (key.lastUsedAt === null || key.lastUsedAt < staleBefore) {
    await deps.prisma.apiKey
      .updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } })
      .catch((error: unknown) => console.error("Could not record the use of an API key:", error));
  }
  return { apiKey: { id: key.id, name: key.name }, organization: key.organization };
}
