import "server-only";
import type { ActiveSet } from "@/lib/ads/active-set";
import { activeSetParts, readRestOfActiveSet } from "@/lib/ads/active-set-parts";
import { prepareAdIndex } from "@/lib/ads/serve-ad";
import { afterResponse } from "@/lib/http/after-response";
import { throttledLog } from "@/lib/log/throttled-log";
import { store, storeHandle } from "@/lib/redis";
import { ActiveCampaignsCache } from "./active-campaigns-cache";

const globalForCache = globalThis as unknown as { marqueeActiveCampaigns?: ActiveCampaignsCache<ActiveSet> };

/** This process's cache of the active set. */
export function activeCampaigns(): ActiveCampaignsCache<ActiveSet> {
  if (!globalForCache.marqueeActiveCampaigns) {
    const shared = store();
    const cache = new ActiveCampaignsCache<ActiveSet>({
      // The in-process store is this instance's alone: without Redis, the database's version decides.
      store: shared.kind === "memory" ? null : shared,
      // The database client and the loader (which builds its SQL with Prisma's runtime) are
      // imported when first needed: with a warm Redis a new instance serves its first ads
      // without loading Prisma at all (tests/unit/architecture.test.ts).
      load: async () => {
        const { loader, prisma } = await database();
        return loader.loadActiveSet(prisma);
      },
      version: async () => {
        const { loader, prisma } = await database();
        return loader.activeSetVersion(prisma);
      },
      // In parts: a new instance's first ad reads its placement's share of the set (lib/ads/active-set-parts.ts).
      codec: activeSetParts(),
      prepare: (set) => {
        prepareAdIndex(set);
        // After the ad that asked for it: the campaigns its lottery did not draw.
        afterResponse(() => readRestOfActiveSet(set));
      },
      defer: afterResponse,
      log: throttledLog(),
    });
    // The breaker reconnects in a request or on its probe timer: afterResponse serves both.
    storeHandle().breaker?.onConnect(() => afterResponse(() => cache.repairAfterOutage()));
    globalForCache.marqueeActiveCampaigns = cache;
  }
  return globalForCache.marqueeActiveCampaigns;
}

async function database() {
  const [loader, { prisma }] = await Promise.all([import("@/lib/ads/load-active-set"), import("@/lib/db")]);
  return { loader, prisma };
}

/** Call after every write that can change what is served (campaigns, creatives, placements). */
export function invalidateActiveCampaigns(): Promise<void> {
  return activeCampaigns().invalidate();
}
