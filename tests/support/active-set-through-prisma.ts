// The active set as Prisma's models read it, campaigns with their creatives included: the loader
// lib/ads/load-active-set.ts had before it read campaigns and creatives as plain rows, kept as the
// reference that tests/integration/ads/load-active-set.test.ts compares it with. Its filters are
// Prisma's where-fragments, VERIFIED_ORGANIZATION among them, the one the rest of the app decides
// serving with: a change there that the loader's SQL misses fails the comparison.
import { activeCampaign, activePlacement, type ActiveSet } from "@/lib/ads/active-set";
import { FLIGHT_LOOKAHEAD_MS } from "@/lib/ads/load-active-set";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { VERIFIED_ORGANIZATION } from "@/lib/model/organization";

/** loadActiveSet through Prisma's models: campaigns with their creatives included, every record mapped here. */
export async function loadActiveSetThroughPrisma(prisma: PrismaClient, now: number = Date.now()): Promise<ActiveSet> {
  const at = new Date(now);
  const [campaigns, placements] = await Promise.all([
    prisma.campaign.findMany({
      where: {
        status: "ACTIVE",
        startsAt: { lte: new Date(now + FLIGHT_LOOKAHEAD_MS) },
        OR: [{ endsAt: null }, { endsAt: { gt: at } }],
        creatives: { some: { reviewStatus: "APPROVED", archivedAt: null } },
        organization: VERIFIED_ORGANIZATION,
      },
      include: {
        creatives: { where: { reviewStatus: "APPROVED", archivedAt: null }, orderBy: { id: "asc" } },
        organization: { select: { timeZone: true } },
      },
      orderBy: { id: "asc" },
    }),
    prisma.placement.findMany({
      where: { archivedAt: null, site: { organization: VERIFIED_ORGANIZATION } },
      include: { site: { select: { domain: true, extraDomains: true, blockedDomains: true, adLabel: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  return { builtAt: now, campaigns: campaigns.map(activeCampaign), placements: placements.map(activePlacement) };
}
