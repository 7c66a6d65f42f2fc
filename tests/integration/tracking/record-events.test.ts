// Exactly-once impressions and clicks, budgets and rollups against the real stores: the
// embedded PGlite and a real PostgreSQL, each with the in-process store, a real redis-server
// over TCP, and a Redis that cannot be reached (the database alone must hold every promise).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { frequencyCapKey } from "@/lib/offers/frequency-cap";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { activeCampaign, type ActiveSet } from "@/lib/ads/active-set";
import { budgetExhaustedNotifier, deliversCampaign } from "@/lib/tracking/budget-exhausted";
import { impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import { click, impression, testOffer, type TestTrackingDeps } from "@/tests/support/tracking";
import { BOTH_DATABASES, databaseSettings, type FreshDatabase } from "@/tests/support/databases";
import { freePort, startRedis, type RedisServer } from "@/tests/support/services";

const databases = BOTH_DATABASES;

type StoreVariant = { name: string; reachable: boolean; open: () => Promise<StoreHandle> };

let redis: RedisServer;
let unreachableRedisUrl: string;
/** A Prisma client on a Postgres port where nothing listens: every query fails. */
let brokenDatabase: DatabaseHandle;

const stores: StoreVariant[] = [
  { name: "in-process store", reachable: true, open: async () => createStore({ kind: "none" }) },
  // A deadline a busy CI machine never meets: a reachable Redis must not look unreachable.
  { name: "TCP Redis", reachable: true, open: async () => createStore({ kind: "redis", url: redis.url, timeoutMs: 10_000 }, { log: () => {} }) },
  {
    name: "unreachable Redis",
    reachable: false,
    open: async () => createStore({ kind: "redis", url: unreachableRedisUrl, timeoutMs: 50 }, { log: () => {} }),
  },
];

beforeAll(async () => {
  redis = await startRedis();
  unreachableRedisUrl = `redis://127.0.0.1:${await freePort()}`;
  brokenDatabase = createDatabase(databaseSettings({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${await freePort()}/nothing` }));
});

afterAll(async () => {
  await brokenDatabase?.close();
  await redis?.stop();
});

const ORGANIZATION = "org-tracking-test";
const USD = 1_000_000;

interface CampaignOptions {
  pricingModel?: "CPM" | "CPC";
  priceMicros?: number;
  totalBudgetMicros?: number;
  dailyBudgetMicros?: number | null;
  spendDay?: Date | null;
  daySpentMicros?: number;
  spentMicros?: number;
}

async function createCampaign(prisma: PrismaClient, options: CampaignOptions = {}) {
  const id = `campaign-${randomBytes(5).toString("hex")}`;
  await prisma.campaign.create({
    data: {
      id,
      organizationId: ORGANIZATION,
      name: id,
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      pricingModel: options.pricingModel ?? "CPM",
      priceMicros: BigInt(options.priceMicros ?? 1 * USD),
      totalBudgetMicros: BigInt(options.totalBudgetMicros ?? 1_000 * USD),
      dailyBudgetMicros: options.dailyBudgetMicros === undefined || options.dailyBudgetMicros === null ? null : BigInt(options.dailyBudgetMicros),
      spentMicros: BigInt(options.spentMicros ?? 0),
      daySpentMicros: BigInt(options.daySpentMicros ?? 0),
      spendDay: options.spendDay ?? null,
      creatives: {
        create: [
          { id: `${id}-a`, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" },
          { id: `${id}-b`, name: "B", kind: "TEXT", width: 300, height: 250, headline: "B", landingUrl: "https://example.com/b", reviewStatus: "APPROVED" },
        ],
      },
    },
  });
  return {
    id,
    creatives: [`${id}-a`, `${id}-b`] as const,
    offer(overrides: Partial<Offer> = {}): Offer {
      return testOffer({ campaignId: id, creativeId: `${id}-a`, pricingModel: options.pricingModel ?? "CPM", priceMicros: options.priceMicros ?? 1 * USD, ...overrides });
    },
  };
}

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

describe.each(databases)("tracking on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Tracking test advertiser", kind: "ADVERTISER" } });
  });

  afterAll(async () => {
    await database?.close();
  });

  async function campaignLedger(id: string) {
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    return { spent: Number(campaign.spentMicros), daySpent: Number(campaign.daySpentMicros), spendDay: campaign.spendDay };
  }

  async function rollup(campaignId: string) {
    const rows = await prisma.hourlyStat.findMany({ where: { campaignId } });
    return {
      rows,
      impressions: rows.reduce((sum, row) => sum + row.impressions, 0),
      clicks: rows.reduce((sum, row) => sum + row.clicks, 0),
      spend: rows.reduce((sum, row) => sum + Number(row.spendMicros), 0),
    };
  }

  describe.each(stores)("with $name", ({ reachable, open: openStore }) => {
    let handle: StoreHandle;
    let exhausted: string[];
    let deps: TestTrackingDeps;

    beforeAll(async () => {
      handle = await openStore();
      exhausted = [];
      deps = { prisma, store: handle.store, onBudgetExhausted: (campaignId: string) => exhausted.push(campaignId) };
    });

    afterAll(async () => {
      await handle?.store.close();
    });

    beforeEach(async () => {
      // PGlite runs in this process and can hold the event loop past Redis's deadline under
      // a burst, which opens the breaker; each test starts with Redis answering again.
      if (reachable) await handle.store.ping();
    });

    it("counts an impression once under 10 concurrent duplicate beacons", async () => {
      const campaign = await createCampaign(prisma);
      const offer = campaign.offer();
      const outcomes = await Promise.all(times(10, () => impression(deps, offer)));
      expect(outcomes.filter((outcome) => outcome === "counted")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(9);
      const cost = impressionCostMicros(offer);
      expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(1);
      expect(await prisma.impression.findUniqueOrThrow({ where: { offerId: offer.offerId } })).toMatchObject({
        campaignId: campaign.id,
        creativeId: offer.creativeId,
        placementId: offer.placementId,
        country: "DE",
        device: "DESKTOP",
        costMicros: BigInt(cost),
        billable: true,
      });
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 1, clicks: 0, spend: cost });
      expect((await campaignLedger(campaign.id)).spent).toBe(cost);
    });

    it("answers every replay after success as a duplicate", async () => {
      const campaign = await createCampaign(prisma);
      const offer = campaign.offer();
      expect(await impression(deps, offer)).toBe("counted");
      expect(await impression(deps, offer)).toBe("duplicate");
      expect(await impression(deps, offer)).toBe("duplicate");
      expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(1);
      expect((await rollup(campaign.id)).impressions).toBe(1);
      expect((await campaignLedger(campaign.id)).spent).toBe(impressionCostMicros(offer));
    });

    it("asks the database about a duplicate too: with the database down it is refused, never vouched for by Redis", async () => {
      const campaign = await createCampaign(prisma);
      const offer = campaign.offer();
      expect(await impression(deps, offer)).toBe("counted");
      await expect(impression({ ...deps, prisma: brokenDatabase.prisma }, offer)).rejects.toThrow();
      expect(await click(deps, offer)).toBe("counted");
      await expect(click({ ...deps, prisma: brokenDatabase.prisma }, offer)).rejects.toThrow();
    });

    it("stores an impression at the UTC hour it was recorded, with the offer's country and device", async () => {
      const campaign = await createCampaign(prisma);
      const offer = campaign.offer({ country: "FR", device: "MOBILE" });
      const at = new Date("2026-06-01T13:45:12.345Z");
      expect(await impression(deps, offer, at)).toBe("counted");
      expect((await prisma.impression.findUniqueOrThrow({ where: { offerId: offer.offerId } })).occurredAt).toEqual(at);
      const { rows } = await rollup(campaign.id);
      expect(rows).toEqual([
        expect.objectContaining({ hour: new Date("2026-06-01T13:00:00Z"), country: "FR", device: "MOBILE", impressions: 1, clicks: 0 }),
      ]);
    });

    it("records a free impression (house ad, CPC campaign) without charging anything", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPC", priceMicros: 500_000, totalBudgetMicros: 0 });
      const offer = campaign.offer();
      expect(await impression(deps, offer)).toBe("counted");
      expect(await prisma.impression.findUniqueOrThrow({ where: { offerId: offer.offerId } })).toMatchObject({ costMicros: 0n, billable: true });
      expect((await campaignLedger(campaign.id)).spent).toBe(0);
      expect(exhausted).not.toContain(campaign.id);
    });

    it("records a click that came before its view together with its impression, each once, both billed", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPM", priceMicros: 2 * USD });
      const offer = campaign.offer();
      expect(await click(deps, offer)).toBe("counted");
      expect(await click(deps, offer)).toBe("duplicate");
      // The view timer fires after the click: the beacon finds its impression already there.
      expect(await impression(deps, offer)).toBe("duplicate");
      expect(await prisma.impression.findUniqueOrThrow({ where: { offerId: offer.offerId } })).toMatchObject({ costMicros: 2_000n, billable: true, validity: "VALID" });
      expect(await prisma.click.count({ where: { campaignId: campaign.id } })).toBe(1);
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 1, clicks: 1, spend: 2_000 });
      expect((await campaignLedger(campaign.id)).spent).toBe(2_000);
    });

    it("records a CPC click before its view once, charging the click and not the free impression", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPC", priceMicros: 500_000 });
      const offer = campaign.offer();
      const outcomes = await Promise.all([...times(5, () => click(deps, offer)), ...times(5, () => impression(deps, offer))]);
      expect(outcomes.slice(0, 5).filter((outcome) => outcome === "counted")).toHaveLength(1);
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 1, clicks: 1, spend: 500_000 });
      expect((await campaignLedger(campaign.id)).spent).toBe(500_000);
    });

    it("counts a click once under 10 concurrent duplicates, charging a CPC campaign once", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPC", priceMicros: 500_000 });
      const offer = campaign.offer();
      expect(await impression(deps, offer)).toBe("counted");
      const outcomes = await Promise.all(times(10, () => click(deps, offer)));
      expect(outcomes.filter((outcome) => outcome === "counted")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(9);
      expect(await click(deps, offer)).toBe("duplicate");
      expect(await prisma.click.findUniqueOrThrow({ where: { offerId: offer.offerId } })).toMatchObject({ costMicros: 500_000n, billable: true });
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 1, clicks: 1, spend: 500_000 });
      expect((await campaignLedger(campaign.id)).spent).toBe(500_000);
    });

    it("adds a click to the rollup row of its impression's hour, country and device", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPC", priceMicros: 300_000 });
      const offer = campaign.offer({ country: "US", device: "TABLET" });
      expect(await impression(deps, offer, new Date("2026-06-02T23:59:59.900Z"))).toBe("counted");
      expect(await click(deps, offer, new Date("2026-06-03T02:10:00Z"))).toBe("counted");
      const { rows } = await rollup(campaign.id);
      expect(rows).toEqual([
        expect.objectContaining({ hour: new Date("2026-06-02T23:00:00Z"), country: "US", device: "TABLET", impressions: 1, clicks: 1, spendMicros: 300_000n }),
      ]);
      expect((await prisma.click.findUniqueOrThrow({ where: { offerId: offer.offerId } })).occurredAt).toEqual(new Date("2026-06-03T02:10:00Z"));
    });

    it("keeps rollups equal to the raw events, and clicks ≤ impressions in every row", async () => {
      const campaign = await createCampaign(prisma, { priceMicros: 2 * USD });
      const countries = ["DE", "FR", "ZZ"];
      const devices = ["DESKTOP", "MOBILE"] as const;
      const offers = times(60, (index) =>
        campaign.offer({ creativeId: campaign.creatives[index % 2]!, country: countries[index % 3]!, device: devices[index % 2]!, placementId: `placement-${index % 4}` }),
      );
      // Every beacon twice, and clicks (some replayed, some racing ahead of their beacon) at the
      // same time; then clicks of five offers whose beacon never came: each brings its impression.
      await Promise.all([
        ...offers.flatMap((offer) => [impression(deps, offer), impression(deps, offer)]),
        ...offers.slice(0, 30).flatMap((offer) => [click(deps, offer), click(deps, offer)]),
      ]);
      await Promise.all(offers.slice(0, 30).map((offer) => click(deps, offer)));
      await Promise.all(times(5, () => click(deps, campaign.offer())));

      const impressions = await prisma.impression.count({ where: { campaignId: campaign.id } });
      const clicks = await prisma.click.count({ where: { campaignId: campaign.id } });
      expect(impressions).toBe(65);
      expect(clicks).toBe(35);
      const totals = await rollup(campaign.id);
      expect(totals).toMatchObject({ impressions: 65, clicks: 35, spend: 65 * impressionCostMicros(offers[0]!) });
      for (const row of totals.rows) {
        const where = { campaignId: row.campaignId, creativeId: row.creativeId, placementId: row.placementId, country: row.country, device: row.device };
        expect(row.impressions).toBe(await prisma.impression.count({ where }));
        expect(row.clicks).toBe(await prisma.click.count({ where }));
        expect(row.clicks).toBeLessThanOrEqual(row.impressions);
      }
    });

    it("never spends past the total budget under 200 concurrent impressions near the limit", async () => {
      // 1 USD CPM = 1,000 micros per impression; 50,500 left = 50 impressions.
      const campaign = await createCampaign(prisma, { priceMicros: 1 * USD, totalBudgetMicros: 1_050_500, spentMicros: 1_000_000 });
      const offers = times(200, () => campaign.offer());
      const outcomes = await Promise.all(offers.map((offer) => impression(deps, offer)));
      expect(outcomes.every((outcome) => outcome === "counted")).toBe(true);
      expect((await campaignLedger(campaign.id)).spent).toBe(1_000_000 + Math.floor(50_500 / 1_000) * 1_000);
      expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(200);
      expect(await prisma.impression.count({ where: { campaignId: campaign.id, billable: true, costMicros: 1_000n } })).toBe(50);
      expect(await prisma.impression.count({ where: { campaignId: campaign.id, billable: false, costMicros: 0n } })).toBe(150);
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 200, spend: 50_000 });
      expect(exhausted).toContain(campaign.id);
    });

    it("never spends past today's budget, and starts a new day's ledger from zero", async () => {
      const yesterday = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 1));
      // Yesterday's ledger is full; today's 20,700 pays for 20 impressions of 1,000.
      const campaign = await createCampaign(prisma, { priceMicros: 1 * USD, dailyBudgetMicros: 20_700, spendDay: yesterday, daySpentMicros: 20_700 });
      const outcomes = await Promise.all(times(200, () => impression(deps, campaign.offer())));
      expect(outcomes.every((outcome) => outcome === "counted")).toBe(true);
      const ledger = await campaignLedger(campaign.id);
      expect(ledger.daySpent).toBe(20_000);
      expect(ledger.spent).toBe(20_000);
      expect(ledger.spendDay?.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
      expect(await prisma.impression.count({ where: { campaignId: campaign.id, billable: true } })).toBe(20);
      expect(exhausted).toContain(campaign.id);
    });

    it("reports a budget as exhausted when what is left cannot pay for one more event", async () => {
      const campaign = await createCampaign(prisma, { priceMicros: 1 * USD, totalBudgetMicros: 2_500 });
      expect(await impression(deps, campaign.offer())).toBe("counted");
      expect(exhausted).not.toContain(campaign.id);
      expect(await impression(deps, campaign.offer())).toBe("counted");
      expect(exhausted).toContain(campaign.id); // 500 left < 1,000
      expect((await campaignLedger(campaign.id)).spent).toBe(2_000);
    });

    it("records a click redeemed after a CPC budget ran out, without charging it", async () => {
      const campaign = await createCampaign(prisma, { pricingModel: "CPC", priceMicros: 400_000, totalBudgetMicros: 1_000_000 });
      const offers = times(4, () => campaign.offer());
      for (const offer of offers) expect(await impression(deps, offer)).toBe("counted");
      const outcomes = await Promise.all(offers.map((offer) => click(deps, offer)));
      expect(outcomes).toEqual(["counted", "counted", "counted", "counted"]);
      expect((await campaignLedger(campaign.id)).spent).toBe(800_000);
      expect(await prisma.click.count({ where: { campaignId: campaign.id, billable: false, costMicros: 0n } })).toBe(2);
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 4, clicks: 4, spend: 800_000 });
      expect(exhausted).toContain(campaign.id);
    });

    it("increments the viewer's frequency counter once per counted impression", async () => {
      const campaign = await createCampaign(prisma);
      const viewer = randomBytes(6).toString("base64url");
      const first = campaign.offer({ viewer, capPeriodSeconds: 3_600 });
      const second = campaign.offer({ viewer, capPeriodSeconds: 3_600 });
      const key = frequencyCapKey(viewer, campaign.id, 3_600, first.issuedAt);
      await Promise.all(times(10, () => impression(deps, first)));
      if (reachable) expect(await handle.store.get(key)).toBe("1");
      await Promise.all(times(10, () => impression(deps, second)));
      if (reachable) expect(await handle.store.get(key)).toBe("2");
      // A later replay: the database refuses it, and the counter does not move.
      expect(await impression(deps, first)).toBe("duplicate");
      if (reachable) expect(await handle.store.get(key)).toBe("2");
      expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(2);
    });

    it("throws when the database cannot record, counts nothing towards the cap, and counts the retry", async () => {
      const campaign = await createCampaign(prisma);
      const viewer = randomBytes(6).toString("base64url");
      const offer = campaign.offer({ viewer, capPeriodSeconds: 3_600 });
      const capKey = frequencyCapKey(viewer, campaign.id, 3_600, offer.issuedAt);
      await expect(impression({ ...deps, prisma: brokenDatabase.prisma }, offer)).rejects.toThrow();
      if (reachable) expect(Number((await handle.store.get(capKey)) ?? 0)).toBe(0);
      expect(await impression(deps, offer)).toBe("counted");
      if (reachable) expect(await handle.store.get(capKey)).toBe("1");

      await expect(click({ ...deps, prisma: brokenDatabase.prisma }, offer)).rejects.toThrow();
      expect(await click(deps, offer)).toBe("counted");
      expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(1);
      expect(await prisma.click.count({ where: { campaignId: campaign.id } })).toBe(1);
    });
  });

  it("stops delivery once, not once per late event, when a burst of impressions exhausts a budget", async () => {
    const campaign = await createCampaign(prisma, { priceMicros: 1 * USD, totalBudgetMicros: 10_000 });
    const invalidations: string[] = [];
    const handle = createStore({ kind: "none" });
    const notifier = budgetExhaustedNotifier((campaignId) => invalidations.push(campaignId), { intervalMs: 60_000 });
    try {
      const outcomes = await Promise.all(times(100, () => impression({ prisma, store: handle.store, onBudgetExhausted: notifier }, campaign.offer())));
      expect(outcomes.every((outcome) => outcome === "counted")).toBe(true);
    } finally {
      await handle.store.close();
    }
    await Promise.resolve();
    expect(invalidations).toEqual([campaign.id]);
    expect((await campaignLedger(campaign.id)).spent).toBe(10_000);
  });

  it("stops a spent campaign once, not again for its late events once the set it serves from stops it", async () => {
    // 1 USD CPM: 1,000 micro-units an impression; the budget pays for two.
    const campaign = await createCampaign(prisma, { priceMicros: 1 * USD, totalBudgetMicros: 2_000 });
    // The campaign's entry as loadActiveSet maps it (its organisation here is not one that may serve).
    const loadSet = async (): Promise<ActiveSet> => {
      const record = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id }, include: { creatives: true, organization: { select: { timeZone: true } } } });
      return { builtAt: Date.now(), campaigns: [activeCampaign(record)], placements: [] };
    };
    let set = await loadSet();
    expect(deliversCampaign(set, campaign.id, Date.now())).toBe(true);
    const invalidations: string[] = [];
    const notifier = budgetExhaustedNotifier((campaignId) => invalidations.push(campaignId), {
      intervalMs: 0,
      stillDelivered: async (campaignId) => deliversCampaign(set, campaignId, Date.now()),
    });
    const handle = createStore({ kind: "none" });
    const deps = { prisma, store: handle.store, onBudgetExhausted: notifier };
    try {
      expect(await impression(deps, campaign.offer())).toBe("counted");
      expect(await impression(deps, campaign.offer())).toBe("counted"); // spends the last of it: exhausted
      expect(invalidations).toEqual([campaign.id]);
      // What the invalidation makes every instance do: reload the set, which stops the campaign.
      set = await loadSet();
      expect(deliversCampaign(set, campaign.id, Date.now())).toBe(false);
      // Late events of offers issued before: each reports the campaign exhausted, none invalidates again.
      for (let i = 0; i < 5; i++) expect(await impression(deps, campaign.offer())).toBe("counted");
      expect(invalidations).toEqual([campaign.id]);
    } finally {
      await handle.store.close();
    }
    expect((await campaignLedger(campaign.id)).spent).toBe(2_000);
  });

  it("holds clicks ≤ impressions in every rollup row after all of the above", async () => {
    const violations = await prisma.hourlyStat.count({ where: { clicks: { gt: prisma.hourlyStat.fields.impressions } } });
    expect(violations).toBe(0);
    expect(await prisma.hourlyStat.count()).toBeGreaterThan(0);
  });
});
