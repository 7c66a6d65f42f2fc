import type { ActiveSet } from "@/lib/ads/active-set";
import { hasBudget } from "@/lib/ads/budget";

/**
 * Wraps the "budget exhausted" reaction (invalidating the active set) so that it runs at
 * most once per campaign per interval in this process, and not at all once the set this
 * instance serves from already stops the campaign (`stillDelivered` says no). Every late
 * event of a spent campaign — offers issued before the spend ran out, still valid for
 * minutes — reports it exhausted; without that check each instance would invalidate the
 * whole set once a second per spent campaign, and every serving instance would download
 * and re-index it (~10 MB at 10,000 campaigns) each time. One invalidation already makes
 * every instance reload the spend state that stops delivery.
 */
export function budgetExhaustedNotifier(
  handler: (campaignId: string) => unknown,
  options: { intervalMs?: number; now?: () => number; stillDelivered?: (campaignId: string) => Promise<boolean> } = {},
): (campaignId: string) => Promise<void> {
  const intervalMs = options.intervalMs ?? 1_000;
  const now = options.now ?? Date.now;
  const lastRun = new Map<string, number>();
  // A failure reaches the caller (notifyBudgetExhausted), which logs it.
  return async (campaignId) => {
    const at = now();
    const previous = lastRun.get(campaignId);
    if (previous !== undefined && at - previous < intervalMs) return;
    lastRun.set(campaignId, at);
    // Bounded: entries older than the interval are useless, drop them when the map grows.
    if (lastRun.size > 10_000) for (const [id, time] of lastRun) if (at - time >= intervalMs) lastRun.delete(id);
    if (options.stillDelivered && !(await options.stillDelivered(campaignId))) return;
    await handler(campaignId);
  };
}

/**
 * Whether a set still delivers the campaign: it is in it and has budget for one more event
 * (the ad index's own test). A set built after the spend ran out says no.
 */
export function deliversCampaign(set: ActiveSet, campaignId: string, now: number): boolean {
  const campaign = set.campaigns.find((entry) => entry.id === campaignId);
  return campaign !== undefined && hasBudget(campaign, now);
}
