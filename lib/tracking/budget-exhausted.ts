/**
 * Wraps the "budget exhausted" reaction (invalidating the active set) so that it runs at
 * most once per campaign per interval in this process. Late events of a spent campaign
 * are all refused, and each would otherwise drop the in-process active set and send the
 * next decisions to the database; one invalidation already makes every instance reload
 * the spend state that stops delivery.
 */
export function budgetExhaustedNotifier(
  handler: (campaignId: string) => unknown,
  options: { intervalMs?: number; now?: () => number } = {},
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
    await handler(campaignId);
  };
}
