import type { ActiveCreative } from "./active-set";
import type { IndexedCampaign, PlacementIndex, TierIndex } from "./ad-index";
import { isEligible, type RequestContext } from "./eligibility";
import { pacingFactor } from "./pacing";

/** Draws per tier before the exact (scanning) draw takes over. */
const MAX_ATTEMPTS = 16;
/** Capped campaigns considered per tier before moving on to the next tier. */
const MAX_CAPPED_PER_TIER = 8;

export type Random = () => number;

function lowerBound(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A tier's eligible entries for one request, with their lottery weights: scanned once, then drawn from for the rest of the request. */
interface TierScan {
  entries: IndexedCampaign[];
  weights: number[];
}

/**
 * One lottery draw in a tier: P(entry) ∝ staticWeight × pacing, among eligible entries
 * not excluded. Rejection sampling over the cumulative weights costs O(log n) per try;
 * when targeting rejects most entries it falls back to an exact scan, so the result
 * never depends on luck — only the speed does. The scan is kept (`scanned`) for the tier's
 * next draws in the same request (a capped campaign drawn, then another): those draw from
 * the same eligible entries, with the same weights, without scanning the tier again.
 */
function drawFromTier(tier: TierIndex, context: RequestContext, random: Random, exclude: Set<IndexedCampaign>, scanned: { scan?: TierScan }): IndexedCampaign | null {
  if (!scanned.scan) {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const entry = tier.entry(lowerBound(tier.cumulative, random() * tier.total));
      if (exclude.has(entry) || !isEligible(entry, context)) continue;
      if (random() < pacingFactor(entry.campaign, context.now)) return entry;
    }
    scanned.scan = scanTier(tier, context);
  }
  return drawFromScan(scanned.scan, random, exclude);
}

function scanTier(tier: TierIndex, context: RequestContext): TierScan {
  const scan: TierScan = { entries: [], weights: [] };
  for (let i = 0; i < tier.size; i++) {
    const entry = tier.entry(i);
    if (!isEligible(entry, context)) continue;
    const weight = entry.staticWeight * pacingFactor(entry.campaign, context.now);
    if (weight <= 0) continue;
    scan.entries.push(entry);
    scan.weights.push(weight);
  }
  return scan;
}

function drawFromScan(scan: TierScan, random: Random, exclude: Set<IndexedCampaign>): IndexedCampaign | null {
  let total = 0;
  for (let i = 0; i < scan.entries.length; i++) if (!exclude.has(scan.entries[i]!)) total += scan.weights[i]!;
  if (total === 0) return null;
  const target = random() * total;
  let last: IndexedCampaign | null = null;
  let sum = 0;
  for (let i = 0; i < scan.entries.length; i++) {
    const entry = scan.entries[i]!;
    if (exclude.has(entry)) continue;
    sum += scan.weights[i]!;
    if (sum > target) return entry;
    last = entry;
  }
  return last;
}

/**
 * The campaigns to offer, in order of preference, handed out a round at a time: each call of
 * the returned function gives the next round, and an empty one when the ranking is over. The
 * highest tier with an eligible campaign wins, a weighted lottery picks inside it, up to
 * MAX_CAPPED_PER_TIER capped campaigns per tier. The ranking ends at the first campaign
 * without a frequency cap (it will be chosen). A round ends there too, or with the tier in
 * which it reached MAX_CAPPED_PER_TIER capped campaigns: the caller reads the viewer's counts
 * of a round's capped campaigns from Redis in one round trip, and ranks on only when the
 * viewer is capped out of all of them. Ranking every tier up front drew and read 8 capped
 * campaigns per tier (16–24 keys with every campaign capped) where the first 8 almost
 * always decide. Drained, the rounds are the whole ranking, in the same order.
 */
export function rankCandidates(placement: PlacementIndex, context: RequestContext, random: Random): () => IndexedCampaign[] {
  let nextTier = 0;
  let ended = false;
  return () => {
    const round: IndexedCampaign[] = [];
    while (!ended && nextTier < placement.tiers.length && round.length < MAX_CAPPED_PER_TIER) {
      ended = drawTier(placement.tiers[nextTier]!, context, random, round);
      nextTier += 1;
    }
    return round;
  };
}

/** A tier's candidates, appended to `round`: true when one without a cap ended the ranking. */
function drawTier(tier: TierIndex, context: RequestContext, random: Random, round: IndexedCampaign[]): boolean {
  const drawn = new Set<IndexedCampaign>();
  const scanned: { scan?: TierScan } = {};
  while (drawn.size < MAX_CAPPED_PER_TIER) {
    const entry = drawFromTier(tier, context, random, drawn, scanned);
    if (!entry) return false;
    round.push(entry);
    if (!entry.campaign.frequencyCap) return true;
    drawn.add(entry);
  }
  return false;
}

/**
 * The first campaign of a round the viewer may still see. `impressionsSeen` has the viewer's
 * count per capped campaign id; null when it could not be read (Redis down), in which case
 * capped campaigns are skipped rather than risk over-delivering.
 */
export function firstUnderCap(ranked: readonly IndexedCampaign[], impressionsSeen: ReadonlyMap<string, number> | null): IndexedCampaign | null {
  for (const entry of ranked) {
    const cap = entry.campaign.frequencyCap;
    if (!cap) return entry;
    if (impressionsSeen && (impressionsSeen.get(entry.campaign.id) ?? 0) < cap.count) return entry;
  }
  return null;
}

export function pickCreative(entry: IndexedCampaign, random: Random): ActiveCreative {
  return entry.creatives[Math.floor(random() * entry.creatives.length)] ?? entry.creatives[0]!;
}
