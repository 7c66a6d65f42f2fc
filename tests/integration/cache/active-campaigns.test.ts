// The active_campaigns cache against real stores: PGlite as the database, a real
// redis-server reached over TCP and through the Upstash REST bridge with @upstash/redis.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Redis as IORedis } from "ioredis";
import type { ActiveSet } from "@/lib/ads/active-set";
import { activeSetParts } from "@/lib/ads/active-set-parts";
import { activeSetVersion, loadActiveSet } from "@/lib/ads/load-active-set";
import { ACTIVE_CAMPAIGNS_KEY, ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { checkHealth } from "@/lib/health/check-health";
import type { Offer } from "@/lib/offers/offer-token";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { findLandingUrl } from "@/lib/tracking/landing-url";
import { seedDemoData } from "@/prisma/seed";
import { startUpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { freshPglite } from "@/tests/support/databases";
import { sleep, startRedis, type RedisServer } from "@/tests/support/services";
import { runAtOnce, startedWork } from "@/tests/support/deferred-work";

type Database = Awaited<ReturnType<typeof freshPglite>>;
type Bridge = Awaited<ReturnType<typeof startUpstashBridge>>;

// The breaker's deadline per Redis call: large enough that a busy CI machine (two cores, load
// ~10), whose round trips through the Upstash bridge can take most of a second, never mistakes
// a slow answer for an outage (which opens the breaker and changes what the tests count).
const TIMEOUT_MS = 2_000;
/**
 * How long a read may take when Redis is down or frozen: the breaker's deadline, then the
 * database load (PGlite in this process, slow on a loaded machine). Below the backend's own
 * deadline (4 × TIMEOUT_MS), so it proves that the breaker's deadline fired, not the backstop.
 */
const FALLBACK_BOUND_MS = TIMEOUT_MS + 4_000;
const LOCAL_TTL_MS = 200;

let database: Database;
let redis: RedisServer;
let bridge: Bridge;

beforeAll(async () => {
  database = await freshPglite();
  await seedDemoData(database.prisma);
  redis = await startRedis();
  bridge = await startUpstashBridge({ redisUrl: redis.url, token: "test-token", logger: null });
});

afterAll(async () => {
  await bridge?.close();
  await redis?.stop();
  await database?.close();
});

const variants = [
  { name: "TCP Redis", config: () => ({ kind: "redis" as const, url: redis.url, timeoutMs: TIMEOUT_MS }) },
  { name: "Upstash REST", config: () => ({ kind: "upstash" as const, url: bridge.url, token: bridge.token, timeoutMs: TIMEOUT_MS }) },
];

describe.each(variants)("active_campaigns over $name", ({ config }) => {
  let handle: StoreHandle;
  let cache: ActiveCampaignsCache<ActiveSet>;
  let loads: number;
  let logLines: string[];
  let admin: IORedis;
  // Every cache's write-backs of a test, waited for after it: one landing after the next
  // test's FLUSHALL would be read there as that test's own.
  let work: ReturnType<typeof startedWork>;

  beforeEach(async () => {
    work = startedWork();
    if (!(await redisIsUp())) await redis.start();
    admin = new IORedis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    admin.on("error", () => {}); // the tests kill this server on purpose
    await admin.flushall();
    logLines = [];
    loads = 0;
    handle = createStore(config(), { log: (line) => logLines.push(line) });
    // As the app wires it: the repair runs on its own when Redis is back (the tests wait for its effects).
    // eslint-disable-next-line @typescript-eslint/no-floating-promises
    handle.breaker?.onConnect(() => void cache.repairAfterOutage());
    cache = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer,
      store: handle.store,
      localTtlMs: LOCAL_TTL_MS,
      load: async () => {
        loads += 1;
        return loadActiveSet(database.prisma);
      },
    });
    await handle.store.ping(); // connected before the test starts (logs "Redis connected")
  });

  afterEach(async () => {
    redis.resume?.();
    await work.drain();
    await handle.store.close();
    admin.disconnect();
    await database.prisma.campaign.updateMany({ where: { id: "demo-campaign-spring" }, data: { status: "ACTIVE" } });
  });

  async function redisIsUp() {
    const probe = new IORedis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 300, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }

  const campaignIds = (set: ActiveSet) => set.campaigns.map((campaign) => campaign.id).sort();

  it("builds the set from the database on a miss and stores it under active_campaigns for 300 s", async () => {
    const set = await cache.get();
    expect(campaignIds(set)).toEqual(["demo-campaign-house", "demo-campaign-spring", "demo-campaign-tents"]);
    expect(loads).toBe(1);
    // The write-back does not hold up the reader: wait for it.
    await expect.poll(() => admin.ttl(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBeGreaterThan(290);
    expect(await admin.ttl(ACTIVE_CAMPAIGNS_KEY)).toBeLessThanOrEqual(300);
  });

  it("serves the next instance's read from Redis, not the database", async () => {
    await cache.get();
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(1);
    const secondInstance = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer,
      store: handle.store,
      load: async () => {
        loads += 1;
        return loadActiveSet(database.prisma);
      },
    });
    expect(campaignIds(await secondInstance.get())).toHaveLength(3);
    expect(loads).toBe(1);
    expect(secondInstance.stats()).toMatchObject({ redisHits: 1, databaseLoads: 0 });
  });

  it("queries the database once for 100 concurrent requests on a cold cache", async () => {
    const sets = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
    expect(loads).toBe(1);
    expect(sets.every((set) => set.campaigns.length === 3)).toBe(true);
  });

  it("after a pause and an invalidation the paused campaign is gone at once", async () => {
    await cache.get();
    // The write-back (compressed off the request path) has landed: the invalidation must drop it.
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(1);
    await database.prisma.campaign.update({ where: { id: "demo-campaign-spring" }, data: { status: "PAUSED" } });
    await cache.invalidate();
    expect(await admin.exists(ACTIVE_CAMPAIGNS_KEY)).toBe(0);
    expect(campaignIds(await cache.get())).toEqual(["demo-campaign-house", "demo-campaign-tents"]);
  });

  it("another instance stops serving a paused campaign within its local TTL", async () => {
    const other = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer, store: handle.store, localTtlMs: LOCAL_TTL_MS, load: () => loadActiveSet(database.prisma) });
    expect(campaignIds(await other.get())).toContain("demo-campaign-spring");
    await database.prisma.campaign.update({ where: { id: "demo-campaign-spring" }, data: { status: "PAUSED" } });
    await cache.invalidate();
    await sleep(LOCAL_TTL_MS);
    expect(campaignIds(await other.get())).not.toContain("demo-campaign-spring");
  });

  it("Redis killed: reads fall back to the database within the timeout, one error line; restarted: Redis is used again", async () => {
    await cache.get();
    await redis.kill();
    for (let read = 0; read < 5; read += 1) {
      await sleep(LOCAL_TTL_MS);
      const started = performance.now();
      const set = await cache.get();
      expect(set.campaigns).toHaveLength(3);
      // Redis adds at most its timeout; the rest is the database load (slow only on a loaded machine).
      expect(performance.now() - started).toBeLessThan(FALLBACK_BOUND_MS);
    }
    expect(logLines.filter((line) => line.startsWith("Redis connection error"))).toHaveLength(1);
    expect(logLines.at(-1)).toMatch(/^Redis connection error \(serving from database\)/);

    await redis.start();
    // The breaker's probe backs off to one every 5 s.
    await expect.poll(() => logLines.at(-1), { timeout: 20_000, interval: 100 }).toBe("Redis connected");
    await sleep(LOCAL_TTL_MS);
    await cache.get(); // a database load that is written back to Redis
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(1);
    const redisHitsBefore = cache.stats().redisHits;
    await sleep(LOCAL_TTL_MS);
    await cache.get();
    expect(cache.stats().redisHits).toBe(redisHitsBefore + 1);
    expect(logLines.filter((line) => line === "Redis connected")).toHaveLength(2);
  });

  it("Redis frozen (SIGSTOP): calls return within the timeout and the breaker opens", async () => {
    await cache.get();
    redis.pause();
    await sleep(LOCAL_TTL_MS);
    const started = performance.now();
    const set = await cache.get();
    expect(set.campaigns).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(FALLBACK_BOUND_MS);
    await sleep(LOCAL_TTL_MS);
    await cache.get();
    expect(handle.breaker?.isOpen).toBe(true);
    redis.resume();
  });

  it("Redis frozen: an instance keeps the shared copy after one version query while the database is unchanged, and reloads once a campaign is paused", async () => {
    const withVersion = (count: () => void) =>
      new ActiveCampaignsCache<ActiveSet>({
        defer: work.defer,
        store: handle.store,
        localTtlMs: LOCAL_TTL_MS,
        load: async () => {
          count();
          return loadActiveSet(database.prisma);
        },
        version: () => activeSetVersion(database.prisma),
      });
    await withVersion(() => (loads += 1)).get(); // loads, writes the copy with the version it loaded under
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(1);
    let readerLoads = 0;
    const reader = withVersion(() => (readerLoads += 1));
    const copy = await reader.get();
    expect(readerLoads).toBe(0); // from Redis

    redis.pause();
    await sleep(LOCAL_TTL_MS);
    expect(await reader.get()).toBe(copy); // the check timed out; the database's version matched
    expect(readerLoads).toBe(0);
    expect(reader.stats()).toMatchObject({ versionChecks: 1, databaseLoads: 0 });

    await database.prisma.campaign.update({ where: { id: "demo-campaign-spring" }, data: { status: "PAUSED" } });
    await sleep(LOCAL_TTL_MS);
    expect(campaignIds(await reader.get())).not.toContain("demo-campaign-spring");
    expect(readerLoads).toBe(1);
    redis.resume();
  });

  it("a campaign paused while Redis was down is not resurrected by the stale copy when Redis returns", async () => {
    await cache.get();
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(1);
    redis.pause();
    await sleep(LOCAL_TTL_MS);
    await cache.get(); // opens the breaker
    await database.prisma.campaign.update({ where: { id: "demo-campaign-spring" }, data: { status: "PAUSED" } });
    await cache.invalidate(); // cannot reach Redis
    redis.resume();
    await expect.poll(() => logLines.at(-1), { timeout: 20_000, interval: 100 }).toBe("Redis connected");
    await expect.poll(() => admin.exists(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000 }).toBe(0);
    const fresh = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer, store: handle.store, load: () => loadActiveSet(database.prisma) });
    expect(campaignIds(await fresh.get())).not.toContain("demo-campaign-spring");
  });

  it("a click on a campaign whose part of the shared copy is damaged goes to its landing page from the database, and the copy is replaced", async () => {
    const writer = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer, store: handle.store, codec: activeSetParts(), load: () => loadActiveSet(database.prisma) });
    await writer.get();
    await work.drain();
    // The demo's three campaigns are one part, the last: damaged in place.
    const pieces = (await admin.get(ACTIVE_CAMPAIGNS_KEY))!.split(",");
    pieces[pieces.length - 1] = pieces.at(-1)!.slice(0, -8) + "AAAAAAA=";
    await admin.set(ACTIVE_CAMPAIGNS_KEY, pieces.join(","), "EX", 300);

    let readerLoads = 0;
    const reader = new ActiveCampaignsCache<ActiveSet>({
      defer: work.defer,
      store: handle.store,
      codec: activeSetParts(),
      load: async () => {
        readerLoads += 1;
        return loadActiveSet(database.prisma);
      },
    });
    const offer = { campaignId: "demo-campaign-tents", creativeId: "demo-creative-tents-text" } as Offer;
    const deps = { activeSet: () => reader.get(), prisma: database.prisma };
    expect(await findLandingUrl(offer, deps)).toBe("https://northwind.example/tents");
    expect(readerLoads).toBe(0); // the database's creative row answered; the damage was reported
    expect(campaignIds(await reader.get())).toEqual(["demo-campaign-house", "demo-campaign-spring", "demo-campaign-tents"]);
    expect(readerLoads).toBe(1);
    expect(await findLandingUrl(offer, deps)).toBe("https://northwind.example/tents");
    await work.drain();
    const fresh = new ActiveCampaignsCache<ActiveSet>({ defer: work.defer, store: handle.store, codec: activeSetParts(), load: () => Promise.reject(new Error("the database must not be needed")) });
    expect(campaignIds(await fresh.get())).toHaveLength(3);
  });
});

