// What each event costs on Upstash, which bills every command (issue 16): counted by the
// redis-server that ran them (INFO commandstats) and by the Upstash REST bridge that carried
// them (HTTP requests), around one event at a time, through the real @upstash/redis client.
import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { serveAd } from "@/lib/ads/serve-ad";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Offer } from "@/lib/offers/offer-token";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { drainPendingEvents } from "@/lib/tracking/event-buffer";
import { recordImpression } from "@/lib/tracking/record-impression";
import { startUpstashBridge, type UpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { activeSet, campaign, NOW, placement } from "@/tests/support/active-set-fixtures";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { runAtOnce } from "@/tests/support/deferred-work";
import { startRedis, type RedisServer } from "@/tests/support/services";
import { click, DEFAULT_POLICY, impression, withPolicy } from "@/tests/support/tracking";

const ORGANIZATION = "org-redis-commands";
const CAMPAIGN = "campaign-redis-commands";
const CREATIVE = "creative-redis-commands";
const CAP_PERIOD_SECONDS = 3_600;

let redis: RedisServer;
let bridge: UpstashBridge;
let handle: StoreHandle;
let stats: IORedis;
let database: FreshDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  [redis, database] = await Promise.all([startRedis(), freshPglite()]);
  prisma = database.prisma;
  bridge = await startUpstashBridge({ redisUrl: redis.url, token: randomBytes(16).toString("hex"), logger: null });
  // A deadline a busy CI machine never meets: a slow answer must not pass for an outage.
  handle = createStore({ kind: "upstash", url: bridge.url, token: bridge.token, timeoutMs: 10_000 }, { log: () => {} });
  stats = new IORedis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await stats.connect();
  await handle.store.ping();
  await prisma.organization.create({ data: { id: ORGANIZATION, name: "Commands", kind: "ADVERTISER" } });
  await prisma.campaign.create({
    data: {
      id: CAMPAIGN,
      organizationId: ORGANIZATION,
      name: "Commands",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      pricingModel: "CPM",
      priceMicros: 2_000_000n,
      totalBudgetMicros: 1_000_000_000n,
      creatives: { create: [{ id: CREATIVE, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }] },
    },
  });
});

afterAll(async () => {
  stats?.disconnect();
  await handle?.store.close();
  await bridge?.close();
  await database?.close();
  await redis?.stop();
});

function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: CAMPAIGN,
    creativeId: CREATIVE,
    placementId: "placement-commands",
    pricingModel: "CPM",
    priceMicros: 2_000_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: `viewer-${randomBytes(6).toString("base64url")}`,
    capPeriodSeconds: 0,
    page: "-",
    ...overrides,
  };
}

/** Calls per command name since redis-server started (INFO commandstats), without INFO itself. */
async function commandCalls(): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await stats.info("commandstats")).matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) {
    if (match[1] !== "info") calls.set(match[1]!, Number(match[2]));
  }
  return calls;
}

/** The commands redis-server ran, and the HTTP requests the bridge carried, while `run` ran. */
async function cost(run: () => Promise<unknown>): Promise<{ commands: Record<string, number>; requests: number }> {
  const before = await commandCalls();
  const requestsBefore = bridge.traffic().requests;
  await run();
  const after = await commandCalls();
  const commands: Record<string, number> = {};
  for (const [name, count] of after) if (count !== (before.get(name) ?? 0)) commands[name] = count - (before.get(name) ?? 0);
  return { commands, requests: bridge.traffic().requests - requestsBefore };
}

const deps = () => ({ prisma, store: handle.store });

