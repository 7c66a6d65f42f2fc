import type { KeyValueStore } from "@/lib/redis/store";

export const ACTIVE_CAMPAIGNS_KEY = "active_campaigns";
/** Bumped by every invalidation; a cached set built under an older generation is ignored. */
export const ACTIVE_CAMPAIGNS_GENERATION_KEY = "active_campaigns:generation";
export const ACTIVE_CAMPAIGNS_TTL_SECONDS = 300;
export const DEFAULT_LOCAL_TTL_MS = 1_000;

export type CacheSource = "local" | "redis" | "database";

export interface CacheStats {
  localHits: number;
  redisHits: number;
  databaseLoads: number;
  /** Share of reads answered without the database, 0–1 (null before the first read). */
  hitRate: number | null;
}

interface Envelope<T> {
  generation: string;
  value: T;
}

interface LocalEntry<T> {
  value: T;
  storedAt: number;
}

/**
 * Three levels: an in-process copy (≤ localTtlMs old), Redis `active_campaigns`
 * (5 minutes), the database. One refresh at a time per instance (single flight): a cold
 * cache under a burst of requests costs one Redis read and at most one database load.
 *
 * Why the generation: an instance that started loading from the database before an
 * invalidation must not write its (stale) result back for five minutes. It read the
 * generation before loading; invalidation bumps it; readers ignore envelopes whose
 * generation is not the current one.
 */
export class ActiveCampaignsCache<T> {
  private local: LocalEntry<T> | undefined;
  private inflight: Promise<T> | undefined;
  private localVersion = 0;
  private missedInvalidation = false;
  private readonly counts = { localHits: 0, redisHits: 0, databaseLoads: 0 };

  constructor(
    private readonly options: {
      store: KeyValueStore;
      load: () => Promise<T>;
      localTtlMs?: number;
      now?: () => number;
      log?: (line: string) => void;
    },
  ) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get localTtlMs(): number {
    return this.options.localTtlMs ?? DEFAULT_LOCAL_TTL_MS;
  }

  /** The active set, never older than the local TTL. Rejects only when no level can answer. */
  async get(): Promise<T> {
    const local = this.local;
    if (local && this.now - local.storedAt < this.localTtlMs) {
      this.counts.localHits += 1;
      return local.value;
    }
    if (!this.inflight) {
      const refresh = this.refresh().finally(() => {
        if (this.inflight === refresh) this.inflight = undefined;
      });
      this.inflight = refresh;
    }
    return this.inflight;
  }

  /** Drops every level: this instance at once, others within their local TTL. */
  async invalidate(): Promise<void> {
    this.local = undefined;
    this.localVersion += 1;
    // A refresh already under way may have read the old state: later readers start anew.
    this.inflight = undefined;
    try {
      await this.options.store.exec([
        { op: "del", keys: [ACTIVE_CAMPAIGNS_KEY] },
        { op: "incrBy", key: ACTIVE_CAMPAIGNS_GENERATION_KEY, by: 1 },
      ]);
      this.missedInvalidation = false;
    } catch {
      // Redis is down: remember, and drop the shared copy when it is back
      // (see repairAfterOutage), so the outage cannot resurrect a paused campaign.
      this.missedInvalidation = true;
    }
  }

  /** Called when Redis becomes reachable again. */
  async repairAfterOutage(): Promise<void> {
    if (!this.missedInvalidation) return;
    await this.invalidate();
  }

  stats(): CacheStats {
    const { localHits, redisHits, databaseLoads } = this.counts;
    const total = localHits + redisHits + databaseLoads;
    return { localHits, redisHits, databaseLoads, hitRate: total === 0 ? null : (localHits + redisHits) / total };
  }

  private async refresh(): Promise<T> {
    const versionAtStart = this.localVersion;
    const { store } = this.options;
    let generation: string | undefined;
    try {
      const [[cached, currentGeneration]] = await store.exec([
        { op: "mget", keys: [ACTIVE_CAMPAIGNS_KEY, ACTIVE_CAMPAIGNS_GENERATION_KEY] },
      ]);
      generation = currentGeneration ?? "0";
      const envelope = cached ? parseEnvelope<T>(cached) : undefined;
      if (envelope && envelope.generation === generation) {
        this.counts.redisHits += 1;
        return this.keep(envelope.value, versionAtStart);
      }
    } catch {
      generation = undefined; // Redis unavailable: straight to the database, write nothing back.
    }

    const value = await this.options.load();
    this.counts.databaseLoads += 1;
    if (generation !== undefined) {
      const envelope: Envelope<T> = { generation, value };
      store.set(ACTIVE_CAMPAIGNS_KEY, JSON.stringify(envelope), ACTIVE_CAMPAIGNS_TTL_SECONDS).catch(() => {});
    }
    return this.keep(value, versionAtStart);
  }

  private keep(value: T, versionAtStart: number): T {
    // An invalidation on this instance during the refresh makes this result suspect:
    // hand it to the callers that were waiting, but do not keep it.
    if (versionAtStart === this.localVersion) this.local = { value, storedAt: this.now };
    return value;
  }
}

function parseEnvelope<T>(raw: string): Envelope<T> | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<Envelope<T>>;
    return typeof parsed.generation === "string" && parsed.value !== undefined ? (parsed as Envelope<T>) : undefined;
  } catch {
    return undefined;
  }
}