describe("refused credentials", () => {
  // The refusal must be what fails the call, not a deadline a busy machine can miss.
  const REFUSAL_TIMEOUT_MS = 10_000;

  it("a wrong Upstash token is a clear health error and serving still works from the database", async () => {
    const logLines: string[] = [];
    const handle = createStore({ kind: "upstash", url: bridge.url, token: "wrong-token", timeoutMs: REFUSAL_TIMEOUT_MS }, { log: (line) => logLines.push(line) });
    try {
      await expect(handle.store.ping()).rejects.toThrow(/401|token/i);
      expect(logLines).toHaveLength(1);
      expect(logLines[0]).toMatch(/^Redis connection error \(serving from database\): .*(401|token)/i);
      expect(logLines[0]).not.toContain("wrong-token");
      const report = await checkHealth({
        prisma: database.prisma,
        cacheState: () => handle.store.ping().then(() => "ok" as const, () => "down" as const),
      });
      expect(report).toEqual({ status: "degraded", database: "ok", cache: "down" });
      const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: handle.store, load: () => loadActiveSet(database.prisma) });
      expect((await cache.get()).campaigns).toHaveLength(3);
    } finally {
      await handle.store.close();
    }
  });

  it("a wrong Redis password is a clear error and serving still works from the database", async () => {
    const secured = await startRedis();
    const admin = new IORedis(secured.url, { maxRetriesPerRequest: 0 });
    await admin.config("SET", "requirepass", "right-password");
    admin.disconnect();
    const logLines: string[] = [];
    const url = secured.url.replace("redis://", "redis://default:wrong-password@");
    const handle = createStore({ kind: "redis", url, timeoutMs: REFUSAL_TIMEOUT_MS }, { log: (line) => logLines.push(line) });
    try {
      await expect(handle.store.ping()).rejects.toThrow(/password/i);
      expect(logLines[0]).toMatch(/^Redis connection error \(serving from database\): .*password/i);
      expect(logLines[0]).not.toContain("wrong-password");
      const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: handle.store, load: () => loadActiveSet(database.prisma) });
      expect((await cache.get()).campaigns).toHaveLength(3);
    } finally {
      await handle.store.close();
      await secured.stop();
    }
  });
});

