import { createHash, randomBytes } from "node:crypto";
import type { Defer } from "@/lib/http/after-response";
import type { ProblemLog } from "@/lib/log/throttled-log";
import { LARGE_READ_TIMEOUT_MS, type KeyValueStore } from "@/lib/redis/store";
import { decodeEnvelope, encodeEnvelope, HEAD_BYTES, stampOf, type Envelope, type PartCodec } from "./active-campaigns-envelope";

export const ACTIVE_CAMPAIGNS_KEY = "active_campaigns";
/** Bumped by every invalidation; a cached set built under an older generation is ignored. */
export const ACTIVE_CAMPAIGNS_GENERATION_KEY = "active_campaigns:generation";
export const ACTIVE_CAMPAIGNS_TTL_SECONDS = 300;
export const DEFAULT_LOCAL_TTL_MS = 1_000;

export type CacheSource = "local" | "redis" | "database";

/** This instance's copy of the active set, as the health check shows it (read-only). */
export interface CacheSnapshot {
  /** Where the copy was last confirmed current: the shared copy in Redis, or the database; undefined before the first read. */
  source: "redis" | "database" | undefined;
  /** The shared generation the copy belongs to; undefined when it came from the database. */
  generation: string | undefined;
  /** When the copy was last confirmed current (epoch ms): its age is how stale it may be. */
  checkedAt: number | undefined;
  /** An invalidation could not reach Redis: it is repeated when Redis answers again. */
  invalidationPending: boolean;
}

export interface CacheStats {
  localHits: number;
  redisHits: number;
  databaseLoads: number;
  /** Copies kept because the database's version said nothing changed (no Redis): one one-row query each. */
  versionChecks: number;
  /** Invalidations made by this instance (writes that changed what is served). */
  invalidations: number;
  /** Share of reads answered without any database query, 0–1 (null before the first read). */
  hitRate: number | null;
}

interface LocalEntry<T> {
  value: T;
  /** When the level this copy came from was read (before the read, so the age is never understated). */
  checkedAt: number;
  /** Generation and build of the Redis envelope it matches; undefined when Redis had no copy of it. */
  stamp: string | undefined;
  /**
   * Confirmed by the database while Redis was unavailable: the database's version it matches,
   * and since when it has not been read in full (or confirmed through Redis).
   */
  database?: { version: string; loadedAt: number };
}

/**
 * A write's build id: 16 random characters, then — when the writer read the database's version
 * before loading the set — 16 characters of that version's hash. The head of the shared copy
 * carries it (a plain [\w-] token, so older deployments read it as a build id like any other),
 * and with it every instance holding the copy knows which state of the database it was built
 * from. When a freshness check cannot reach Redis, one small version query then tells whether
 * the copy is still current, instead of a reload of the whole set from the database on every
 * instance that met the timeout (a few hundred ms of CPU and tens of MiB each, at 10,000
 * campaigns, all at once when Redis slows down for everybody).
 */
const RANDOM_BUILD_CHARS = 16;
const FINGERPRINT_CHARS = 16;

function newBuild(databaseVersion: string | undefined): string {
  const random = randomBytes((RANDOM_BUILD_CHARS * 3) / 4).toString("base64url");
  return databaseVersion === undefined ? random : random + fingerprint(databaseVersion);
}

function fingerprint(databaseVersion: string): string {
  return createHash("sha256").update(databaseVersion).digest("base64url").slice(0, FINGERPRINT_CHARS);
}

/** The fingerprint of the database version a copy was built from, from its stamp (`<generation>/<build>`); undefined when its writer did not record one. */
function fingerprintOf(stamp: string | undefined): string | undefined {
  const build = stamp?.slice(stamp.indexOf("/") + 1);
  return build?.length === RANDOM_BUILD_CHARS + FINGERPRINT_CHARS ? build.slice(RANDOM_BUILD_CHARS) : undefined;
}

/**
 * While Redis is unavailable, a copy loaded from the database is checked each TTL with a
 * one-row version query (options.version) and reloaded in full only when that changed — or
 * after this long, for what the version does not cover (spend, flights starting or ending).
 */
