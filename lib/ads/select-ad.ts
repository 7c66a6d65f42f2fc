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

/**
 * One lottery draw in a tier: P(entry) ∝ staticWeight × pacing, among eligible entries
 * not excluded. Rejection sampling over the cumulative weights costs O(log n) per try;
 * when targeting rejects most entries it falls back to an exact scan, so the result
 * never depends on luck — only the speed does.
 */
function drawFromTier(tier: TierIndex, context: RequestContext, random: Random, exclude: Set<IndexedCampaign>): IndexedCampaign | null {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const entry = tier.entry(lowerBound(tier.cumulative, random() * tier.total));
    if (exclude.has(entry) || !isEligible(entry, context)) continue;
    if (random() < pacingFactor(entry.campaign, context.now)) return entry;
  }
  const eligible: IndexedCampaign[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < tier.size; i++) {
    const entry = tier.entry(i);
    if (exclude.has(entry) || !isEligible(entry, context)) continue;
    total += entry.staticWeight * pacingFactor(entry.campaign, context.now);
    eligible.push(entry);
    cumulative.push(total);
  }
  if (total === 0) return null;
  const target = random() * total;
  return eligible[cumulative.findIndex((sum) => sum > target)] ?? eligible[eligible.length - 1]!;
}

/**
 * The campaigns to offer, in order of preference: the highest tier with an eligible
 * campaign wins, a weighted lottery picks inside it. The list ends at the first campaign
 * without a frequency cap (it will be chosen); capped ones before it are only chosen if
 * the viewer is under their cap — which the caller reads from Redis in one round trip,
 * and only when the list holds a capped campaign.
 */
export function rankCandidates(placement: PlacementIndex, context: RequestContext, random: Random): IndexedCampaign[] {
  const ranked: IndexedCampaign[] = [];
  for (const tier of placement.tiers) {
    const drawn = new Set<IndexedCampaign>();
    while (drawn.size < MAX_CAPPED_PER_TIER) {
      const entry = drawFromTier(tier, context, random, drawn);
      if (!entry) break;
      ranked.push(entry);
      if (!entry.campaign.frequencyCap) return ranked;
      drawn.add(entry);
    }
  }
  return ranked;
}

/**
 * The first ranked campaign the viewer may still see. `impressionsSeen` has the viewer's
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
