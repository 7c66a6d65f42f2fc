// A campaign keeps its organisation's clock, on both databases: day-parting is read in the
// organisation's zone by the decision engine (from the active set as the database loads it),
// and the daily budget's ledger rolls over at the organisation's local midnight — worked out
// in SQL by marquee_charge_campaign, not by UTC's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { serveAd } from "@/lib/ads/serve-ad";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Offer } from "@/lib/offers/offer-token";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { seedDemoData } from "@/prisma/seed";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { impression } from "@/tests/support/tracking";

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const ORGANIZATION = "demo-org-advertiser"; // verified by the demo data: its campaigns serve
const PLACEMENT = "demo-placement-mobile";
const COST = 1_000; // one impression at a $1 CPM, in micro-units

let campaignCount = 0;

describe.each(BOTH_DATABASES)("the organisation's clock on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  const store = new KeyValueStore(new MemoryStore());
  const deps = () => ({ prisma, store });

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await seedDemoData(prisma);
  });

  afterAll(async () => {
    await store.close();
    await database?.close();
  });

  async function inZone(timeZone: string): Promise<void> {
    await prisma.organization.update({ where: { id: ORGANIZATION }, data: { timeZone } });
  }

  /** A sponsorship of the mobile placement (so it wins whenever it may serve), $1 CPM. */
  async function createCampaign(settings: { hours?: number[]; dailyBudgetMicros?: bigint }): Promise<string> {
    campaignCount += 1;
    const id = `zoned-campaign-${campaignCount}`;
    await prisma.campaign.create({
      data: {
        id,
        organizationId: ORGANIZATION,
        name: id,
        status: "ACTIVE",
        tier: "SPONSORSHIP",
        startsAt: new Date("2025-01-01T00:00:00Z"),
        priceMicros: 1_000_000n,
        totalBudgetMicros: 1_000_000_000n,
        dailyBudgetMicros: settings.dailyBudgetMicros ?? null,
        targetPlacementIds: [PLACEMENT],
        hours: settings.hours ?? [],
        creatives: {
          create: { id: `${id}-text`, name: "Text", kind: "TEXT", width: 320, height: 50, headline: id, landingUrl: "https://advertiser.example/", reviewStatus: "APPROVED" },
        },
      },
    });
    return id;
  }

  async function servedAt(iso: string): Promise<string | null> {
    const now = Date.parse(iso);
    const set = await loadActiveSet(prisma, now);
    const served = await serveAd(
      { activeSet: async () => set, store, secret: SECRET },
      { placementId: PLACEMENT, keywords: [], country: "US", device: "MOBILE", address: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64)", pageHost: "trailhead.example", slot: 0, origin: "https://ads.example", now },
    );
    if (served.kind !== "ad") return null;
    return served.response.ad.headline;
  }

  let offers = 0;
  function offer(campaignId: string, at: Date): Offer {
    offers += 1;
    return {
      offerId: `zoned-offer-${offers}`,
      campaignId,
      creativeId: `${campaignId}-text`,
      placementId: PLACEMENT,
      pricingModel: "CPM",
      priceMicros: 1_000_000,
      issuedAt: Math.floor(at.getTime() / 1000),
      country: "US",
      device: "MOBILE",
      viewer: "-",
      capPeriodSeconds: 0,
      page: "-",
    };
  }

  /** Records one impression at `iso`; whether it was charged. */
  async function charged(campaignId: string, iso: string): Promise<boolean> {
    const at = new Date(iso);
    const made = offer(campaignId, at);
    expect(await impression(deps(), made, at)).toBe("counted");
    return (await prisma.impression.findUniqueOrThrow({ where: { offerId: made.offerId } })).billable;
  }

  async function ledger(campaignId: string) {
    const row = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    return { daySpent: Number(row.daySpentMicros), spendDay: row.spendDay?.toISOString().slice(0, 10) ?? null, spent: Number(row.spentMicros) };
  }

  it("serves hours 9–17 of New York from 14:00Z in January (09:00 EST), not at 13:00Z", async () => {
    await inZone("America/New_York");
    const id = await createCampaign({ hours: [9, 10, 11, 12, 13, 14, 15, 16, 17] });
    expect(await servedAt("2026-01-14T14:00:00Z")).toBe(id);
    expect(await servedAt("2026-01-14T13:00:00Z")).not.toBe(id);
    expect(await servedAt("2026-01-14T22:59:00Z")).toBe(id); // 17:59 EST
    expect(await servedAt("2026-01-14T23:00:00Z")).not.toBe(id); // 18:00 EST
    // After the March change (EDT, UTC−4) the same hours start at 13:00Z.
    expect(await servedAt("2026-03-09T13:00:00Z")).toBe(id);
    await prisma.campaign.update({ where: { id }, data: { status: "PAUSED" } });
  });

  it("rolls the daily budget over at New York's midnight, not at UTC's", async () => {
    await inZone("America/New_York");
    const id = await createCampaign({ dailyBudgetMicros: BigInt(2 * COST) });
    // 18:00 and 18:30 EST on 14 January fill the day's budget.
    expect(await charged(id, "2026-01-14T23:00:00Z")).toBe(true);
    expect(await charged(id, "2026-01-14T23:30:00Z")).toBe(true);
    expect(await ledger(id)).toEqual({ daySpent: 2 * COST, spendDay: "2026-01-14", spent: 2 * COST });
    // 01:00Z on the 15th is a new UTC day but still 20:00 on the 14th in New York: no budget left.
    expect(await charged(id, "2026-01-15T01:00:00Z")).toBe(false);
    expect(await charged(id, "2026-01-15T04:59:00Z")).toBe(false);
    // Local midnight (05:00Z): a new day, a new ledger.
    expect(await charged(id, "2026-01-15T05:00:00Z")).toBe(true);
    expect(await ledger(id)).toEqual({ daySpent: COST, spendDay: "2026-01-15", spent: 3 * COST });
    // The decision engine agrees: spent for the 14th at 04:00Z, serving again from 05:00Z.
    await prisma.campaign.update({ where: { id }, data: { daySpentMicros: BigInt(2 * COST), spendDay: new Date("2026-01-14T00:00:00Z") } });
    expect(await servedAt("2026-01-15T04:00:00Z")).not.toBe(id);
    expect(await servedAt("2026-01-15T05:00:00Z")).toBe(id);
    await prisma.campaign.update({ where: { id }, data: { status: "PAUSED" } });
  });

  it("starts Berlin's day before UTC's, including the night clocks go forward", async () => {
    await inZone("Europe/Berlin");
    const id = await createCampaign({ dailyBudgetMicros: BigInt(COST) });
    expect(await charged(id, "2026-03-28T22:30:00Z")).toBe(true); // 23:30 CET on the 28th
    expect(await charged(id, "2026-03-28T22:59:00Z")).toBe(false);
    expect(await charged(id, "2026-03-28T23:00:00Z")).toBe(true); // 00:00 CET on the 29th, a UTC day early
    expect(await ledger(id)).toMatchObject({ daySpent: COST, spendDay: "2026-03-29" });
    // The 29th has 23 hours: the 30th begins at 22:00Z (00:00 CEST).
    expect(await charged(id, "2026-03-29T21:59:00Z")).toBe(false);
    expect(await charged(id, "2026-03-29T22:00:00Z")).toBe(true);
    expect(await ledger(id)).toMatchObject({ daySpent: COST, spendDay: "2026-03-30" });
    await prisma.campaign.update({ where: { id }, data: { status: "PAUSED" } });
  });

  it("keeps half-hour zones: Kolkata's day starts at 18:30Z", async () => {
    await inZone("Asia/Kolkata");
    const id = await createCampaign({ dailyBudgetMicros: BigInt(COST) });
    expect(await charged(id, "2026-06-10T18:00:00Z")).toBe(true);
    expect(await charged(id, "2026-06-10T18:29:00Z")).toBe(false);
    expect(await charged(id, "2026-06-10T18:30:00Z")).toBe(true);
    expect(await ledger(id)).toMatchObject({ daySpent: COST, spendDay: "2026-06-11" });
    await prisma.campaign.update({ where: { id }, data: { status: "PAUSED" } });
    await inZone("UTC");
  });
});
