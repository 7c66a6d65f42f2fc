import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CLICK_MAX_AGE_SECONDS } from "@/lib/offers/offer-token";

// Retention of raw events. Impression and click rows exist to make tracking exactly-once;
// the reports read the hourly rollups, which are never touched here — so pruning changes
// no report. Deleted in batches (short transactions, short locks), oldest rows by their own
// time, until none is left or the time budget is spent (a cron run has a deadline; the next
// run carries on).

export const DEFAULT_RETENTION_DAYS = 90;
/**
 * A click counts only while its impression row exists, and click tokens live a day: keep at
 * least two days so that pruning never refuses a click that is still valid.
 */
export const MIN_RETENTION_DAYS = Math.ceil((2 * CLICK_MAX_AGE_SECONDS) / 86_400);

export interface PruneEventsOptions {
  /** Rows older than this many days are deleted (default 90). */
  olderThanDays?: number;
  /** Rows per DELETE (default 5,000). */
  batchSize?: number;
  /** Stop starting new batches after this long (default 50 s). */
  timeBudgetMs?: number;
  now?: Date;
}

export interface PruneEventsResult {
  /** Events that occurred before this instant were deleted. */
  cutoff: Date;
  impressions: number;
  clicks: number;
  /** False when the time budget ran out with old rows left. */
  complete: boolean;
}

export async function pruneEvents(prisma: PrismaClient, options: PruneEventsOptions = {}): Promise<PruneEventsResult> {
  const olderThanDays = options.olderThanDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(olderThanDays) || olderThanDays < MIN_RETENTION_DAYS) {
    throw new RangeError(`olderThanDays must be an integer of at least ${MIN_RETENTION_DAYS}`);
  }
  const batchSize = options.batchSize ?? 5_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
  const now = options.now ?? new Date();
  const deadline = Date.now() + (options.timeBudgetMs ?? 50_000);
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000);
  // "occurredAt" is a timestamp without time zone holding UTC: compare with UTC text.
  const before = cutoff.toISOString().replace("T", " ").replace("Z", "");

  const result: PruneEventsResult = { cutoff, impressions: 0, clicks: 0, complete: false };
  // Clicks first: a click is never older than its impression.
  for (const table of ["click", "impression"] as const) {
    for (;;) {
      if (Date.now() >= deadline) return result;
      const deleted =
        table === "click"
          ? await prisma.$executeRaw`
              DELETE FROM "click" WHERE "offerId" IN (
                SELECT "offerId" FROM "click" WHERE "occurredAt" < ${before}::timestamp LIMIT ${batchSize})`
          : await prisma.$executeRaw`
              DELETE FROM "impression" WHERE "offerId" IN (
                SELECT "offerId" FROM "impression" WHERE "occurredAt" < ${before}::timestamp LIMIT ${batchSize})`;
      if (table === "click") result.clicks += deleted;
      else result.impressions += deleted;
      if (deleted < batchSize) break;
    }
  }
  result.complete = true;
  return result;
}
