import type { Judgement } from "./invalid-traffic";
import { clickCostMicros, impressionCostMicros } from "@/lib/model/pricing";
import { CLICK_MAX_AGE_SECONDS, type Offer } from "@/lib/offers/offer-token";
import { bestEffort, notifyBudgetExhausted, PENDING, STORED, utcTimestamp, type Recorded, type TrackingDeps } from "./record-impression";

export type ClickOutcome = "counted" | "duplicate";

/** Redis key that claims an offer's click; it outlives every click token that can still count. */
export function clickKey(offerId: string): string {
  return `clk:${offerId}`;
}

const CLICK_KEY_TTL_SECONDS = 2 * CLICK_MAX_AGE_SECONDS;

/**
 * Records the click of a verified offer exactly once. A click proves its ad was on screen:
 * when the impression is not stored yet (clicked within the view timer's first second), the
 * database records both, atomically — so no click is lost, and clicks ≤ impressions still
 * holds for every campaign, creative, placement and hour (CTR cannot pass 100 %). A click is
 * valid only if its impression is.
 *
 * Fast path: `SET clk:<offer> pending NX EX` and a GET (one round trip). "1" means the
 * database holds the click: a duplicate. "pending" means another copy is being written (or
 * its write failed and the claim could not be released): this copy asks the database too.
 * Truth: one statement (a database function: one round trip, atomic) that inserts the click
 * (the primary key refuses a second one), charges CPC campaigns with the budget guard, and
 * adds the click to the rollup row of the impression (its hour, country and device).
 *
 * Throws when the database cannot record (the claim is released so a retry can count).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date = new Date()): Promise<Recorded<ClickOutcome>> {
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
  if (claim === "stored") return { outcome: "duplicate", validity: verdict.validity };

  try {
    return await recordClickInDatabase(deps, offer, verdict, now);
  } catch (error) {
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
    throw error;
  }
}

/**
 * The database's decision on a click, without the Redis fast path: for replays of parked
 * clicks, where a leftover claim must not turn a click that was never stored into a duplicate.
 */
export async function recordClickInDatabase(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date): Promise<Recorded<ClickOutcome>> {
  const clicks = deps.policy.enabled ? deps.policy.clicks : [];
  // One statement, one round trip: see marquee_record_click in prisma/migrations.
  const [row] = await deps.prisma.$queryRaw<(Recorded<ClickOutcome> & { exhausted: boolean })[]>`
    SELECT "outcome", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_click(
      ${offer.offerId}, ${utcTimestamp(now)}::timestamptz AT TIME ZONE 'UTC', ${BigInt(clickCostMicros(offer))}::bigint,
      ${verdict.client}, ${verdict.validity}::"EventValidity", ${verdict.pageHost ?? null}::text,
      ${clicks.map((window) => window.limit)}::int[], ${clicks.map((window) => window.windowSeconds)}::int[],
      ${offer.campaignId}, ${offer.creativeId}, ${offer.placementId}, ${offer.country}, ${offer.device}::"DeviceType",
      ${BigInt(impressionCostMicros(offer))}::bigint)`;
  if (!row) throw new Error("marquee_record_click returned no row");
  deps.defer(() => bestEffort(deps.store, [{ op: "set", key: clickKey(offer.offerId), value: STORED, ttlSeconds: CLICK_KEY_TTL_SECONDS }]));
  if (row.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return { outcome: row.outcome, validity: row.validity };
}
