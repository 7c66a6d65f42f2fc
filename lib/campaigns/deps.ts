import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * What the advertiser's domain functions need: the database and, for every write, the
 * cache of the active set (invalidateActiveCampaigns in the app; tests pass a fresh PGlite
 * client and a counting function).
 */
export interface CampaignDeps {
  prisma: PrismaClient;
  /** Drops the cached active set, so a change reaches serving within the in-process TTL. */
  invalidate: () => Promise<void>;
}

export type CampaignReadDeps = Pick<CampaignDeps, "prisma">;