describe("Upstash commands per event", () => {
  it("a counted impression of an uncapped campaign costs none", async () => {
    const shown = offer();
    expect(await cost(() => expect(impression(deps(), shown)).resolves.toBe("counted"))).toEqual({ commands: {}, requests: 0 });
  });

  it("a counted impression of a capped campaign costs INCRBY and EXPIRE of the viewer's counter, in one request", async () => {
    const shown = offer({ capPeriodSeconds: CAP_PERIOD_SECONDS });
    expect(await cost(() => expect(impression(deps(), shown)).resolves.toBe("counted"))).toEqual({ commands: { incrby: 1, expire: 1 }, requests: 1 });
  });

  it("a duplicate costs none, capped or not", async () => {
    const shown = offer({ capPeriodSeconds: CAP_PERIOD_SECONDS });
    await impression(deps(), shown);
    expect(await cost(() => expect(impression(deps(), shown)).resolves.toBe("duplicate"))).toEqual({ commands: {}, requests: 0 });
  });

  it("an invalid impression of a capped campaign costs none: it does not count towards the cap", async () => {
    const shown = offer({ capPeriodSeconds: CAP_PERIOD_SECONDS });
    const record = () => recordImpression(withPolicy({ ...deps(), defer: runAtOnce }), shown, { validity: "BOT", client: "bot-client" });
    expect(await cost(() => expect(record()).resolves.toEqual({ outcome: "counted", validity: "BOT" }))).toEqual({ commands: {}, requests: 0 });
  });

  it("a counted click and a duplicate click cost none", async () => {
    const shown = offer();
    await impression(deps(), shown);
    expect(await cost(() => expect(click(deps(), shown)).resolves.toBe("counted"))).toEqual({ commands: {}, requests: 0 });
    expect(await cost(() => expect(click(deps(), shown)).resolves.toBe("duplicate"))).toEqual({ commands: {}, requests: 0 });
  });

  it("looking for parked impressions and clicks when there are none costs one EXISTS", async () => {
    const drain = () => drainPendingEvents({ ...deps(), policy: DEFAULT_POLICY, defer: runAtOnce });
    const none = { replayed: 0, counted: 0, dropped: 0 };
    expect(await cost(() => expect(drain()).resolves.toEqual({ impression: none, click: none }))).toEqual({ commands: { exists: 1 }, requests: 1 });
  });
});

describe("Upstash commands per served ad (the active set in hand)", () => {
  const request = { placementId: "placement", keywords: [], country: "DE", device: "DESKTOP" as const, address: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64)", pageHost: "www.publisher.example", slot: 0, origin: "https://ads.example", now: NOW };
  const serve = (set: ActiveSet) => serveAd({ activeSet: async () => set, store: handle.store, secret: "a-test-secret-that-is-at-least-32-characters" }, request);

  it("an ad of an uncapped campaign costs none", async () => {
    const set = activeSet([campaign("uncapped")], [placement("placement")]);
    expect(await cost(() => expect(serve(set)).resolves.toMatchObject({ kind: "ad" }))).toEqual({ commands: {}, requests: 0 });
  });

  it("an ad where capped campaigns are in the running costs one MGET of the viewer's counters", async () => {
    const capped = { tier: "SPONSORSHIP" as const, frequencyCap: { count: 3, periodSeconds: CAP_PERIOD_SECONDS } };
    const set = activeSet([campaign("capped-a", capped), campaign("capped-b", capped), campaign("house", { tier: "HOUSE", priceMicros: 0 })], [placement("placement")]);
    expect(await cost(() => expect(serve(set)).resolves.toMatchObject({ kind: "ad" }))).toEqual({ commands: { mget: 1 }, requests: 1 });
  });

  it("ten capped ads asked for at once, for ten viewers, cost one MGET of all their counters together", async () => {
    const capped = { tier: "SPONSORSHIP" as const, frequencyCap: { count: 3, periodSeconds: CAP_PERIOD_SECONDS } };
    const set = activeSet([campaign("capped-a", capped), campaign("capped-b", capped), campaign("house", { tier: "HOUSE", priceMicros: 0 })], [placement("placement")]);
    const viewers = Array.from({ length: 10 }, (_, i) => ({ ...request, address: `203.0.113.${i + 10}` }));
    const serveAll = () =>
      Promise.all(viewers.map((viewer) => serveAd({ activeSet: async () => set, store: handle.store, secret: "a-test-secret-that-is-at-least-32-characters" }, viewer)));
    const served = await cost(async () => expect((await serveAll()).map((result) => result.kind)).toEqual(Array(10).fill("ad")));
    expect(served).toEqual({ commands: { mget: 1 }, requests: 1 });
  });
});
