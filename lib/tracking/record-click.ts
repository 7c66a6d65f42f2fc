import type { Judgement } from "./invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { notifyBudgetExhausted, type Recorded, type TrackingDeps } from "./record-impression";
import { writeClickGrouped } from "./write-clicks";

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
 * to the rollup row of the impression (its hour, country and device) — for every click that
 * queued behind the previous write at once (write-clicks.ts). No Redis command: as
 * for impressions (record-impression.ts), a claim in front of the database's key bought
 * nothing but commands.
 *
 * Throws when the database cannot record (the caller parks the click: event-buffer.ts).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date = new Date()): Promise<Recorded<ClickOutcome>> {
  return recordClickInDatabase(deps, offer, verdict, now);
}

/** The database's decision on a click: live clicks and replays of parked ones alike. */
export async function recordClickInDatabase(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date): Promise<Recorded<ClickOutcome>> {
  const clicks = deps.policy.enabled ? deps.policy.clicks : [];
  // Group commit (issue 16): written at once when no write is in flight, else in ONE statement
  // with the clicks that queued behind it (marquee_record_clicks in prisma/migrations);
  // resolves after its batch's commit, rejects when the batch failed (nothing of it recorded).
  const written = await writeClickGrouped(deps.prisma, { offer, verdict, at: now, clicks });
  if (written.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return { outcome: written.outcome, validity: written.validity };
}
