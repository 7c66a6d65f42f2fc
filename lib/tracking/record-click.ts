import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CLICK_MAX_AGE_SECONDS, clickCostMicros, type Offer } from "./offer-token";
import { bestEffort, notifyBudgetExhausted, PENDING, STORED, utcTimestamp, type TrackingDeps } from "./record-impression";

export type ClickOutcome = "counted" | "duplicate" | "no_impression";

/** Redis key that claims an offer's click; it outlives every click token that can still count. */
export function clickKey(offerId: string): string {
  return `clk:${offerId}`;
}

const CLICK_KEY_TTL_SECONDS = 2 * CLICK_MAX_AGE_SECONDS;

/**
 * Records the click of a verified offer exactly once, and only when the offer's impression
 * was counted — so clicks ≤ impressions holds for every campaign, creative, placement and
 * hour, and CTR cannot pass 100 %.
 *
 * Fast path: `SET clk:<offer> pending NX EX` and a GET (one round trip). "1" means the
 * database holds the click: a duplicate. "pending" means another copy is being written (or
 * its write failed and the claim could not be released): this copy asks the database too.
 * Truth: one statement (a database function: one round trip, atomic) that inserts the click
 * from the impression row (no impression row, no click; the primary key refuses a second
 * one), charges CPC campaigns with the budget guard, and adds the click to the rollup row of
 * the impression (its hour, country and device), not of the click's own time.
 *
 * Throws when the database cannot record (the claim is released so a retry can count).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, now: Date = new Date()): Promise<ClickOutcome> {
  const key = clickKey(offer.offerId);
  let claim: "claimed" | "stored" | "unknown";
  try {
    const [claimed, value] = await deps.store.exec([
      { op: "setIfAbsent", key, value: PENDING, ttlSeconds: CLICK_KEY_TTL_SECONDS },
      { op: "get", key },
    ]);
    claim = claimed ? "claimed" : value === STORED ? "stored" : "unknown";
  } catch {
    claim = "unknown"; // Redis unavailable: the database decides alone.
  }
  if (claim === "stored") return "duplicate";

  try {
    return await recordClickInDatabase(deps, offer, now);
  } catch (error) {
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
    throw error;
  }
}

/**
 * The database's decision on a click, without the Redis fast path: for replays of parked
 * clicks, where a leftover claim must not turn a click that was never stored into a duplicate.
 */
export async function recordClickInDatabase(deps: TrackingDeps, offer: Offer, now: Date): Promise<ClickOutcome> {
  const key = clickKey(offer.offerId);
  const written = await writeClick(deps.prisma, offer, now);
  if (written.outcome === "no_impression") {
    // The impression may still be on its way (or its beacon lost): let a later click try again.
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
  } else {
    void bestEffort(deps.store, [{ op: "set", key, value: STORED, ttlSeconds: CLICK_KEY_TTL_SECONDS }]);
  }
  if (written.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return written.outcome;
}

async function writeClick(prisma: PrismaClient, offer: Offer, now: Date): Promise<{ outcome: ClickOutcome; exhausted: boolean }> {
  // One statement, one round trip: see marquee_record_click in prisma/migrations.
  const [row] = await prisma.$queryRaw<{ outcome: ClickOutcome; exhausted: boolean }[]>`
    SELECT "outcome", "exhausted" FROM marquee_record_click(
      ${offer.offerId}, ${utcTimestamp(now)}::timestamptz AT TIME ZONE 'UTC', ${BigInt(clickCostMicros(offer))}::bigint)`;
  if (!row) throw new Error("marquee_record_click returned no row");
  return { outcome: row.outcome, exhausted: row.exhausted };
}