export const FULL_RELOAD_WITHOUT_REDIS_MS = 30_000;

/**
 * Share of the local TTL after which a request starts a refresh in the background: early
 * when the check is a ~60-byte Redis read, later when Redis had no copy (each check is then
 * a database load, which should stay near one per TTL).
 */
const REFRESH_AHEAD = 0.5;
const REFRESH_AHEAD_WITHOUT_REDIS = 0.75;

/**
 * Three levels: an in-process copy (≤ localTtlMs old), Redis `active_campaigns`
 * (5 minutes), the database. One refresh at a time per instance (single flight): a cold
 * cache under a burst of requests costs one Redis read and at most one database load.
 *
 * Keeping the in-process copy fresh is cheap: once it is half its TTL old, the next request
 * starts a background check that reads only the head of the shared copy (GETRANGE, ~60
 * bytes) and the generation; when both match what this instance holds, the copy (and the
 * ad index built from it) is kept. Only a change costs the full read and parse. Requests
 * wait only when the copy is past its TTL — so every decision uses a set that was checked
 * against Redis at most localTtlMs before, and under steady load none waits at all.
 *
 * Why the generation: an instance that started loading from the database before an
 * invalidation must not write its (stale) result back for five minutes. It read the
 * generation before loading; invalidation bumps it; readers ignore envelopes whose
 * generation is not the current one.
 */
export class ActiveCampaignsCache<T> {
  private local: LocalEntry<T> | undefined;
  private inflight: Promise<T> | undefined;
  private inflightStartedAt = 0;
  private localVersion = 0;
  private missedInvalidation = false;
  /** The stamp of a shared copy a part of which was found damaged: never taken from Redis again. */
  private damagedStamp: string | undefined;
  /** The stamp of the copy this instance loaded from the database and wrote over the damaged one. */
  private replacementStamp: string | undefined;
  private readonly counts = { localHits: 0, redisHits: 0, databaseLoads: 0, versionChecks: 0, invalidations: 0 };

  constructor(
    private readonly options: {
      /**
       * The store every instance shares (Redis); null without one. Then each instance checks
       * the database's version every TTL (FULL_RELOAD_WITHOUT_REDIS_MS) exactly as while Redis
       * is down, so a change made on one instance reaches the others within the TTL.
       */
      store: KeyValueStore | null;
      load: () => Promise<T>;
      /** A cheap fingerprint of what `load` reads (see FULL_RELOAD_WITHOUT_REDIS_MS). */
      version?: () => Promise<string>;
      /** Stores the value in parts that readers decode as they need them (the active set: lib/ads/active-set-parts.ts); one gzipped JSON without. */
      codec?: PartCodec<T>;
      /** Runs on every new value before it is handed out (e.g. to build an index off the request path). */
      prepare?: (value: T) => void;
      /**
       * Registers work that outlives the request (a background check, the write-back to Redis)
       * with the platform: Next's after() in production (lib/http/after-response.ts). The work
       * starts at once; the platform keeps the instance alive until it is done.
       */
      defer: Defer;
      /** Where a write-back that Redis refused is reported (throttled: one line per interval). */
      log?: ProblemLog;
      localTtlMs?: number;
      now?: () => number;
    },
  ) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get localTtlMs(): number {
    return this.options.localTtlMs ?? DEFAULT_LOCAL_TTL_MS;
  }

  /** The active set, checked against Redis (or loaded) at most the local TTL ago. Rejects only when no level can answer. */
  async get(): Promise<T> {
    const local = this.local;
    if (local) {
      const age = this.now - local.checkedAt;
      if (age < this.localTtlMs) {
        this.counts.localHits += 1;
        const ahead = local.stamp === undefined || local.database ? REFRESH_AHEAD_WITHOUT_REDIS : REFRESH_AHEAD;
        if (age >= this.localTtlMs * ahead && !this.inflight) {
          // The current copy answers; a failed background refresh is retried by the next request.
          const refresh = this.startRefresh().catch(() => undefined);
          this.options.defer(() => refresh);
        }
        return local.value;
      }
    }
    // Join a refresh under way only if it started within the TTL: its answer is then fresh enough.
    if (this.inflight && this.now - this.inflightStartedAt < this.localTtlMs) return this.inflight;
    return this.startRefresh();
  }

