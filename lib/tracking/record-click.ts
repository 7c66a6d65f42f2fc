import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CLICK_MAX_AGE_SECONDS, clickCostMicros, type Offer } from "./offer-token";
import { bestEffort, notifyBudgetExhausted, utcTimestamp, type TrackingDeps } from "./record-impression";

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
 * Fast path: `SET clk:<offer> 1 NX EX` (one round trip); a refused NX is a duplicate.
 * Truth: one statement (a database function: one round trip, atomic) that inserts the click from the impression row (no impression
 * row, no click; the primary key refuses a second one), charges CPC campaigns with the
 * budget guard, and adds the click to the rollup row of the impression (its hour, country
 * and device), not of the click's own time.
 *
 * Throws when the database cannot record (the claim is released so a retry can count).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, now: Date = new Date()): Promise<ClickOutcome> {
  const key = clickKey(offer.offerId);
  let claim: "claimed" | "duplicate" | "unknown";
  try {
    claim = (await deps.store.setIfAbsent(key, "1", CLICK_KEY_TTL_SECONDS)) ? "claimed" : "duplicate";
  } catch {
    claim = "unknown"; // Redis unavailable: the database decides alone.
  }
  if (claim === "duplicate") return "duplicate";

  let written: { outcome: ClickOutcome; exhausted: boolean };
  try {
    written = await writeClick(deps.prisma, offer, now);
  } catch (error) {
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
    throw error;
  }
  // The impression may still be on its way (or its beacon lost): let a later click try again.
  if (written.outcome === "no_impression") await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
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
