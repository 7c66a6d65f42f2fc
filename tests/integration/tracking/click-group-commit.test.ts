// Group commit of clicks (issue 16) against the real databases: one statement records a batch
// of clicks (marquee_record_clicks), and each instance's queue batches what arrives while a
// write is in flight. The batch must keep every promise marquee_record_click keeps, and must
// not deadlock against the impressions' batches (marquee_record_impressions).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clickCostMicros, impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import type { Judgement } from "@/lib/tracking/invalid-traffic";
import { writeClickGrouped, writeClicks, type ClickToWrite, type WrittenClick } from "@/lib/tracking/write-clicks";
import { writeImpressionGrouped, writeImpressions, type ImpressionToWrite } from "@/lib/tracking/write-impressions";
import { databaseSettings, freshPglite, freshPostgres, type FreshDatabase, type FreshPostgres } from "@/tests/support/databases";

const ORGANIZATION = "org-click-group-commit";
const AT = new Date("2026-06-01T10:15:00.000Z");
const PRICE = 1_000_000; // CPM $1 (1,000 micros per impression); CPC $1 per click
const IMPRESSION_COST = 1_000;
const CLICK_COST = PRICE;
const NO_RATE: ClickToWrite["clicks"] = [];

type Variant = { name: string; open: () => Promise<FreshDatabase | FreshPostgres>; secondClient: boolean };
const variants: Variant[] = [
  { name: "PGlite", open: () => freshPglite(), secondClient: false },
  { name: "PostgreSQL", open: () => freshPostgres(), secondClient: true },
];

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