  /** Drops every level: this instance at once, others within their local TTL. */
  async invalidate(): Promise<void> {
    this.counts.invalidations += 1;
    this.local = undefined;
    this.localVersion += 1;
    // A refresh already under way may have read the old state: later readers start anew.
    this.inflight = undefined;
    if (!this.options.store) return;
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
    const { localHits, redisHits, databaseLoads, versionChecks, invalidations } = this.counts;
    const total = localHits + redisHits + databaseLoads + versionChecks;
    return { localHits, redisHits, databaseLoads, versionChecks, invalidations, hitRate: total === 0 ? null : (localHits + redisHits) / total };
  }

  snapshot(): CacheSnapshot {
    const local = this.local;
    return {
      source: local === undefined ? undefined : local.stamp === undefined || local.database ? "database" : "redis",
      generation: local?.stamp?.slice(0, local.stamp.indexOf("/")),
      checkedAt: local?.checkedAt,
      invalidationPending: this.missedInvalidation,
    };
  }

  private startRefresh(): Promise<T> {
    const refresh = this.refresh().finally(() => {
      if (this.inflight === refresh) this.inflight = undefined;
    });
    this.inflight = refresh;
    this.inflightStartedAt = this.now;
    return refresh;
  }

  private async refresh(): Promise<T> {
    const versionAtStart = this.localVersion;
    const startedAt = this.now;
    const { store } = this.options;
    const local = this.local;
    let generation: string | undefined;
    try {
      if (!store) throw new Error("no shared store");
      if (local?.stamp !== undefined) {
        const [head, currentGeneration] = await store.exec([
          { op: "getRange", key: ACTIVE_CAMPAIGNS_KEY, start: 0, end: HEAD_BYTES - 1 },
          { op: "get", key: ACTIVE_CAMPAIGNS_GENERATION_KEY },
        ]);
        const headStamp = stampOf(head);
        // Ours — or still the damaged copy this instance replaced with the set it loaded: its
        // write-back (~1 MB) can take seconds on busy cores, and reading the damage again then
        // would load the whole set from the database once more for nothing.
        const current = headStamp === local.stamp || (headStamp !== undefined && headStamp === this.damagedStamp && local.stamp === this.replacementStamp);
        if (current && local.stamp.startsWith(`${currentGeneration ?? "0"}/`)) {
          this.counts.redisHits += 1;
          return this.keep(local.value, local.stamp, startedAt, versionAtStart);
        }
      }
      const [[cached, currentGeneration]] = await store.exec([{ op: "mget", keys: [ACTIVE_CAMPAIGNS_KEY, ACTIVE_CAMPAIGNS_GENERATION_KEY] }], {
        // ~0.7 MB gzipped at 10,000 campaigns (10 MB of JSON once decoded): a new instance cannot
        // fetch it in the serving deadline of tens of ms on busy cores, and loading the set from
        // the database instead takes far longer still.
        timeoutMs: LARGE_READ_TIMEOUT_MS,
      });
      generation = currentGeneration ?? "0";
      const envelope = cached ? await decodeEnvelope<T>(cached, this.options.codec, (stamp) => this.dropDamaged(stamp)) : undefined;
      const stamp = envelope && `${envelope.generation}/${envelope.build}`;
      if (envelope && stamp && envelope.generation === generation && this.preparedShared(envelope.value, stamp)) {
        this.counts.redisHits += 1;
        return this.keep(envelope.value, stamp, startedAt, versionAtStart);
      }
    } catch {
      generation = undefined; // Redis unavailable: the database alone, write nothing back.
    }

    // Read before any load, so that a change made during the load shows as a new version later.
    const databaseVersion = await this.options.version?.();
    // Without Redis: keep the copy while the database's version says nothing changed since it
    // was loaded — by this instance, or, for a copy from Redis, by the instance that wrote it
    // (its build names the version). Past FULL_RELOAD_WITHOUT_REDIS_MS since it was last read in
    // full or confirmed through Redis, it is read again all the same.
    if (generation === undefined && databaseVersion !== undefined && local) {
      const confirmed =
        local.database ??
        (fingerprintOf(local.stamp) === fingerprint(databaseVersion) ? { version: databaseVersion, loadedAt: local.checkedAt } : undefined);
      if (confirmed && confirmed.version === databaseVersion && startedAt - confirmed.loadedAt < FULL_RELOAD_WITHOUT_REDIS_MS) {
        this.counts.versionChecks += 1;
        // The stamp stays: once Redis answers, a check of the head confirms the same copy.
        return this.keep(local.value, local.stamp, startedAt, versionAtStart, confirmed);
      }
    }

    const value = await this.options.load();
    this.counts.databaseLoads += 1;
    this.options.prepare?.(value);
    let stamp: string | undefined;
    if (generation !== undefined && store) {
      const envelope: Envelope<T> = { generation, build: newBuild(databaseVersion), value };
      stamp = `${generation}/${envelope.build}`;
      if (this.damagedStamp !== undefined) this.replacementStamp = stamp;
      // Not waited for by the caller: a lost write costs other instances one database load.
      const written = this.writeBack(store, envelope);
      this.options.defer(() => written);
    }
    const database = generation !== undefined || databaseVersion === undefined ? undefined : { version: databaseVersion, loadedAt: startedAt };
    return this.keep(value, stamp, startedAt, versionAtStart, database);
  }

