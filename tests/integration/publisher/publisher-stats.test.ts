import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublisherStats } from "@/lib/placements/get-publisher-stats";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { createSecondPublisher, OTHER_ORG, OTHER_PLACEMENT, OWN_ORG } from "./second-publisher";

let database: FreshDatabase;
const now = new Date("2026-05-20T15:30:00Z");

/** One rollup row (the tracking path writes these; here they are the fixture). */
const row = (hour: string, placementId: string, impressions: number, clicks: number, spendMicros: bigint, country = "ZZ") => ({
  hour: new Date(hour),
  campaignId: "demo-campaign-spring",
  creativeId: "demo-creative-spring-mpu",
  placementId,
  country,
  impressions,
  clicks,
  spendMicros,
});

beforeAll(async () => {
  database = await freshPglite();
  await seedDemoData(database.prisma);
  await createSecondPublisher(database.prisma);
  await database.prisma.hourlyStat.createMany({
    data: [
      // Today (UTC)
      row("2026-05-20T00:00:00Z", "demo-placement-sidebar", 1_000, 12, 4_000_000n),
      row("2026-05-20T14:00:00Z", "demo-placement-sidebar", 500, 3, 2_000_000n, "DE"),
      row("2026-05-20T09:00:00Z", "demo-placement-leaderboard", 200, 1, 800_000n),
      // Earlier this month
      row("2026-05-01T00:00:00Z", "demo-placement-sidebar", 10_000, 100, 40_000_001n),
      // Yesterday evening in UTC: this month, not today
      row("2026-05-19T23:00:00Z", "demo-placement-mobile", 300, 0, 0n),
      // Last month: neither
      row("2026-04-30T23:00:00Z", "demo-placement-sidebar", 99_999, 999, 999_000_000n),
      // Another organisation's placement, today
      row("2026-05-20T10:00:00Z", OTHER_PLACEMENT, 7_777, 77, 7_000_000n),
    ],
  });
});

afterAll(async () => {
  await database?.close();
});

describe("getPublisherStats", () => {
  it("adds up today's and this month's rollups of the organisation's placements, exactly", async () => {
    const stats = await getPublisherStats(OWN_ORG, { prisma: database.prisma }, now);
    expect(stats.todayStart).toEqual(new Date("2026-05-20T00:00:00Z"));
    expect(stats.monthStart).toEqual(new Date("2026-05-01T00:00:00Z"));
    expect(stats.today).toEqual({ impressions: 1_700, clicks: 16, earningsMicros: 6_800_000n });
    expect(stats.month).toEqual({ impressions: 12_000, clicks: 116, earningsMicros: 46_800_001n });
  });

  it("breaks the totals down by placement, with placements that earned nothing at zero", async () => {
    const stats = await getPublisherStats(OWN_ORG, { prisma: database.prisma }, now);
    const byId = Object.fromEntries(stats.placements.map((placement) => [placement.id, placement]));
    expect(Object.keys(byId).sort()).toEqual(["demo-placement-halfpage", "demo-placement-leaderboard", "demo-placement-mobile", "demo-placement-sidebar"]);
    expect(byId["demo-placement-sidebar"]).toMatchObject({
      siteName: "Trailhead Daily",
      today: { impressions: 1_500, clicks: 15, earningsMicros: 6_000_000n },
      month: { impressions: 11_500, clicks: 115, earningsMicros: 46_000_001n },
    });
    expect(byId["demo-placement-mobile"]).toMatchObject({ today: { impressions: 0, clicks: 0, earningsMicros: 0n }, month: { impressions: 300 } });
    expect(byId["demo-placement-halfpage"]).toMatchObject({ today: { impressions: 0 }, month: { impressions: 0, clicks: 0, earningsMicros: 0n } });
  });

  it("never counts another organisation's placements", async () => {
    const stats = await getPublisherStats(OWN_ORG, { prisma: database.prisma }, now);
    expect(stats.placements.map((placement) => placement.id)).not.toContain(OTHER_PLACEMENT);
    const other = await getPublisherStats(OTHER_ORG, { prisma: database.prisma }, now);
    expect(other.today).toEqual({ impressions: 7_777, clicks: 77, earningsMicros: 7_000_000n });
    expect(other.placements.map((placement) => placement.id)).toEqual([OTHER_PLACEMENT]);
  });

  it("is all zeros for an organisation without placements", async () => {
    const stats = await getPublisherStats("demo-org-advertiser", { prisma: database.prisma }, now);
    expect(stats).toMatchObject({ today: { impressions: 0, clicks: 0, earningsMicros: 0n }, month: { impressions: 0, clicks: 0, earningsMicros: 0n }, placements: [] });
  });
});
