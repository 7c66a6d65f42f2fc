import type { PrismaClient } from "@/lib/generated/prisma/client";

/** What the publisher's domain functions need: the database, and for writes that change serving, the cache. */
export interface PublisherDeps {
  prisma: PrismaClient;
  /** Drops the cached active set (invalidateActiveCampaigns in the app). */
  invalidate: () => Promise<void>;
}

export type PublisherReadDeps = Pick<PublisherDeps, "prisma">;
