// Where the active set comes from, per decision: the seed's design (read and JSON-parse
// `active_campaigns` from Redis on every request) against ours (the in-process copy, at
// most 1 s old, refreshed from Redis). Both run here as plain functions against the same
// Upstash bridge, the same Redis value and the same database — not as routes, because a
// route would add Next.js's own per-request cost (~1 ms, see ENVIRONMENT.md) to both and
// hide the difference we want to see; and the app must not carry a route that exists only
// to be slow.
import { Redis } from "@upstash/redis";
import type { ActiveSet } from "@/lib/ads/active-set";
import { buildAdIndex } from "@/lib/ads/ad-index";
import { activeSetParts } from "@/lib/ads/active-set-parts";
import { detectDevice } from "@/lib/ads/device";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { serveAd, type ServeRequest } from "@/lib/ads/serve-ad";
import { ACTIVE_CAMPAIGNS_KEY, ActiveCampaignsCache, type CacheStats } from "@/lib/cache/active-campaigns-cache";
import { decodeEnvelope } from "@/lib/cache/active-campaigns-envelope";
import { createDatabase } from "@/lib/db/create-client";
import { parseEnv } from "@/lib/config/env";
import { createStore } from "@/lib/redis/create-store";
import { BENCH_SITE_DOMAIN } from "@/bench/data/bench-data-set";
import { DESKTOP_CHROME_USER_AGENT, randomClientIp, randomCountry } from "@/bench/load/browser-headers";
import { median, percentile } from "@/bench/load/statistics";
import { waitFor } from "@/scripts/services/common.mjs";
import { naiveServe } from "./naive-serve";
import { runAtOnce } from "@/tests/support/deferred-work";

export interface ActiveSetPathsOptions {
  bridgeUrl: string;
  bridgeToken: string;
  databaseUrl: string;
  secret: string;
  placementIds: string[];
  /** Redis deadline of our store, as the app's REDIS_TIMEOUT_MS. */
  redisTimeoutMs: number;
  rounds: number;
  durationMs: number;
  concurrencies: number[];
  signal?: AbortSignal;
}

export interface PathMeasurement {
  opsPerSecond: number;
  p50Microseconds: number;
  p99Microseconds: number;
}

export interface ActiveSetPathsResult {
  /** Size of the `active_campaigns` value in Redis (gzipped, base64). */
  storedBytes: number;
  /** Size of the same set as plain JSON: what the value was before it was compressed. */
  jsonBytes: number;
  /**
   * What one refresh of the in-process copy costs (once a second per instance, in the app):
   * reading and parsing the value, then indexing it; and a load from the database, which one
   * instance does after each campaign edit and each expiry of the shared copy. Medians of 5, milliseconds.
   */
  refreshCost: { readAndParseMs: number; indexBuildMs: number; databaseLoadMs: number };
  byConcurrency: {
    concurrency: number;
    naive: PathMeasurement;
    cached: PathMeasurement;
    /** cached ops/s ÷ naive ops/s (median of rounds). */
    speedup: number;
  }[];
  cacheStats: CacheStats;
}