  /** Prepares a copy read from Redis; false when it is (or, preparing it, turned out) damaged: the database's set replaces it. */
  private preparedShared(value: T, stamp: string): boolean {
    if (stamp === this.damagedStamp) return false;
    try {
      this.options.prepare?.(value);
    } catch (error) {
      if (stamp !== this.damagedStamp) throw error;
    }
    return stamp !== this.damagedStamp;
  }

  /**
   * A part of the shared copy `stamp` was found damaged where it was read (a decision, the
   * read-ahead): the copy that holds it is dropped here, and the next read loads the set from
   * the database and writes it back over the damaged copy — so every other instance, at its
   * next freshness check, finds a new copy instead of meeting the damage part by part until
   * the copy expires.
   */
  private dropDamaged(stamp: string): void {
    if (this.damagedStamp === stamp) return;
    this.damagedStamp = stamp;
    this.options.log?.warn("The shared copy of the active set is damaged: this instance loads the set from the database and writes a new copy", {
      outcome: "active_set_damaged",
    });
    if (this.local?.stamp !== stamp) return;
    this.local = undefined;
    // A refresh under way would keep it again (a freshness check finds its stamp unchanged).
    this.localVersion += 1;
    this.inflight = undefined;
  }

  /** Never rejects: a refused write is logged (a lasting refusal, e.g. a value over Upstash's request limit, makes every instance load from the database). */
  private async writeBack(store: KeyValueStore, envelope: Envelope<T>): Promise<void> {
    let bytes: number | undefined;
    try {
      const stored = await encodeEnvelope(envelope, this.options.codec);
      bytes = Buffer.byteLength(stored);
      // The large deadline, as for the read: a write of ~0.7 MB must not be mistaken for an outage.
      await store.exec([{ op: "set", key: ACTIVE_CAMPAIGNS_KEY, value: stored, ttlSeconds: ACTIVE_CAMPAIGNS_TTL_SECONDS }], { timeoutMs: LARGE_READ_TIMEOUT_MS });
    } catch (error) {
      this.options.log?.warn("active_campaigns not written to Redis: instances load the active set from the database", {
        outcome: "active_set_write_failed",
        bytes,
        error,
      });
    }
  }

  private keep(value: T, stamp: string | undefined, checkedAt: number, versionAtStart: number, database?: LocalEntry<T>["database"]): T {
    // An invalidation on this instance during the refresh makes this result suspect:
    // hand it to the callers that were waiting, but do not keep it.
    // Nor may a slow refresh replace what a later one already found.
    const newer = this.local !== undefined && this.local.checkedAt > checkedAt;
    if (versionAtStart === this.localVersion && !newer) this.local = { value, checkedAt, stamp, database };
    return value;
  }
}
