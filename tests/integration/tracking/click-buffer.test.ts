// Clicks the database could not record are parked in Redis and replayed exactly once when it
// is back. Real stores: PostgreSQL, a redis-server over TCP, and a Prisma client on a port
// where nothing listens (a real connection failure, not a mock).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { drainPendingClicks, parkClick, PENDING_CLICKS_KEY, PENDING_CLICKS_LOCK_KEY } from "@/lib/tracking/click-buffer";
import type { Offer } from "@/lib/offers/offer-token";
import { click, impression, validVerdict, withPolicy } from "@/tests/support/tracking";
import { databaseSettings, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { freePort, startRedis, type RedisServer } from "@/tests/support/services";

const ORGANIZATION = "org-click-buffer";
const CAMPAIGN = "campaign-click-buffer";
const CREATIVE = "creative-click-buffer";
/** CPC at 0.25 USD: every counted click is charged, so double counting would show in spend. */
const CPC_MICROS = 250_000;

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
  await prisma.organization.create({ data: { id: ORGANIZATION, name: "Click buffer advertiser", kind: "ADVERTISER" } });
  await prisma.campaign.create({
    data: {
      id: CAMPAIGN,
      organizationId: ORGANIZATION,
      name: "Clicks",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      pricingModel: "CPC",
      priceMicros: BigInt(CPC_MICROS),
      totalBudgetMicros: 1_000_000_000n,
      creatives: {
        create: [{ id: CREATIVE, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }],
      },
    },
  });
});

afterAll(async () => {
  await brokenDatabase?.close();
  await redisHandle?.store.close();
  await database?.close();
  await redis?.stop();
});

beforeEach(async () => {
  await redisHandle.store.del(PENDING_CLICKS_KEY, PENDING_CLICKS_LOCK_KEY);
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
const park = (shown: Offer, at: Date) => parkClick(redisHandle.store, shown, validVerdict(shown), at);

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
    expect(Object.keys(await redisHandle.store.hgetAll(PENDING_CLICKS_KEY))).toEqual([shown.offerId]);

    // Still down: the replay stops at the first failure and keeps everything.
    expect(await drainPendingClicks(down())).toEqual({ replayed: 0, counted: 0, dropped: 0 });
    expect(Object.keys(await redisHandle.store.hgetAll(PENDING_CLICKS_KEY))).toEqual([shown.offerId]);

    expect(await drainPendingClicks(up())).toEqual({ replayed: 1, counted: 1, dropped: 0 });
    expect(await redisHandle.store.hgetAll(PENDING_CLICKS_KEY)).toEqual({});
    const [stored] = await clicksOf([shown]);
    expect(stored?.occurredAt.getTime()).toBe(clickedAt.getTime());
    expect(Number(stored?.costMicros)).toBe(CPC_MICROS);

    // Parked again by a slow instance after the replay: the database refuses the duplicate.
    await park(shown, clickedAt);
    expect(await drainPendingClicks(up())).toEqual({ replayed: 1, counted: 0, dropped: 0 });
    expect(await clicksOf([shown])).toHaveLength(1);
    const stat = await prisma.hourlyStat.aggregate({ where: { campaignId: CAMPAIGN, creativeId: CREATIVE }, _sum: { clicks: true } });
    const counted = await prisma.click.count({ where: { campaignId: CAMPAIGN } });
    expect(stat._sum.clicks).toBe(counted);
  });

  it("a parked click whose impression was never stored is replayed with its impression, both exactly once", async () => {
    const unseen = offer();
    await park(unseen, new Date());
    expect(await drainPendingClicks(up())).toEqual({ replayed: 1, counted: 1, dropped: 0 });
    expect(await redisHandle.store.hgetAll(PENDING_CLICKS_KEY)).toEqual({});
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
    expect(await drainPendingClicks(up())).toEqual({ replayed: 1, counted: 1, dropped: 0 });
    expect(await click(up(), shown)).toBe("duplicate");

    // Without a replay: a click retried by the visitor after a failed attempt counts.
    const other = offer();
    await impression(up(), other);
    await expect(click(down(), other, new Date())).rejects.toThrow();
    expect(await click(up(), other)).toBe("counted");
    expect(await clicksOf([shown, other])).toHaveLength(2);
  });

  it("drops an unreadable entry instead of retrying it forever", async () => {
    await redisHandle.store.hset(PENDING_CLICKS_KEY, "garbage", "{not json");
    expect(await drainPendingClicks(up())).toEqual({ replayed: 0, counted: 0, dropped: 1 });
    expect(await redisHandle.store.hgetAll(PENDING_CLICKS_KEY)).toEqual({});
  });

  it("two instances draining at once replay each click once (one holds the lock)", async () => {
    const offers = Array.from({ length: 20 }, () => offer());
    for (const shown of offers) {
      await impression(up(), shown);
      await park(shown, new Date());
    }
    const [first, second] = await Promise.all([drainPendingClicks(up()), drainPendingClicks(up())]);
    expect(first.counted + second.counted).toBe(20);
    expect(Math.min(first.replayed, second.replayed)).toBe(0);
    expect(await clicksOf(offers)).toHaveLength(20);
    expect(await redisHandle.store.get(PENDING_CLICKS_LOCK_KEY)).toBeNull();
  });
});