export async function measureActiveSetPaths(options: ActiveSetPathsOptions): Promise<ActiveSetPathsResult> {
  const database = createDatabase(parseEnv({ DATABASE_URL: options.databaseUrl, DATABASE_POOL_SIZE: "2" }));
  const handle = createStore({ kind: "upstash", url: options.bridgeUrl, token: options.bridgeToken, timeoutMs: options.redisTimeoutMs }, { log: () => {} });
  // Stored in parts, as the app stores it (lib/cache/index.ts): the cold-start scenario's servers read this copy.
  const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: handle.store, codec: activeSetParts(), load: () => loadActiveSet(database.prisma) });
  // The seed's client: default options (automatic JSON deserialization, base64 responses).
  const redis = new Redis({ url: options.bridgeUrl, token: options.bridgeToken, enableTelemetry: false });
  try {
    // The first read loads the set from the database and writes it to Redis (in the background).
    await cache.get();
    await waitFor(async () => (await redis.exists(ACTIVE_CAMPAIGNS_KEY)) === 1, { timeout: 10_000, description: `${ACTIVE_CAMPAIGNS_KEY} in Redis` });
    const storedBytes = await redis.strlen(ACTIVE_CAMPAIGNS_KEY);
    const refreshCost = await measureRefreshCost(redis, () => loadActiveSet(database.prisma));
    const jsonBytes = Buffer.byteLength(JSON.stringify((await readActiveSet(redis)).value));

    const request = (): ServeRequest => ({
      placementId: options.placementIds[Math.floor(Math.random() * options.placementIds.length)]!,
      keywords: [],
      country: randomCountry(),
      device: detectDevice(DESKTOP_CHROME_USER_AGENT),
      address: randomClientIp(),
      pageHost: `www.${BENCH_SITE_DOMAIN}`,
      slot: 0,
      userAgent: DESKTOP_CHROME_USER_AGENT,
      origin: "https://ads.example.com",
    });
    const naive = () => naiveServe(redis, options.secret, request());
    const cached = () => serveAd({ activeSet: () => cache.get(), store: handle.store, secret: options.secret }, request());

    const byConcurrency: ActiveSetPathsResult["byConcurrency"] = [];
    for (const concurrency of options.concurrencies) {
      await timeOps(naive, concurrency, 300);
      await timeOps(cached, concurrency, 300);
      const rounds = { naive: [] as PathMeasurement[], cached: [] as PathMeasurement[] };
      for (let round = 0; round < options.rounds; round += 1) {
        if (options.signal?.aborted) throw new Error("aborted");
        // ABBA: neither path always runs first.
        const order = round % 2 === 0 ? (["naive", "cached"] as const) : (["cached", "naive"] as const);
        for (const path of order) rounds[path].push(await timeOps(path === "naive" ? naive : cached, concurrency, options.durationMs));
      }
      const summary = (list: PathMeasurement[]): PathMeasurement => ({
        opsPerSecond: median(list.map((m) => m.opsPerSecond)),
        p50Microseconds: median(list.map((m) => m.p50Microseconds)),
        p99Microseconds: median(list.map((m) => m.p99Microseconds)),
      });
      byConcurrency.push({
        concurrency,
        naive: summary(rounds.naive),
        cached: summary(rounds.cached),
        speedup: median(rounds.cached.map((m, i) => m.opsPerSecond / rounds.naive[i]!.opsPerSecond)),
      });
    }
    return { storedBytes, jsonBytes, refreshCost, byConcurrency, cacheStats: cache.stats() };
  } finally {
    await handle.store.close().catch(() => {});
    await database.close().catch(() => {});
  }
}

/** Runs `op` from `concurrency` loops for `durationMs`; each op's latency is recorded. */
async function timeOps(op: () => Promise<unknown>, concurrency: number, durationMs: number): Promise<PathMeasurement> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const begin = process.hrtime.bigint();
      await op();
      latencies.push(Number(process.hrtime.bigint() - begin) / 1e3);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  return { opsPerSecond: latencies.length / seconds, p50Microseconds: percentile(sorted, 0.5), p99Microseconds: percentile(sorted, 0.99) };
}

async function measureRefreshCost(redis: Redis, load: () => Promise<ActiveSet>): Promise<ActiveSetPathsResult["refreshCost"]> {
  const reads: number[] = [];
  const builds: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const loadStarted = process.hrtime.bigint();
    await load();
    loads.push(Number(process.hrtime.bigint() - loadStarted) / 1e6);
    let started = process.hrtime.bigint();
    const stored = await readActiveSet(redis);
    reads.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    buildAdIndex(stored.value);
    builds.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { readAndParseMs: median(reads), indexBuildMs: median(builds), databaseLoadMs: median(loads) };
}

/** The stored envelope, read and decoded (gunzip and JSON parse) as the cache does. */
async function readActiveSet(redis: Redis) {
  const stored = await redis.get<string>(ACTIVE_CAMPAIGNS_KEY);
  const envelope = stored === null ? undefined : await decodeEnvelope<ActiveSet>(stored, activeSetParts());
  if (!envelope) throw new Error(`${ACTIVE_CAMPAIGNS_KEY} is not in Redis, or not readable`);
  return envelope;
}