describe.each(variants)("click group commit on $name", ({ open, secondClient }) => {
  let database: FreshDatabase | FreshPostgres;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Click group commit advertiser", kind: "ADVERTISER" } });
  });

  afterAll(async () => {
    await database?.close();
  });

  async function createCampaign(options: { pricingModel?: "CPM" | "CPC"; totalBudgetMicros?: number; dailyBudgetMicros?: number } = {}) {
    const id = `campaign-${randomBytes(5).toString("hex")}`;
    const pricingModel = options.pricingModel ?? "CPC";
    await prisma.campaign.create({
      data: {
        id,
        organizationId: ORGANIZATION,
        name: id,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        pricingModel,
        priceMicros: BigInt(PRICE),
        totalBudgetMicros: BigInt(options.totalBudgetMicros ?? 1_000_000_000_000),
        dailyBudgetMicros: options.dailyBudgetMicros === undefined ? null : BigInt(options.dailyBudgetMicros),
        creatives: {
          create: [{ id: `${id}-a`, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }],
        },
      },
    });
    const offer = (overrides: Partial<Offer> = {}): Offer => ({
      offerId: randomBytes(12).toString("base64url"),
      campaignId: id,
      creativeId: `${id}-a`,
      placementId: "placement-sidebar",
      pricingModel,
      priceMicros: PRICE,
      issuedAt: Math.floor(AT.getTime() / 1000),
      country: "DE",
      device: "DESKTOP",
      viewer: "-",
      capPeriodSeconds: 0,
      page: "-",
      ...overrides,
    });
    return { id, offer };
  }

  const valid = (offer: Offer, client = `client-${offer.offerId}`): Judgement => ({ validity: "VALID", client });
  const click = (offer: Offer, verdict: Judgement = valid(offer), at = AT, clicks = NO_RATE): ClickToWrite => ({ offer, verdict, at, clicks });
  const view = (offer: Offer, verdict: Judgement = valid(offer), at = AT): ImpressionToWrite => ({ offer, verdict, at, views: { limit: 0, windowSeconds: 0 } });

  async function ledger(id: string) {
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    return { spent: Number(campaign.spentMicros), daySpent: Number(campaign.daySpentMicros), spendDay: campaign.spendDay };
  }

  async function rollup(campaignId: string) {
    const rows = await prisma.hourlyStat.findMany({ where: { campaignId }, orderBy: [{ hour: "asc" }, { country: "asc" }, { validity: "asc" }] });
    return {
      rows,
      impressions: rows.reduce((sum, row) => sum + row.impressions, 0),
      clicks: rows.reduce((sum, row) => sum + row.clicks, 0),
      spend: rows.reduce((sum, row) => sum + Number(row.spendMicros), 0),
    };
  }

  it("counts each click once: duplicates inside one batch and across batches, and records a missing impression once", async () => {
    const campaign = await createCampaign();
    const [a, b, c, d] = times(4, () => campaign.offer());
    await writeImpressions(prisma, [view(b!)]); // b was viewed; a, c and d are clicked before their view
    const first = await writeClicks(prisma, [click(a!), click(b!), click(a!), click(c!), click(a!)]);
    expect(first.map((written) => written.outcome)).toEqual(["counted", "counted", "duplicate", "counted", "duplicate"]);
    const second = await writeClicks(prisma, [click(b!), click(d!), click(d!), click(c!)]);
    expect(second.map((written) => written.outcome)).toEqual(["duplicate", "counted", "duplicate", "duplicate"]);
    expect(await prisma.click.count({ where: { campaignId: campaign.id } })).toBe(4);
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(4);
    expect(await rollup(campaign.id)).toMatchObject({ impressions: 4, clicks: 4, spend: 4 * CLICK_COST });
    expect((await ledger(campaign.id)).spent).toBe(4 * CLICK_COST);
  });

  it("gives each click the outcome marquee_record_click gives it, in arrival order", async () => {
    // The same story twice, on twin campaigns: once one click per call of marquee_record_click,
    // once as one batch.
    const rate = [
      { limit: 2, windowSeconds: 300 },
      { limit: 50, windowSeconds: 3600 },
    ];
    const story = async (cpc: Awaited<ReturnType<typeof createCampaign>>, cpm: Awaited<ReturnType<typeof createCampaign>>, run: string): Promise<ClickToWrite[]> => {
      const client = (name: string) => `${run}-${name}`;
      const [p1, p2, p3, p4, p5, p6, p7, p8] = times(8, () => cpc.offer());
      const [m1, m2] = times(2, () => cpm.offer({ country: "FR" }));
      const later = new Date(AT.getTime() + 2 * 3600_000);
      // p1 was viewed, p5's view was a bot's; the others are clicked before their view.
      await writeImpressions(prisma, [view(p1!, valid(p1!, client("a"))), view(p5!, { validity: "BOT", client: client("c") })]);
      return [
        click(p1!, valid(p1!, client("a")), AT, rate), // charged
        click(p2!, valid(p2!, client("a")), AT, rate), // brings its (free) impression; charged
        click(p1!, valid(p1!, client("a")), AT, rate), // a duplicate (judged as the next one would be: past the rate)
        click(p3!, valid(p3!, client("a")), AT, rate), // the client's third click in 5 minutes: RATE_LIMIT
        click(p4!, { validity: "BOT", client: client("b") }, AT, rate), // impression and click BOT
        click(p5!, valid(p5!, client("c")), AT, rate), // its impression is BOT: so is the click
        click(p6!, { validity: "OFF_DOMAIN", client: client("d"), pageHost: `${run}.evil.example` }, AT, rate),
        click(p7!, valid(p7!, client("e")), later, rate), // spends the last full dollar: exhausted
        click(p8!, valid(p8!, client("f")), later, rate), // past the budget: kept, unbilled, exhausted
        click(m1!, valid(m1!, client("g")), AT, rate), // CPM: its impression charged, the click free
        click(m2!, valid(m2!, client("h")), AT, rate), // CPM: its impression past the budget
        click(m1!, valid(m1!, client("g")), AT, NO_RATE), // a duplicate
      ];
    };
    const twins = async () =>
      [await createCampaign({ totalBudgetMicros: 3 * CLICK_COST + CLICK_COST / 2 }), await createCampaign({ pricingModel: "CPM", totalBudgetMicros: IMPRESSION_COST + 500 })] as const;
    const [singleCpc, singleCpm] = await twins();
    const [batchCpc, batchCpm] = await twins();

    const one: WrittenClick[] = [];
    for (const { offer, verdict, at, clicks } of await story(singleCpc, singleCpm, "single")) {
      const [row] = await prisma.$queryRaw<WrittenClick[]>`
        SELECT "outcome", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_click(
          ${offer.offerId}, ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${BigInt(clickCostMicros(offer))}::bigint,
          ${verdict.client}, ${verdict.validity}::"EventValidity", ${verdict.pageHost ?? null}::text,
          ${clicks.map((window) => window.limit)}::int[], ${clicks.map((window) => window.windowSeconds)}::int[],
          ${offer.campaignId}, ${offer.creativeId}, ${offer.placementId}, ${offer.country}, ${offer.device}::"DeviceType",
          ${BigInt(impressionCostMicros(offer))}::bigint)`;
      one.push(row!);
    }
    const batch = await writeClicks(prisma, await story(batchCpc, batchCpm, "batch"));

    expect(batch).toEqual(one);
    expect(batch.map((written) => written.outcome)).toEqual(["counted", "counted", "duplicate", "counted", "counted", "counted", "counted", "counted", "counted", "counted", "counted", "duplicate"]);
    expect(batch.map((written) => written.validity)).toEqual(["VALID", "VALID", "RATE_LIMIT", "RATE_LIMIT", "BOT", "BOT", "OFF_DOMAIN", "VALID", "VALID", "VALID", "VALID", "VALID"]);
    expect(batch.map((written) => written.exhausted)).toEqual([false, false, false, false, false, false, false, true, true, true, true, false]);
    for (const [batchId, singleId] of [[batchCpc.id, singleCpc.id], [batchCpm.id, singleCpm.id]] as const) {
      expect(await ledger(batchId)).toEqual(await ledger(singleId));
      const shape = async (campaignId: string) =>
        (await rollup(campaignId)).rows.map(({ hour, country, device, validity, impressions, clicks, spendMicros }) => ({ hour, country, device, validity, impressions, clicks, spendMicros }));
      expect(await shape(batchId)).toEqual(await shape(singleId));
      const events = async (campaignId: string) => ({
        impressions: (await prisma.impression.findMany({ where: { campaignId } })).map(({ occurredAt, costMicros, billable, validity }) => ({ occurredAt, costMicros, billable, validity })).sort(byJson),
        clicks: (await prisma.click.findMany({ where: { campaignId } })).map(({ occurredAt, costMicros, billable, validity }) => ({ occurredAt, costMicros, billable, validity })).sort(byJson),
      });
      expect(await events(batchId)).toEqual(await events(singleId));
    }
    const offDomain = async (run: string) =>
      (await prisma.offDomainStat.findMany({ where: { host: `${run}.evil.example` } })).map(({ day, placementId, impressions, clicks }) => ({ day, placementId, impressions, clicks }));
    expect(await offDomain("batch")).toEqual(await offDomain("single"));
    expect(await offDomain("batch")).toEqual([expect.objectContaining({ impressions: 1, clicks: 1 })]);
  });

  it("never passes a budget while two instances race clicks and beacons on the same offers, and keeps clicks ≤ impressions in every row", async () => {
    const clicksFor = 37;
    const viewsFor = 50;
    const cpc = await createCampaign({ totalBudgetMicros: clicksFor * CLICK_COST + CLICK_COST / 2 });
    const cpm = await createCampaign({ pricingModel: "CPM", totalBudgetMicros: viewsFor * IMPRESSION_COST + IMPRESSION_COST / 2 });
    let other: DatabaseHandle | undefined;
    try {
      // Two "instances": two Prisma clients, each with its own queues, on one database.
      if (secondClient) other = createDatabase(databaseSettings({ kind: "postgres", url: (database as FreshPostgres).url }, { poolSize: 5 }));
      const clients = other ? [prisma, other.prisma] : [prisma];
      const countries = ["DE", "FR", "US"];
      const offers = [...times(120, (index) => cpc.offer({ country: countries[index % 3]! })), ...times(120, (index) => cpm.offer({ country: countries[index % 3]! }))];
      const instance = (index: number) => clients[index % clients.length]!;
      // Every offer viewed once; two of three clicked, each click twice from the other
      // instance, many before their view's beacon is written.
      const clicked = offers.filter((_, index) => index % 3 !== 0);
      const [views, clicks, again] = await Promise.all([
        Promise.all(offers.map((offer, index) => writeImpressionGrouped(instance(index), view(offer)))),
        Promise.all(clicked.map((offer, index) => writeClickGrouped(instance(index), click(offer)))),
        Promise.all([...clicked].reverse().map((offer, index) => writeClickGrouped(instance(index + 1), click(offer)))),
      ]);
      expect([...clicks, ...again].filter((written) => written.outcome === "counted")).toHaveLength(clicked.length);
      // Each impression stored once, by its beacon or by its click, whichever came first: the
      // offers never clicked only by their beacon.
      const neverClicked = new Set(offers.filter((_, index) => index % 3 === 0));
      expect(views.filter((written, index) => neverClicked.has(offers[index]!) && !written.counted)).toEqual([]);

      for (const [campaign, billedEvents, cost, table] of [
        [cpc, clicksFor, CLICK_COST, "click"],
        [cpm, viewsFor, IMPRESSION_COST, "impression"],
      ] as const) {
        const storedImpressions = await prisma.impression.findMany({ where: { campaignId: campaign.id } });
        const storedClicks = await prisma.click.findMany({ where: { campaignId: campaign.id } });
        expect(storedImpressions).toHaveLength(120);
        expect(storedClicks).toHaveLength(80);
        const billed = (table === "click" ? storedClicks : storedImpressions).filter((row) => row.billable);
        expect(billed).toHaveLength(billedEvents);
        expect(billed.every((row) => row.costMicros === BigInt(cost))).toBe(true);
        expect((await ledger(campaign.id)).spent).toBe(billedEvents * cost);
        const { rows, impressions, clicks: rolledClicks, spend } = await rollup(campaign.id);
        expect({ impressions, clicks: rolledClicks, spend }).toEqual({ impressions: 120, clicks: 80, spend: billedEvents * cost });
        for (const row of rows) expect(row.clicks).toBeLessThanOrEqual(row.impressions);
      }
    } finally {
      await other?.close();
    }
  });

  it("rejects every caller of a failing batch and records nothing of it", async () => {
    const campaign = await createCampaign();
    const offers = times(6, () => campaign.offer());
    // The database refuses a missing creative (NOT NULL) when the click brings its impression.
    const broken = campaign.offer({ creativeId: null as unknown as string });
    await expect(writeClicks(prisma, [click(offers[0]!), click(broken), click(offers[1]!)])).rejects.toThrow();
    expect(await prisma.click.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(0);

    // Through the queue: the first two are written at once (two writes in flight), the rest
    // queue behind them and go together — with the broken one, so all of them fail.
    const settled = await Promise.allSettled([...offers.slice(2).map((offer) => writeClickGrouped(prisma, click(offer))), writeClickGrouped(prisma, click(broken))]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "rejected"]);
    const stored = await prisma.click.findMany({ where: { campaignId: campaign.id }, select: { offerId: true } });
    expect(stored.map((row) => row.offerId).sort()).toEqual([offers[2]!.offerId, offers[3]!.offerId].sort());
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(2);
    expect(await rollup(campaign.id)).toMatchObject({ impressions: 2, clicks: 2, spend: 2 * CLICK_COST });
    expect((await ledger(campaign.id)).spent).toBe(2 * CLICK_COST);
  });
});

function byJson(a: unknown, b: unknown): number {
  const [x, y] = [JSON.stringify(a, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value)), JSON.stringify(b, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value))];
  return x < y ? -1 : x > y ? 1 : 0;
}
