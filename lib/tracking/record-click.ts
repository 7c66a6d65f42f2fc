import type { Judgement } from "./invalid-traffic";
import { clickCostMicros, impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import { notifyBudgetExhausted, utcTimestamp, type Recorded, type TrackingDeps } from "./record-impression";

export type ClickOutcome = "counted" | "duplicate";

/**
 * Records the click of a verified offer exactly once. A click proves its ad was on screen:
 * when the impression is not stored yet (clicked within the view timer's first second), the
 * database records both, atomically — so no click is lost, and clicks ≤ impressions still
 * holds for every campaign, creative, placement and hour (CTR cannot pass 100 %). A click is
 * valid only if its impression is.
 *
 * One statement (a database function: one round trip, atomic) inserts the click (the primary
 * key refuses a second one), charges CPC campaigns with the budget guard, and adds the click
 * to the rollup row of the impression (its hour, country and device). No Redis command: as
 * for impressions (record-impression.ts), a claim in front of the database's key bought
 * nothing but commands.
 *
 * Throws when the database cannot record (the caller parks the click: click-buffer.ts).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date = new Date()): Promise<Recorded<ClickOutcome>> {
  return recordClickInDatabase(deps, offer, verdict, now);
}

/** The database's decision on a click: live clicks and replays of parked ones alike. */
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
  if (row.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return { outcome: row.outcome, validity: row.validity };
}
