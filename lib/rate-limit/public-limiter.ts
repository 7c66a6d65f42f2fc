import type { PublicEndpoint, RateWindow } from "@/lib/config/env";
import type { KeyValueStore } from "@/lib/redis/store";

/**
 * Per-client request limits of the public ad endpoints (serve, beacon, click, preview),
 * cheap enough for the serving path, where a Redis command per request would cost more than
 * the decision. Each instance counts every client in-process, in fixed windows. A client
 * that stays under a quarter of a limit on an instance — every person reading pages — never
 * costs a Redis command; past that, the instance adds its count to the client's shared
 * counter in Redis every tenth of the limit and judges by the shared total. So the limits
 * hold across instances for the clients that come near them, at a few commands per heavy
 * client and window. Without Redis (or while it is down) each instance limits on its own.
 */
export class PublicRateLimiter {
  private readonly clients = new Map<string, ClientWindow>();
  private nextSweepAt = 0;

  constructor(
    private readonly options: {
      limits: Record<PublicEndpoint, RateWindow> | null;
      /** Shared counters; null or the in-process store: this instance alone. */
      store: KeyValueStore | null;
      now?: () => number;
      /** Most clients tracked at once per instance (memory bound); older windows go first. */
      maxClients?: number;
    },
  ) {}

  /** Whether this request of the client is within the endpoint's limit. Counts it. */
  async allow(endpoint: PublicEndpoint, address: string): Promise<boolean> {
    const rule = this.options.limits?.[endpoint];
    if (!rule) return true;
    const now = (this.options.now ?? Date.now)();
    if (now >= this.nextSweepAt) this.sweep(now);
    const window = Math.floor(now / 1000 / rule.windowSeconds);
    const id = `${endpoint}\n${address}`;
    let entry = this.clients.get(id);
    if (!entry || entry.window !== window) {
      if (!entry) this.makeRoom(window);
      entry = { window, endsAt: (window + 1) * rule.windowSeconds * 1000, count: 0, unshared: 0, shared: 0 };
      this.clients.set(id, entry);
    }
    entry.count += 1;
    entry.unshared += 1;
    const store = this.options.store;
    const shareFrom = Math.max(1, Math.floor(rule.limit / 4));
    const shareEvery = Math.max(1, Math.floor(rule.limit / 10));
    if (store && store.kind !== "memory" && entry.count >= shareFrom && entry.unshared >= shareEvery) {
      const add = entry.unshared;
      entry.unshared = 0;
      try {
        entry.shared = await store.incrBy(`publimit:${endpoint}:${address}:${window}`, add, rule.windowSeconds * 2);
      } catch {
        entry.shared += add; // Redis unavailable: this instance's own count still limits
      }
    }
    return entry.shared + entry.unshared <= rule.limit;
  }

  /** Clients counted now (their window has not ended, or no sweep has run since). */
  get trackedClients(): number {
    return this.clients.size;
  }

  /**
   * Forgets the clients whose window has ended, every SWEEP_INTERVAL_MS: most clients of the
   * public endpoints are seen once (a page view, a beacon), and without this every one of
   * them stayed in memory until maxClients was reached, long after its window had ended.
   */
  private sweep(now: number): void {
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [id, entry] of this.clients) if (entry.endsAt <= now) this.clients.delete(id);
  }

  private makeRoom(window: number): void {
    const max = this.options.maxClients ?? 100_000;
    if (this.clients.size < max) return;
    for (const [id, entry] of this.clients) if (entry.window < window) this.clients.delete(id);
    // Still full (a flood of distinct clients in one window): forget the oldest.
    for (const id of this.clients.keys()) {
      if (this.clients.size < max) break;
      this.clients.delete(id);
    }
  }
}

/** How often ended windows are forgotten: their memory is freed within this time. */
const SWEEP_INTERVAL_MS = 10_000;

interface ClientWindow {
  window: number;
  /** Epoch ms at which the window ends. */
  endsAt: number;
  /** This instance's requests in the window. */
  count: number;
  /** Of those, not yet added to the shared counter. */
  unshared: number;
  /** The shared counter as last read (all instances, including what this one added). */
  shared: number;
}
