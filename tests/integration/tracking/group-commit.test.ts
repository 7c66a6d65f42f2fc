// Group commit of impressions (issue 16) against the real databases: one statement records a
// batch (marquee_record_impressions), and each instance's queue batches what arrives while a
// write is in flight. The batch must keep every promise the single-event function keeps.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import type { Judgement } from "@/lib/tracking/invalid-traffic";
import { createStore } from "@/lib/redis/create-store";
import { recordClickInDatabase } from "@/lib/tracking/record-click";
import { writeImpressionGrouped, writeImpressions, type ImpressionToWrite, type WrittenImpression } from "@/lib/tracking/write-impressions";
import { databaseSettings, freshPglite, freshPostgres, type FreshDatabase, type FreshPostgres } from "@/tests/support/databases";
import { runAtOnce } from "@/tests/support/deferred-work";
import { DEFAULT_POLICY } from "@/tests/support/tracking";

const ORGANIZATION = "org-group-commit";
const AT = new Date("2026-06-01T10:15:00.000Z");
const NO_RATE = { limit: 0, windowSeconds: 0 };
const PRICE = 1_000_000; // CPM $1: 1,000 micros per impression
const COST = 1_000;

type Variant = { name: string; open: () => Promise<FreshDatabase | FreshPostgres>; secondClient: boolean };
const variants: Variant[] = [
  { name: "PGlite", open: () => freshPglite(), secondClient: false },
  { name: "PostgreSQL", open: () => freshPostgres(), secondClient: true },
];

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

