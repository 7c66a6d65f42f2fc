// Impressions and clicks the database could not record are parked in Redis and replayed exactly
// once when it is back. Real stores: PostgreSQL, a redis-server over TCP, and a Prisma client on
// a port where nothing listens (a real connection failure, not a mock).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { drainPendingEvents, parkEvent, PENDING_EVENTS_LOCK_KEY, PENDING_KEYS } from "@/lib/tracking/event-buffer";
import { trackImpression } from "@/lib/tracking/track-impression";
import { throttledLog } from "@/lib/log/throttled-log";
import { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";
import { LEGACY_PAGE, signOffer, type Offer } from "@/lib/offers/offer-token";
import { captureLog } from "@/tests/support/log-capture";
import { click, impression, validVerdict, withPolicy } from "@/tests/support/tracking";
import { databaseSettings, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { freePort, startRedis, type RedisServer } from "@/tests/support/services";
import { frequencyCapKey } from "@/lib/offers/frequency-cap";

const ORGANIZATION = "org-event-buffer";
const CAMPAIGN = "campaign-event-buffer";
const CREATIVE = "creative-event-buffer";
/** CPC at 0.25 USD: every counted click is charged, so double counting would show in spend. */
const CPC_MICROS = 250_000;
/** CPM at 2 USD: each counted impression costs 2,000 micros. */
const CPM_CAMPAIGN = "campaign-event-buffer-cpm";
const CPM_CREATIVE = "creative-event-buffer-cpm";
const CPM_MICROS = 2_000_000;
const SECRET = "event-buffer-test-secret-of-32-characters";

let database: FreshDatabase;
let prisma: PrismaClient;
let brokenDatabase: DatabaseHandle;
let redis: RedisServer;
let redisHandle: StoreHandle;

beforeAll(async () => {
  [database, redis] = await Promise.all([freshPostgres(), startRedis()]);
  prisma = database.prisma;
  // A Redis call that missed its deadline would count as an outage and change what is parked and
  // replayed: a deadline a busy CI machine never meets (these tests are about the bookkeeping).
  redisHandle = createStore({ kind: "redis", url: redis.url, timeoutMs: 10_000 }, { log: () => {} });
  brokenDatabase = createDatabase(databaseSettings({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${await freePort()}/nothing` }));
  await prisma.organization.create({ data: { id: ORGANIZATION, name: "Event buffer advertiser", kind: "ADVERTISER" } });
  await createCampaign({ id: CPM_CAMPAIGN, creativeId: CPM_CREATIVE, pricingModel: "CPM", priceMicros: CPM_MICROS });
  await createCampaign({ id: CAMPAIGN, creativeId: CREATIVE, pricingModel: "CPC", priceMicros: CPC_MICROS });
});

/** An active campaign of the test's advertiser with one approved 300×250 creative and a budget it never reaches. */
function createCampaign(campaign: { id: string; creativeId: string; pricingModel: "CPM" | "CPC"; priceMicros: number }) {
  const { id, creativeId, pricingModel, priceMicros } = campaign;
  return prisma.campaign.create({
    data: {
      id,
      organizationId: ORGANIZATION,
      name: id,
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      pricingModel,
      priceMicros: BigInt(priceMicros),
      totalBudgetMicros: 1_000_000_000n,
      creatives: {
        create: [{ id: creativeId, name: creativeId, kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }],
      },
    },
  });
}

afterAll(async () => {
  await brokenDatabase?.close();
  await redisHandle?.store.close();
  await database?.close();
  await redis?.stop();
});

beforeEach(async () => {
  await redisHandle.store.del(PENDING_KEYS.click, PENDING_KEYS.impression, PENDING_EVENTS_LOCK_KEY);
});

function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: CAMPAIGN,
    creativeId: CREATIVE,
    placementId: "placement-sidebar",
    pricingModel: "CPC",
    priceMicros: CPC_MICROS,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: `viewer-${randomBytes(6).toString("base64url")}`,
    capPeriodSeconds: 0,
    page: "-",
    ...overrides,
  };
}

const up = () => withPolicy({ prisma, store: redisHandle.store });
const down = () => withPolicy({ prisma: brokenDatabase.prisma, store: redisHandle.store });
const park = (shown: Offer, at: Date) => parkEvent(redisHandle.store, "click", shown, validVerdict(shown), at);
const none = { replayed: 0, counted: 0, dropped: 0 };
/** A drain's result for clicks alone (nothing else parked). */
const clicksDrained = (click: typeof none) => ({ impression: none, click });
const parkedIds = async (key: string) => Object.keys(await redisHandle.store.hgetAll(key));

async function clicksOf(offers: Offer[]) {
  const rows = await prisma.click.findMany({ where: { offerId: { in: offers.map((o) => o.offerId) } }, orderBy: { occurredAt: "asc" } });
  return rows;
}

describe("parked clicks", () => {
  it("a click the database refused is parked once, then replayed exactly once with its own time", async () => {
    const shown = offer();
    await impression(up(), shown);
    const clickedAt = new Date(Date.now() - 90_000);

    await expect(click(down(), shown, clickedAt)).rejects.toThrow();
    await park(shown, clickedAt);
    // The visitor clicks again during the outage: still one parked click.
    await expect(click(down(), shown, new Date())).rejects.toThrow();
    await park(shown, clickedAt);
    expect(Object.keys(await redisHandle.store.hgetAll(PENDING_KEYS.click))).toEqual([shown.offerId]);

    // Still down: the replay stops at the first failure and keeps everything.
    expect(await drainPendingEvents(down())).toEqual(clicksDrained({ replayed: 0, counted: 0, dropped: 0 }));
    expect(Object.keys(await redisHandle.store.hgetAll(PENDING_KEYS.click))).toEqual([shown.offerId]);

    expect(await drainPendingEvents(up())).toEqual(clicksDrained({ replayed: 1, counted: 1, dropped: 0 }));
    expect(await redisHandle.store.hgetAll(PENDING_KEYS.click)).toEqual({});
    const [stored] = await clicksOf([shown]);
    expect(stored?.occurredAt.getTime()).toBe(clickedAt.getTime());
    expect(Number(stored?.costMicros)).toBe(CPC_MICROS);

    // Parked again by a slow instance after the replay: the database refuses the duplicate.
    await park(shown, clickedAt);
    expect(await drainPendingEvents(up())).toEqual(clicksDrained({ replayed: 1, counted: 0, dropped: 0 }));
    expect(await clicksOf([shown])).toHaveLength(1);
    const stat = await prisma.hourlyStat.aggregate({ where: { campaignId: CAMPAIGN, creativeId: CREATIVE }, _sum: { clicks: true } });
    const counted = await prisma.click.count({ where: { campaignId: CAMPAIGN } });
    expect(stat._sum.clicks).toBe(counted);
  });

  it("a parked click whose impression was never stored is replayed with its impression, both exactly once", async () => {
    const unseen = offer();
    await park(unseen, new Date());
    expect(await drainPendingEvents(up())).toEqual(clicksDrained({ replayed: 1, counted: 1, dropped: 0 }));
    expect(await redisHandle.store.hgetAll(PENDING_KEYS.click)).toEqual({});
    expect(await prisma.impression.count({ where: { offerId: unseen.offerId } })).toBe(1);
    expect(await clicksOf([unseen])).toHaveLength(1);
    // The impression's beacon, refused during the outage, is retried: a duplicate now.
    expect(await impression(up(), unseen)).toBe("duplicate");
  });

  it("a failed attempt leaves nothing in Redis that turns the replay or a later click into a duplicate", async () => {
    const shown = offer();
    await impression(up(), shown);
    await expect(click(down(), shown, new Date())).rejects.toThrow();
    await park(shown, new Date());
    expect(await drainPendingEvents(up())).toEqual(clicksDrained({ replayed: 1, counted: 1, dropped: 0 }));
    expect(await click(up(), shown)).toBe("duplicate");

    // Without a replay: a click retried by the visitor after a failed attempt counts.
    const other = offer();
    await impression(up(), other);
    await expect(click(down(), other, new Date())).rejects.toThrow();
    expect(await click(up(), other)).toBe("counted");
    expect(await clicksOf([shown, other])).toHaveLength(2);
  });

  it("drops an unreadable entry instead of retrying it forever", async () => {
    await redisHandle.store.hset(PENDING_KEYS.click, "garbage", "{not json");
    expect(await drainPendingEvents(up())).toEqual(clicksDrained({ replayed: 0, counted: 0, dropped: 1 }));
    expect(await redisHandle.store.hgetAll(PENDING_KEYS.click)).toEqual({});
  });

  it("two instances draining at once replay each click once (one holds the lock)", async () => {
    const offers = Array.from({ length: 20 }, () => offer());
    for (const shown of offers) {
      await impression(up(), shown);
      await park(shown, new Date());
    }
    const [first, second] = await Promise.all([drainPendingEvents(up()), drainPendingEvents(up())]);
    expect(first.click.counted + second.click.counted).toBe(20);
    expect(Math.min(first.click.replayed, second.click.replayed)).toBe(0);
    expect(await clicksOf(offers)).toHaveLength(20);
    expect(await redisHandle.store.get(PENDING_EVENTS_LOCK_KEY)).toBeNull();
  });
});

/** A beacon as the route hands it to trackImpression: its token, a browser's headers, the client's address. */
const beacon = (shown: Offer) => ({ token: signOffer(shown, SECRET), method: "POST", headers: new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" }), address: "203.0.113.9" });

/** The tracking context of an instance whose database is `prisma` and whose Redis is `store`, with its problem log kept. */
function beaconContext(deps: ReturnType<typeof up>) {
  const { logger, lines } = captureLog();
  const context = { ...deps, secret: SECRET, limiter: new PublicRateLimiter({ limits: null, store: null }), log: throttledLog({ logger: () => logger }) };
  return { context, lines };
}

/** An offer of the CPM campaign that any browser's beacon judges VALID: no viewer or page of its own to mismatch. */
const cpmOffer = (overrides: Partial<Offer> = {}) => offer({ campaignId: CPM_CAMPAIGN, creativeId: CPM_CREATIVE, pricingModel: "CPM", priceMicros: CPM_MICROS, viewer: "-", page: LEGACY_PAGE, ...overrides });
const spentOf = async () => Number((await prisma.campaign.findUniqueOrThrow({ where: { id: CPM_CAMPAIGN }, select: { spentMicros: true } })).spentMicros);

describe("parked impressions", () => {
  it("a beacon the database cannot take is acknowledged as accepted, parked once (its first copy kept), and counted exactly once when the database is back", async () => {
    const shown = cpmOffer();
    const down = beaconContext(withPolicy({ prisma: brokenDatabase.prisma, store: redisHandle.store }));
    const spentBefore = await spentOf();

    const seenFrom = Date.now();
    expect(await trackImpression(beacon(shown), down.context)).toBe("accepted");
    const seenUntil = Date.now();
    // The page sends it again (or a copy races it to another instance): one parked event, the first.
    const replayed = { ...beacon(shown), headers: new Headers({ "user-agent": "curl/8.5.0" }) };
    expect(await trackImpression(replayed, down.context)).toBe("duplicate");
    expect(await parkedIds(PENDING_KEYS.impression)).toEqual([shown.offerId]);
    const [parked] = Object.values(await redisHandle.store.hgetAll(PENDING_KEYS.impression));
    expect(JSON.parse(parked!)).toMatchObject({ offer: { offerId: shown.offerId }, verdict: { validity: "VALID" } });
    expect(down.lines).toMatchObject([{ level: "warn", outcome: "parked", message: "Impressions are parked in Redis: the database cannot record them (replayed when it is back)" }]);
    expect(await prisma.impression.count({ where: { offerId: shown.offerId } })).toBe(0);

    // Still down: nothing is decided, everything stays.
    expect(await drainPendingEvents(down.context)).toEqual({ impression: none, click: none });
    expect(await parkedIds(PENDING_KEYS.impression)).toEqual([shown.offerId]);

    expect(await drainPendingEvents(up())).toEqual({ impression: { replayed: 1, counted: 1, dropped: 0 }, click: none });
    expect(await redisHandle.store.exists(PENDING_KEYS.impression)).toBe(0);
    const stored = await prisma.impression.findUniqueOrThrow({ where: { offerId: shown.offerId } });
    // Stored at the moment it was seen, valid (the first copy's verdict, not the replay's), charged once.
    expect(stored.occurredAt.getTime()).toBeGreaterThanOrEqual(seenFrom);
    expect(stored.occurredAt.getTime()).toBeLessThanOrEqual(seenUntil);
    expect(stored.validity).toBe("VALID");
    expect((await spentOf()) - spentBefore).toBe(CPM_MICROS / 1000);

    // The snippet's retry after the database is back, and a parked copy replayed late: duplicates.
    expect(await trackImpression(beacon(shown), beaconContext(up()).context)).toBe("duplicate");
    await parkEvent(redisHandle.store, "impression", shown, validVerdict(shown), new Date());
    expect(await drainPendingEvents(up())).toEqual({ impression: { replayed: 1, counted: 0, dropped: 0 }, click: none });
    expect(await prisma.impression.count({ where: { offerId: shown.offerId } })).toBe(1);
    expect((await spentOf()) - spentBefore).toBe(CPM_MICROS / 1000);
    const stat = await prisma.hourlyStat.aggregate({ where: { campaignId: CPM_CAMPAIGN }, _sum: { impressions: true } });
    expect(stat._sum.impressions).toBe(await prisma.impression.count({ where: { campaignId: CPM_CAMPAIGN } }));
  });

  it("an impression and its click parked in the same outage are replayed impression first: one of each, the impression's own time", async () => {
    const shown = offer();
    const seenAt = new Date(Date.now() - 120_000);
    const clickedAt = new Date(Date.now() - 60_000);
    // Parked in the opposite order: the replay does not depend on it.
    await park(shown, clickedAt);
    await parkEvent(redisHandle.store, "impression", shown, validVerdict(shown), seenAt);
    expect(await drainPendingEvents(up())).toEqual({ impression: { replayed: 1, counted: 1, dropped: 0 }, click: { replayed: 1, counted: 1, dropped: 0 } });
    expect((await prisma.impression.findUniqueOrThrow({ where: { offerId: shown.offerId } })).occurredAt.getTime()).toBe(seenAt.getTime());
    expect(await clicksOf([shown])).toHaveLength(1);
  });

  it("a frequency-capped impression moves its viewer's counter when it is replayed, not before", async () => {
    const shown = cpmOffer({ capPeriodSeconds: 3_600 });
    const down = beaconContext(withPolicy({ prisma: brokenDatabase.prisma, store: redisHandle.store }));
    const counters = async () => (await redisHandle.store.mget([frequencyCapKey(shown.viewer, shown.campaignId, shown.capPeriodSeconds, shown.issuedAt)]))[0];
    expect(await trackImpression(beacon(shown), down.context)).toBe("accepted");
    expect(await counters()).toBeNull();
    await drainPendingEvents(up());
    expect(await counters()).toBe("1");
  });

  it("with Redis down too, the beacon is refused with 503 and nothing is kept", async () => {
    const shown = cpmOffer();
    const unreachable = createStore({ kind: "redis", url: `redis://127.0.0.1:${await freePort()}`, timeoutMs: 2_000 }, { log: () => {} });
    try {
      const down = beaconContext(withPolicy({ prisma: brokenDatabase.prisma, store: unreachable.store }));
      await expect(trackImpression(beacon(shown), down.context)).rejects.toMatchObject({ status: 503, headers: { "Retry-After": "5" } });
      expect(down.lines).toMatchObject([{ level: "error", outcome: "unavailable", message: "Impressions are refused with 503: neither the database nor Redis can take them" }]);
    } finally {
      await unreachable.store.close();
    }
    expect(await redisHandle.store.exists(PENDING_KEYS.impression)).toBe(0);
  });

  it("a long outage's backlog is replayed a page at a time, each impression once", async () => {
    const backlog = Array.from({ length: 600 }, () => cpmOffer());
    const seenAt = new Date();
    await redisHandle.store.exec(backlog.map((shown) => ({ op: "hset" as const, key: PENDING_KEYS.impression, field: shown.offerId, value: JSON.stringify({ offer: shown, verdict: validVerdict(shown), at: seenAt.getTime() }) })));
    const first = await drainPendingEvents(up());
    expect(first.impression.replayed).toBeGreaterThan(0);
    expect(first.impression.replayed).toBeLessThanOrEqual(500);
    const second = await drainPendingEvents(up());
    expect(first.impression.counted + second.impression.counted).toBe(backlog.length);
    expect(await redisHandle.store.exists(PENDING_KEYS.impression)).toBe(0);
    expect(await prisma.impression.count({ where: { offerId: { in: backlog.map((shown) => shown.offerId) } } })).toBe(backlog.length);
  });

  it("drops an unreadable parked impression instead of retrying it forever", async () => {
    await redisHandle.store.hset(PENDING_KEYS.impression, "garbage", '{"at":1}');
    expect(await drainPendingEvents(up())).toEqual({ impression: { replayed: 0, counted: 0, dropped: 1 }, click: none });
    expect(await redisHandle.store.exists(PENDING_KEYS.impression)).toBe(0);
  });
});
