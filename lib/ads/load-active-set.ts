import type { PrismaClient } from "@/lib/generated/prisma/client";
import { VERIFIED_ORGANIZATION } from "@/lib/model/organization";
import { activeCampaign, activePlacement, type ActiveSet } from "./active-set";

/**
 * How far ahead a set includes campaigns whose flight has not started: longer than any copy
 * of the set lives (Redis keeps it 5 minutes), so a flight starts on time on every instance —
 * each decision checks the flight against its own clock — without an invalidation at its start.
 */
export const FLIGHT_LOOKAHEAD_MS = 10 * 60_000;

/**
 * Reads the active set from the database: campaigns that are ACTIVE, in flight or starting
 * within FLIGHT_LOOKAHEAD_MS, with at least one approved creative, and every live placement
 * with its site's domains — of organisations that may spend or earn (VERIFIED_ORGANIZATION:
 * an owner confirmed their e-mail address). Campaigns that spent their budget are still loaded; the decision
 * engine skips them with the spend state carried here.
 */
export async function loadActiveSet(prisma: PrismaClient, now: number = Date.now()): Promise<ActiveSet> {
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
      include: { site: { select: { domain: true, extraDomains: true, adLabel: true } } },
      orderBy: { id: "asc" },
    }),
  ]);

  return {
    builtAt: now,
    campaigns: campaigns.map(activeCampaign),
    placements: placements.map(activePlacement),
  };
}

/**
 * A fingerprint of what loadActiveSet reads that people change: the latest edit and the row
 * count of campaigns, creatives, placements and sites (a site's domains and disclosure label
 * are on its placements' entries; every edit goes through Prisma, which sets
 * updatedAt; counts catch deletions), of users (a confirmed address lets an organisation
 * serve; better-auth sets updatedAt) and of organisations (their time zone is their
 * campaigns'). One small query, used while Redis is unavailable to tell whether the
 * in-process copy is still current without loading it again. Spend, which
 * tracking updates with raw SQL, is not in it: the cache reloads in full on a timer for that.
 */
export async function activeSetVersion(prisma: PrismaClient): Promise<string> {
  const [row] = await prisma.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "campaign"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "creative"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "placement"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "site"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "user"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "organization")) AS "version"`;
  return row?.version ?? "";
}