describe("activeSetVersion (the database's fingerprint while Redis is down)", () => {
  it("stays the same until a campaign, creative, placement or site is edited, added or removed", async () => {
    const { prisma } = database;
    const before = await activeSetVersion(prisma);
    expect(await activeSetVersion(prisma)).toBe(before);

    await prisma.campaign.update({ where: { id: "demo-campaign-tents" }, data: { status: "PAUSED" } });
    const paused = await activeSetVersion(prisma);
    expect(paused).not.toBe(before);
    await prisma.campaign.update({ where: { id: "demo-campaign-tents" }, data: { status: "ACTIVE" } });

    const resumed = await activeSetVersion(prisma);
    const creative = await prisma.creative.findFirstOrThrow({ where: { campaignId: "demo-campaign-tents" } });
    await prisma.creative.delete({ where: { id: creative.id } });
    const deleted = await activeSetVersion(prisma);
    expect(deleted).not.toBe(resumed);
    const { id, campaignId, createdAt, updatedAt, ...rest } = creative;
    void updatedAt;
    await prisma.creative.create({ data: { ...rest, id, campaignId, createdAt } });

    // A site's label (and domains) reach its placements' entries.
    const created = await activeSetVersion(prisma);
    await prisma.site.update({ where: { id: "demo-site-trailhead" }, data: { adLabel: "Sponsored" } });
    expect(await activeSetVersion(prisma)).not.toBe(created);
    await prisma.site.update({ where: { id: "demo-site-trailhead" }, data: { adLabel: "Ad" } });

    // Spend moves with every event (raw SQL, no updatedAt): not part of the version.
    const settled = await activeSetVersion(prisma);
    await prisma.$executeRaw`UPDATE "campaign" SET "spentMicros" = "spentMicros" + 1 WHERE "id" = 'demo-campaign-tents'`;
    expect(await activeSetVersion(prisma)).toBe(settled);
  });
});

describe("without Redis (no shared store)", () => {
  const campaignIds = (set: ActiveSet) => set.campaigns.map((campaign) => campaign.id);

  it("a pause made on one instance reaches another within the in-process TTL, by the database's version", async () => {
    const instance = () => new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: null, load: () => loadActiveSet(database.prisma), version: () => activeSetVersion(database.prisma), localTtlMs: LOCAL_TTL_MS });
    const [first, second] = [instance(), instance()];
    expect(campaignIds(await first.get())).toContain("demo-campaign-tents");
    expect(campaignIds(await second.get())).toContain("demo-campaign-tents");
    // Paused through the first instance (its dashboard): the second has no message of it.
    await database.prisma.campaign.update({ where: { id: "demo-campaign-tents" }, data: { status: "PAUSED" } });
    await first.invalidate();
    try {
      expect(campaignIds(await first.get())).not.toContain("demo-campaign-tents");
      await sleep(LOCAL_TTL_MS);
      expect(campaignIds(await second.get())).not.toContain("demo-campaign-tents");
    } finally {
      await database.prisma.campaign.update({ where: { id: "demo-campaign-tents" }, data: { status: "ACTIVE" } });
    }
  });
});
