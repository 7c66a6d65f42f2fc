import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * What a domain function needs from the outside: the database, and for every write that can
 * change what is served, a way to drop the cached active set. The app wires them in
 * lib/cache/deps.ts (the process's client, invalidateActiveCampaigns); tests pass a fresh
 * PGlite client and a counting function. Only the function's type lives here: the database
 * layer knows nothing of the cache above it.
 */
export interface DomainDeps {
  prisma: PrismaClient;
  /** Drops the cached active set, so a change reaches serving within the in-process TTL. */
  invalidate: () => Promise<void>;
}

/** What reads (and writes that change nothing served) need: the database alone. */
export type ReadDeps = Pick<DomainDeps, "prisma">;
