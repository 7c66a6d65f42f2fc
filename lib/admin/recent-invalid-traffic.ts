import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { timestampParameter } from "@/lib/db/timestamp-parameter";
import { rollupSumsSql, rollupTotals, type RollupSums } from "@/lib/reports/rollup-totals";

const HOUR = 3_600_000;

/** Recorded events of the last hour, valid and invalid (the health page's invalid-traffic rate). */
export interface RecentInvalidTraffic {
  /** The first rollup hour counted (UTC): the previous hour's start, so the window is 60–120 minutes. */
  since: string;
  impressions: { valid: number; invalid: number };
  clicks: { valid: number; invalid: number };
  /** Invalid share of every recorded event (impressions and clicks), 0–1; null without events. */
  rate: number | null;
}

/** The start of the previous hour: the rollups are hourly, so "the last hour" is read as this hour and the one before. */
export function recentWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR);
}

/** One aggregate over at most two hours of rollups (the primary key starts with the hour). */
export async function getRecentInvalidTraffic(deps: { prisma: PrismaClient }, now: Date = new Date()): Promise<RecentInvalidTraffic> {
  const since = recentWindowStart(now);
  const [row] = await deps.prisma.$queryRaw<RollupSums[]>(Prisma.sql`
    SELECT ${rollupSumsSql("hs")}
    FROM "hourly_stat" hs
    WHERE hs."hour" >= ${timestampParameter(since)}::timestamp`);
  const totals = row ? rollupTotals(row) : { impressions: 0, clicks: 0, invalidImpressions: 0, invalidClicks: 0 };
  const events = totals.impressions + totals.clicks + totals.invalidImpressions + totals.invalidClicks;
  const invalid = totals.invalidImpressions + totals.invalidClicks;
  return {
    since: since.toISOString(),
    impressions: { valid: totals.impressions, invalid: totals.invalidImpressions },
    clicks: { valid: totals.clicks, invalid: totals.invalidClicks },
    rate: events === 0 ? null : invalid / events,
  };
}
