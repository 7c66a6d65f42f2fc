// The active set at 10,000 campaigns against Upstash's 10 MB request limit: written to and read
// back from a real redis-server through the Upstash REST bridge (which refuses larger bodies as
// Upstash does) with the real @upstash/redis client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis as IORedis } from "ioredis";
import type { ActiveSet } from "@/lib/ads/active-set";
import { activeSetParts, CHUNK_SIZE } from "@/lib/ads/active-set-parts";
import { serveAd } from "@/lib/ads/serve-ad";
import { benchDataSet } from "@/bench/data/bench-data-set";
import { ACTIVE_CAMPAIGNS_KEY, ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { HEAD_BYTES, stampOf } from "@/lib/cache/active-campaigns-envelope";
import type { LogFields } from "@/lib/log/throttled-log";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { startUpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { startRedis, type RedisServer } from "@/tests/support/services";
import { deferredWork } from "@/tests/support/deferred-work";

type Bridge = Awaited<ReturnType<typeof startUpstashBridge>>;

/** Upstash's limit on the Free and Pay-as-you-go plans, as the bridge applies it by default. */
const UPSTASH_MAX_REQUEST_BYTES = 10_000_000;
// Deadlines for a loaded 2-core machine moving megabytes: generous, they only bound a hang.
const TIMEOUT_MS = 10_000;

let redis: RedisServer;
let bridge: Bridge;
let admin: IORedis;
let set: ActiveSet;
const handles: StoreHandle[] = [];

beforeAll(async () => {
  redis = await startRedis();
  bridge = await startUpstashBridge({ redisUrl: redis.url, token: "test-token", logger: null });
  admin = new IORedis(redis.url, { maxRetriesPerRequest: 0 });
  set = benchDataSet({ campaigns: 10_000, placements: 100, now: Date.UTC(2026, 11, 3) });
});

afterAll(async () => {
  for (const handle of handles) await handle.store.close().catch(() => {});
  admin?.disconnect();
  await bridge?.close();
  await redis?.stop();
});

function upstash(target: Bridge): StoreHandle {
  const handle = createStore({ kind: "upstash", url: target.url, token: target.token, timeoutMs: TIMEOUT_MS });
  handles.push(handle);
  return handle;
}

function recordingLog() {
  const lines: { message: string; fields?: LogFields }[] = [];
  return { lines, log: { warn: (message: string, fields?: LogFields) => lines.push({ message, fields }), error: (message: string, fields?: LogFields) => lines.push({ message, fields }) } };
}

describe("the active set of 10,000 campaigns over Upstash REST", () => {
  it("is over Upstash's request limit as plain JSON: the bridge refuses that write", async () => {
    const plain = JSON.stringify({ generation: "0", build: "plain-json-build", value: set });
    expect(Buffer.byteLength(plain)).toBeGreaterThan(UPSTASH_MAX_REQUEST_BYTES);
    await expect(upstash(bridge).store.set(ACTIVE_CAMPAIGNS_KEY, plain, 300)).rejects.toThrow(/ERR max request size exceeded/);
    expect(await admin.exists(ACTIVE_CAMPAIGNS_KEY)).toBe(0);
  });

  it.each([
    ["in parts (gzp), as the app writes it", "gzp:", true],
    ["whole (gz1), as an older deployment wrote it", "gz1:", false],
  ])("is written compressed %s, well under the limit, and a new instance reads it back without the database", async (_, format, inParts) => {
    await admin.del(ACTIVE_CAMPAIGNS_KEY);
    const work = deferredWork();
    const { lines, log } = recordingLog();
    const codec = inParts ? activeSetParts(() => set.builtAt) : undefined;
    const writer = new ActiveCampaignsCache<ActiveSet>({ store: upstash(bridge).store, defer: work.defer, log, codec, load: async () => set });
    await writer.get();
    await work.settle();
    expect(lines).toEqual([]);
    const stored = await admin.getBuffer(ACTIVE_CAMPAIGNS_KEY);
    expect(stored?.subarray(0, 4).toString()).toBe(format);
    expect(stored!.length).toBeLessThan(UPSTASH_MAX_REQUEST_BYTES / 5);

    let loads = 0;
    // The reader always has the codec (this deployment's): it reads both formats.
    const reader = new ActiveCampaignsCache<ActiveSet>({
      store: upstash(bridge).store,
      defer: deferredWork().defer,
      codec: activeSetParts(),
      load: async () => {
        loads += 1;
        throw new Error("the database must not be needed");
      },
    });
    const read = await reader.get();
    expect(loads).toBe(0);
    expect(reader.stats()).toMatchObject({ redisHits: 1, databaseLoads: 0 });
    // Its decisions are the writer's, ad for ad.
    const store = upstash(bridge).store;
    for (let i = 0; i < 20; i++) {
      const request = { placementId: `bench-p-${String(i * 5).padStart(3, "0")}`, keywords: [], country: "US", device: "DESKTOP" as const, address: `203.0.113.${i}`, userAgent: "Mozilla/5.0", pageHost: undefined, slot: 0, origin: "https://ads.example", now: set.builtAt + 60_000 };
      const secret = "s".repeat(32);
      const answer = await serveAd({ activeSet: async () => read, store, secret }, request);
      expect(answer.kind).toBe("ad");
      expect(answer).toEqual(await serveAd({ activeSet: async () => set, store, secret }, request));
    }
    expect(read.campaigns).toHaveLength(10_000);
    expect(JSON.stringify(read)).toBe(JSON.stringify(set));
  });

  it("a damaged part of the copy in Redis fails no ad: the decision that meets it is made again from the database, whose copy replaces it for every instance", async () => {
    await admin.del(ACTIVE_CAMPAIGNS_KEY);
    const work = deferredWork();
    await new ActiveCampaignsCache<ActiveSet>({ store: upstash(bridge).store, defer: work.defer, codec: activeSetParts(() => set.builtAt), load: async () => set }).get();
    await work.settle();
    // Every campaign part damaged in place (the head and the placements' lists intact), as a
    // bad write or a broken byte would leave them: a decision meets the damage whatever it draws.
    const stored = (await admin.get(ACTIVE_CAMPAIGNS_KEY))!;
    const damagedStamp = stampOf(stored.slice(0, HEAD_BYTES));
    const pieces = stored.split(",");
    const firstCampaignPart = pieces.length - Math.ceil(set.campaigns.length / CHUNK_SIZE);
    for (let index = firstCampaignPart; index < pieces.length; index++) pieces[index] = pieces[index]!.slice(0, -8) + "AAAAAAA=";
    await admin.set(ACTIVE_CAMPAIGNS_KEY, pieces.join(","), "EX", 300);

    let loads = 0;
    const reading = () => {
      const instanceWork = deferredWork();
      const { lines, log } = recordingLog();
      const cache = new ActiveCampaignsCache<ActiveSet>({
        store: upstash(bridge).store,
        defer: instanceWork.defer,
        log,
        codec: activeSetParts(),
        load: async () => {
          loads += 1;
          return set;
        },
      });
      return { cache, lines, settle: instanceWork.settle };
    };
    const reader = reading();
    const store = upstash(bridge).store;
    const secret = "s".repeat(32);
    for (let i = 0; i < 20; i++) {
      const request = { placementId: `bench-p-${String(i * 5).padStart(3, "0")}`, keywords: [], country: "US", device: "DESKTOP" as const, address: `203.0.113.${i}`, userAgent: "Mozilla/5.0", pageHost: undefined, slot: 0, origin: "https://ads.example", now: set.builtAt + 60_000 };
      const answer = await serveAd({ activeSet: () => reader.cache.get(), store, secret }, request);
      expect(answer.kind).toBe("ad");
      expect(answer).toEqual(await serveAd({ activeSet: async () => set, store, secret }, request));
    }
    // The damage was found by the first decision, and the database read once: the freshness
    // checks of a busy machine's slower decisions (each a Redis hit) keep the set that replaced it.
    expect(reader.cache.stats()).toMatchObject({ databaseLoads: 1 });
    expect(loads).toBe(1);
    expect(reader.lines.map((line) => line.fields?.outcome)).toEqual(["active_set_damaged"]);
    await reader.settle();
    const rewritten = (await admin.get(ACTIVE_CAMPAIGNS_KEY))!;
    expect(stampOf(rewritten.slice(0, HEAD_BYTES))).not.toBe(damagedStamp);

    // The next instance takes the new copy, whole, without the database.
    const next = reading();
    const read = await next.cache.get();
    expect(JSON.stringify(read)).toBe(JSON.stringify(set));
    expect(next.cache.stats()).toMatchObject({ redisHits: 1, databaseLoads: 0 });
    expect(loads).toBe(1);
    expect(next.lines).toEqual([]);
  });

  it("a write Redis refuses is logged with its size, and serving goes on from the database", async () => {
    const strict = await startUpstashBridge({ redisUrl: redis.url, token: "test-token", maxRequestBytes: 100_000, logger: null });
    try {
      await admin.del(ACTIVE_CAMPAIGNS_KEY);
      const work = deferredWork();
      const { lines, log } = recordingLog();
      const handle = upstash(strict);
      const cache = new ActiveCampaignsCache<ActiveSet>({ store: handle.store, defer: work.defer, log, codec: activeSetParts(), load: async () => set });
      expect((await cache.get()).campaigns).toHaveLength(10_000);
      await work.settle();
      // Upstash answered (with a refusal): Redis is up, and stays in use for everything else.
      expect(handle.breaker!.snapshot().state).toBe("closed");
      await expect(handle.store.exec([{ op: "set", key: "big", value: "x".repeat(200_000) }])).rejects.toThrow(/max request size/);
      expect(handle.breaker!.snapshot()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
      expect(await handle.store.get("big")).toBeNull();
      expect(lines).toHaveLength(1);
      expect(lines[0]!.message).toBe("active_campaigns not written to Redis: instances load the active set from the database");
      expect(lines[0]!.fields).toMatchObject({ outcome: "active_set_write_failed", bytes: expect.any(Number) });
      expect(lines[0]!.fields!.bytes).toBeGreaterThan(100_000);
      expect(String(lines[0]!.fields!.error)).toMatch(/ERR max request size exceeded/);
      expect(String(lines[0]!.fields!.error)).not.toContain("gzp:");
      expect(await admin.exists(ACTIVE_CAMPAIGNS_KEY)).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