describe.each(variants)("group commit on $name", ({ open, secondClient }) => {
  let database: FreshDatabase | FreshPostgres;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Group commit advertiser", kind: "ADVERTISER" } });
  });

  afterAll(async () => {
    await database?.close();
  });

  async function createCampaign(options: { pricingModel?: "CPM" | "CPC"; totalBudgetMicros?: number; dailyBudgetMicros?: number } = {}) {
    const id = `campaign-${randomBytes(5).toString("hex")}`;
    const pricingModel = options.pricingModel ?? "CPM";
    await prisma.campaign.create({
      data: {
        id,
        organizationId: ORGANIZATION,
        name: id,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        pricingModel,
        priceMicros: BigInt(PRICE),
        totalBudgetMicros: BigInt(options.totalBudgetMicros ?? 1_000_000_000),
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
  const event = (offer: Offer, verdict: Judgement = valid(offer), at = AT, views = NO_RATE): ImpressionToWrite => ({ offer, verdict, at, views });

  async function ledger(id: string) {
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    return { spent: Number(campaign.spentMicros), daySpent: Number(campaign.daySpentMicros), spendDay: campaign.spendDay };
  }

  async function rollup(campaignId: string) {
    const rows = await prisma.hourlyStat.findMany({ where: { campaignId }, orderBy: [{ hour: "asc" }, { validity: "asc" }] });
    return {
      rows,
      impressions: rows.reduce((sum, row) => sum + row.impressions, 0),
      clicks: rows.reduce((sum, row) => sum + row.clicks, 0),
      spend: rows.reduce((sum, row) => sum + Number(row.spendMicros), 0),
    };
  }

  it("counts each offer once: duplicates inside one batch and across batches", async () => {
    const campaign = await createCampaign();
    const [a, b, c, d] = times(4, () => campaign.offer());
    const first = await writeImpressions(prisma, [event(a!), event(b!), event(a!), event(c!), event(a!)]);
    expect(first.map((written) => written.counted)).toEqual([true, true, false, true, false]);
    const second = await writeImpressions(prisma, [event(b!), event(d!), event(d!), event(c!)]);
    expect(second.map((written) => written.counted)).toEqual([false, true, false, false]);
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(4);
    expect(await rollup(campaign.id)).toMatchObject({ impressions: 4, clicks: 0, spend: 4 * COST });
    expect((await ledger(campaign.id)).spent).toBe(4 * COST);
  });

  it("counts each offer once when two queues write copies of the same offers at the same time", async () => {
    const campaign = await createCampaign();
    const offers = times(40, () => campaign.offer());
    // Two orders of the same offers, 3 copies each: a deadlock would fail a batch here.
    const copies = [...offers, ...[...offers].reverse(), ...offers].map((offer) => event(offer));
    const outcomes = await Promise.all(copies.map((copy) => writeImpressionGrouped(prisma, copy)));
    expect(outcomes.filter((written) => written.counted)).toHaveLength(40);
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(40);
    expect(await rollup(campaign.id)).toMatchObject({ impressions: 40, spend: 40 * COST });
  });

  it("never charges one campaign past its budget from concurrent batches, and charges exactly the counted valid events", async () => {
    const budgetFor = 37;
    const campaign = await createCampaign({ totalBudgetMicros: budgetFor * COST + COST / 2 });
    let other: DatabaseHandle | undefined;
    try {
      // Two "instances": two Prisma clients, each with its own group commit queue, on one database.
      if (secondClient) other = createDatabase(databaseSettings({ kind: "postgres", url: (database as FreshPostgres).url }, { poolSize: 5 }));
      const clients = other ? [prisma, other.prisma] : [prisma];
      const offers = times(120, () => campaign.offer());
      const outcomes = await Promise.all(offers.map((offer, index) => writeImpressionGrouped(clients[index % clients.length]!, event(offer))));
      expect(outcomes.every((written) => written.counted)).toBe(true);
      const stored = await prisma.impression.findMany({ where: { campaignId: campaign.id } });
      const billed = stored.filter((row) => row.billable);
      expect(stored).toHaveLength(120);
      expect(billed).toHaveLength(budgetFor);
      expect(billed.every((row) => row.costMicros === BigInt(COST))).toBe(true);
      expect(stored.filter((row) => !row.billable).every((row) => row.costMicros === 0n)).toBe(true);
      expect((await ledger(campaign.id)).spent).toBe(budgetFor * COST);
      expect(await rollup(campaign.id)).toMatchObject({ impressions: 120, spend: budgetFor * COST });
      // Every event that found the budget spent says so, and so does the one that spent it.
      expect(outcomes.filter((written) => written.exhausted)).toHaveLength(120 - budgetFor + 1);
    } finally {
      await other?.close();
    }
  });

  it("keeps clicks ≤ impressions in every rollup row while clicks and batched beacons race", async () => {
    const campaign = await createCampaign();
    const offers = times(30, () => campaign.offer({ country: ["DE", "FR", "US"][Math.floor(Math.random() * 3)]! }));
    const { store } = createStore({ kind: "none" });
    const deps = { prisma, store, policy: DEFAULT_POLICY, defer: runAtOnce };
    const now = new Date();
    await Promise.all([
      ...offers.map((offer) => writeImpressionGrouped(prisma, event(offer, valid(offer), now))),
      // Half of the clicks come before their view (their function records the impression too).
      ...offers.filter((_, index) => index % 2 === 0).map((offer) => recordClickInDatabase(deps, offer, valid(offer), now)),
    ]);
    const { rows, impressions, clicks } = await rollup(campaign.id);
    expect({ impressions, clicks }).toEqual({ impressions: 30, clicks: 15 });
    for (const row of rows) expect(row.clicks).toBeLessThanOrEqual(row.impressions);
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(30);
    expect((await ledger(campaign.id)).spent).toBe(30 * COST);
    await store.close();
  });

  it("rejects every caller of a failing batch and records nothing of it", async () => {
    const campaign = await createCampaign();
    const offers = times(6, () => campaign.offer());
    // The database refuses a missing creative (NOT NULL) in the middle of the batch's insert.
    const broken = campaign.offer({ creativeId: null as unknown as string });
    await expect(writeImpressions(prisma, [event(offers[0]!), event(broken), event(offers[1]!)])).rejects.toThrow();
    expect(await prisma.impression.count({ where: { campaignId: campaign.id } })).toBe(0);

    // Through the queue: the first is written at once (one write in flight), the rest queue
    // behind it and go together — with the broken one, so all of them fail.
    const settled = await Promise.allSettled([...offers.slice(2).map((offer) => writeImpressionGrouped(prisma, event(offer))), writeImpressionGrouped(prisma, event(broken))]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected", "rejected"]);
    const stored = await prisma.impression.findMany({ where: { campaignId: campaign.id }, select: { offerId: true } });
    expect(stored.map((row) => row.offerId)).toEqual([offers[2]!.offerId]);
    expect(await rollup(campaign.id)).toMatchObject({ impressions: 1, spend: COST });
    expect((await ledger(campaign.id)).spent).toBe(COST);
  });

  it("gives each event the outcome the single-event function gives it, in arrival order", async () => {
    // The same story twice, on twin campaigns: once one event per call of
    // marquee_record_impression, once as one batch.
    const views = { limit: 2, windowSeconds: 300 };
    const story = (cpm: Awaited<ReturnType<typeof createCampaign>>, cpc: Awaited<ReturnType<typeof createCampaign>>, run: string): ImpressionToWrite[] => {
      const client = (name: string) => `${run}-${name}`;
      const [e1, e2, e3, e4, e5, e6, e7, e8, e9] = times(9, () => cpm.offer());
      const free = cpc.offer();
      const nextDay = new Date(AT.getTime() + 24 * 3600_000);
      return [
        event(e1!, valid(e1!, client("a")), AT, views),
        event(e2!, valid(e2!, client("a")), AT, views),
        event(e1!, valid(e1!, client("a")), AT, views), // a duplicate (judged as the next one would be: past the rate)
        event(e3!, valid(e3!, client("a")), AT, views), // the client's third view in 5 minutes: RATE_LIMIT
        event(e4!, { validity: "BOT", client: client("b") }, AT, views),
        event(e5!, { validity: "OFF_DOMAIN", client: client("c"), pageHost: `${run}.evil.example` }, AT, views),
        event(e6!, valid(e6!, client("d")), AT, views), // spends the day's last full dollar's worth
        event(e7!, valid(e7!, client("e")), AT, views), // past the daily budget: kept, unbilled
        event(e8!, valid(e8!, client("f")), nextDay, views), // a new day: charged again
        event(e9!, valid(e9!, client("g")), AT, NO_RATE), // back to the first day: its ledger restarts, as the single function's does
        event(free, valid(free, client("h")), AT, views), // CPC: free
      ];
    };
    const twins = async () => [await createCampaign({ totalBudgetMicros: 6 * COST + 500, dailyBudgetMicros: 3 * COST + 500 }), await createCampaign({ pricingModel: "CPC" })] as const;
    const [singleCpm, singleCpc] = await twins();
    const [batchCpm, batchCpc] = await twins();

    const one: WrittenImpression[] = [];
    for (const { offer, verdict, at, views: rate } of story(singleCpm, singleCpc, "single")) {
      const [row] = await prisma.$queryRaw<WrittenImpression[]>`
        SELECT "counted", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_impression(
          ${offer.offerId}, ${offer.campaignId}, ${offer.creativeId}, ${offer.placementId},
          ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${offer.country}, ${offer.device}::"DeviceType",
          ${BigInt(impressionCostMicros(offer))}::bigint, ${verdict.client}, ${verdict.validity}::"EventValidity",
          ${verdict.pageHost ?? null}::text, ${rate.limit}::int, ${rate.windowSeconds}::int)`;
      one.push(row!);
    }
    const batch = await writeImpressions(prisma, story(batchCpm, batchCpc, "batch"));

    expect(batch).toEqual(one);
    expect(batch.map((written) => written.validity)).toEqual(["VALID", "VALID", "RATE_LIMIT", "RATE_LIMIT", "BOT", "OFF_DOMAIN", "VALID", "VALID", "VALID", "VALID", "VALID"]);
    expect(batch.map((written) => written.exhausted)).toEqual([false, false, false, false, false, false, true, true, false, false, false]);
    expect(await ledger(batchCpm.id)).toEqual(await ledger(singleCpm.id));
    expect(await ledger(batchCpc.id)).toEqual(await ledger(singleCpc.id));
    const shape = async (campaignId: string) =>
      (await rollup(campaignId)).rows.map(({ hour, country, device, validity, impressions, clicks, spendMicros }) => ({ hour, country, device, validity, impressions, clicks, spendMicros }));
    expect(await shape(batchCpm.id)).toEqual(await shape(singleCpm.id));
    expect(await shape(batchCpc.id)).toEqual(await shape(singleCpc.id));
    const rows = async (campaignId: string) =>
      (await prisma.impression.findMany({ where: { campaignId }, orderBy: { occurredAt: "asc" } })).map(({ costMicros, billable, validity }) => ({ costMicros, billable, validity }));
    expect((await rows(batchCpm.id)).sort(byJson)).toEqual((await rows(singleCpm.id)).sort(byJson));
    const offDomain = async (run: string) =>
      (await prisma.offDomainStat.findMany({ where: { host: `${run}.evil.example` } })).map(({ day, placementId, impressions, clicks }) => ({ day, placementId, impressions, clicks }));
    expect(await offDomain("batch")).toEqual(await offDomain("single"));
    expect(await offDomain("batch")).toHaveLength(1);
  });
});

function byJson(a: unknown, b: unknown): number {
  const [x, y] = [JSON.stringify(a, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value)), JSON.stringify(b, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value))];
  return x < y ? -1 : x > y ? 1 : 0;
}
