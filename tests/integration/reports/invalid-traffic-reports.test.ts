// Invalid traffic in every view of the rollups, on PGlite and PostgreSQL: the reports bill
// VALID rows only and show the invalid counts beside them (per row, and by reason), their
// tables and CSV files carry the same columns, the dashboards bill valid traffic only, the
// operator sees invalid rates per publisher, site and placement, and a publisher sees the
// hosts off their domains — never another organisation's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getInvalidTraffic, topInvalidPlacementsSql } from "@/lib/admin/get-invalid-traffic";
import { getAdvertiserOverview } from "@/lib/campaigns/get-advertiser-overview";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EventValidity } from "@/lib/generated/prisma/enums";
import { getPublisherStats } from "@/lib/placements/get-publisher-stats";
import { advertiserReport } from "@/lib/reports/advertiser-report";
import { publisherReport } from "@/lib/reports/publisher-report";
import type { ReportQuery } from "@/lib/reports/report-query";
import { reportRange, type Granularity } from "@/lib/reports/report-range";
import { advertiserTables, publisherTables, tableCsv } from "@/lib/reports/report-tables";
import { listOffDomainHosts } from "@/lib/sites/list-off-domain-hosts";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const databases = BOTH_DATABASES;

const ADVERTISER = "itr-advertiser";
const OTHER_ADVERTISER = "itr-advertiser-other";
const PUBLISHER = "itr-publisher";
const OTHER_PUBLISHER = "itr-publisher-other";

/** Rollup rows of 2026-11-20 (UTC) unless said otherwise; spend only ever on VALID rows, as tracking writes them. */
const stat = (hour: string, campaignId: string, placementId: string, validity: EventValidity, impressions: number, clicks: number, spendMicros = 0n) => ({
  hour: new Date(`2026-11-${hour}:00:00Z`),
  campaignId,
  creativeId: `${campaignId}-creative`,
  placementId,
  country: "DE",
  device: "DESKTOP" as const,
  validity,
  impressions,
  clicks,
  spendMicros,
});

const ROLLUPS = [
  stat("20T10", "itr-c1", "itr-p1", "VALID", 1_000, 20, 4_000_000n),
  stat("20T10", "itr-c1", "itr-p1", "BOT", 300, 7),
  stat("20T11", "itr-c1", "itr-p2", "CLIENT_MISMATCH", 50, 5),
  stat("20T11", "itr-c2", "itr-p2", "RATE_LIMIT", 20, 9),
  stat("20T12", "itr-c2", "itr-p3", "OFF_DOMAIN", 40, 1),
  stat("20T12", "itr-c2", "itr-p3", "VALID", 500, 5, 1_000_000n),
  // The advertiser's campaign on the other publisher's placement.
  stat("20T12", "itr-c1", "itr-p4", "VALID", 10, 0, 20_000n),
  stat("20T12", "itr-c1", "itr-p4", "OFF_DOMAIN", 70, 3),
  // The other advertiser, on the publisher's first placement.
  stat("20T10", "itr-c3", "itr-p1", "VALID", 100, 1, 100_000n),
  stat("20T10", "itr-c3", "itr-p1", "BOT", 999, 99),
  // A placement with valid traffic only.
  stat("20T09", "itr-c3", "itr-p5", "VALID", 5, 0, 5_000n),
  // Ten days earlier: outside the operator's 7 days and the reports' day.
  stat("10T09", "itr-c1", "itr-p1", "BOT", 5_555, 55),
];

const NOTHING = { impressions: 0, clicks: 0 };

function query(from: string, to: string, granularity: Granularity = "day", filters: Partial<Pick<ReportQuery, "campaignId" | "placementId">> = {}): ReportQuery {
  return { preset: "custom", range: reportRange(from, to, "UTC"), granularity, campaignId: null, placementId: null, ...filters };
}
const DAY = query("2026-11-20", "2026-11-20");

async function createFixtures(prisma: PrismaClient): Promise<void> {
  for (const [id, kind] of [
    [ADVERTISER, "ADVERTISER"],
    [OTHER_ADVERTISER, "ADVERTISER"],
    [PUBLISHER, "PUBLISHER"],
    [OTHER_PUBLISHER, "PUBLISHER"],
  ] as const) {
    await prisma.organization.create({ data: { id, name: `Org ${id}`, kind } });
  }
  for (const [id, organizationId] of [
    ["itr-c1", ADVERTISER],
    ["itr-c2", ADVERTISER],
    ["itr-c3", OTHER_ADVERTISER],
  ] as const) {
    await prisma.campaign.create({
      data: { id, organizationId, name: `Campaign ${id}`, status: "ACTIVE", startsAt: new Date("2026-01-01T00:00:00Z"), priceMicros: 4_000_000n, totalBudgetMicros: 1_000_000_000n },
    });
  }
  await prisma.site.createMany({
    data: [
      { id: "itr-s1", organizationId: PUBLISHER, name: "One", domain: "one.example", extraDomains: ["one-news.example"] },
      { id: "itr-s2", organizationId: PUBLISHER, name: "Two", domain: "two.example" },
      { id: "itr-s3", organizationId: OTHER_PUBLISHER, name: "Three", domain: "three.example" },
    ],
  });
  await prisma.placement.createMany({
    data: [
      { id: "itr-p1", siteId: "itr-s1", name: "Top", width: 300, height: 250 },
      { id: "itr-p2", siteId: "itr-s1", name: "Side", width: 300, height: 250 },
      { id: "itr-p3", siteId: "itr-s2", name: "Main", width: 300, height: 250 },
      { id: "itr-p4", siteId: "itr-s3", name: "Other", width: 300, height: 250 },
      { id: "itr-p5", siteId: "itr-s3", name: "Clean", width: 300, height: 250 },
    ],
  });
  await prisma.hourlyStat.createMany({ data: ROLLUPS });
  const day = (date: string) => new Date(`${date}T00:00:00Z`);
  await prisma.offDomainStat.createMany({
    data: [
      { day: day("2026-11-20"), placementId: "itr-p3", host: "mirror.example", impressions: 40, clicks: 1 },
      { day: day("2026-11-20"), placementId: "itr-p4", host: "copy-of-three.example", impressions: 70, clicks: 3 },
    ],
  });
}

describe.each(databases)("invalid traffic on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await createFixtures(prisma);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  describe("the advertiser report", () => {
    it("bills the VALID rows only and counts the invalid traffic beside them, by reason", async () => {
      const report = await advertiserReport(prisma, ADVERTISER, DAY);
      expect(report.totals).toEqual({ impressions: 1_510, clicks: 25, spendMicros: 5_020_000n });
      expect(report.invalid).toEqual({
        invalidImpressions: 480,
        invalidClicks: 25,
        byReason: { BOT: { impressions: 300, clicks: 7 }, CLIENT_MISMATCH: { impressions: 50, clicks: 5 }, RATE_LIMIT: { impressions: 20, clicks: 9 }, OFF_DOMAIN: { impressions: 110, clicks: 4 } },
      });
    });

    it("gives every row its billed and invalid numbers", async () => {
      const report = await advertiserReport(prisma, ADVERTISER, DAY);
      expect(report.series).toEqual([expect.objectContaining({ key: "2026-11-20", impressions: 1_510, clicks: 25, spendMicros: 5_020_000n, invalidImpressions: 480, invalidClicks: 25 })]);
      expect(report.breakdowns.campaign.map(({ id, impressions, clicks, spendMicros, invalidImpressions, invalidClicks }) => ({ id, impressions, clicks, spendMicros, invalidImpressions, invalidClicks }))).toEqual([
        { id: "itr-c1", impressions: 1_010, clicks: 20, spendMicros: 4_020_000n, invalidImpressions: 420, invalidClicks: 15 },
        { id: "itr-c2", impressions: 500, clicks: 5, spendMicros: 1_000_000n, invalidImpressions: 60, invalidClicks: 10 },
      ]);
      // A placement with invalid traffic only is a row too: billed zero, invalid shown.
      expect(report.breakdowns.placement.find((row) => row.id === "itr-p2")).toMatchObject({ impressions: 0, clicks: 0, spendMicros: 0n, invalidImpressions: 70, invalidClicks: 14 });
    });

    it("shows an hour of invalid traffic only as an hour without billed traffic", async () => {
      const report = await advertiserReport(prisma, ADVERTISER, query("2026-11-20", "2026-11-20", "hour"));
      const hour = (key: string) => report.series.find((row) => row.key === key);
      expect(hour("2026-11-20T11:00:00Z")).toMatchObject({ impressions: 0, clicks: 0, spendMicros: 0n, invalidImpressions: 70, invalidClicks: 14 });
      expect(hour("2026-11-20T09:00:00Z")).toMatchObject({ impressions: 0, invalidImpressions: 0, invalidClicks: 0 });
    });

    it("narrows the invalid traffic with the campaign filter", async () => {
      const report = await advertiserReport(prisma, ADVERTISER, { ...DAY, campaignId: "itr-c2" });
      expect(report.invalid).toEqual({
        invalidImpressions: 60,
        invalidClicks: 10,
        byReason: { BOT: NOTHING, CLIENT_MISMATCH: NOTHING, RATE_LIMIT: { impressions: 20, clicks: 9 }, OFF_DOMAIN: { impressions: 40, clicks: 1 } },
      });
    });

    it("never counts another organisation's invalid traffic, even given its campaign id", async () => {
      const other = await advertiserReport(prisma, OTHER_ADVERTISER, DAY);
      expect(other.totals).toEqual({ impressions: 105, clicks: 1, spendMicros: 105_000n });
      expect(other.invalid).toMatchObject({ invalidImpressions: 999, invalidClicks: 99 });
      const stolen = await advertiserReport(prisma, OTHER_ADVERTISER, { ...DAY, campaignId: "itr-c1" });
      expect(stolen.invalid).toMatchObject({ invalidImpressions: 0, invalidClicks: 0 });
    });
  });

  describe("the publisher report", () => {
    it("bills the VALID rows only and counts the invalid traffic beside them, by reason", async () => {
      const report = await publisherReport(prisma, PUBLISHER, DAY);
      expect(report.totals).toEqual({ impressions: 1_600, clicks: 26, spendMicros: 5_100_000n });
      expect(report.invalid).toEqual({
        invalidImpressions: 1_409,
        invalidClicks: 121,
        byReason: { BOT: { impressions: 1_299, clicks: 106 }, CLIENT_MISMATCH: { impressions: 50, clicks: 5 }, RATE_LIMIT: { impressions: 20, clicks: 9 }, OFF_DOMAIN: { impressions: 40, clicks: 1 } },
      });
    });

    it("gives every placement, site and detail row its invalid counts", async () => {
      const report = await publisherReport(prisma, PUBLISHER, DAY);
      const counts = (rows: Array<{ impressions: number; clicks: number; spendMicros: bigint; invalidImpressions: number; invalidClicks: number }>) =>
        rows.map(({ impressions, clicks, spendMicros, invalidImpressions, invalidClicks }) => ({ impressions, clicks, spendMicros, invalidImpressions, invalidClicks }));
      expect(Object.fromEntries(report.placements.map((row) => [row.placementId, counts([row])[0]]))).toEqual({
        "itr-p1": { impressions: 1_100, clicks: 21, spendMicros: 4_100_000n, invalidImpressions: 1_299, invalidClicks: 106 },
        "itr-p2": { impressions: 0, clicks: 0, spendMicros: 0n, invalidImpressions: 70, invalidClicks: 14 },
        "itr-p3": { impressions: 500, clicks: 5, spendMicros: 1_000_000n, invalidImpressions: 40, invalidClicks: 1 },
      });
      expect(Object.fromEntries(report.sites.map((row) => [row.siteId, counts([row])[0]]))).toEqual({
        "itr-s1": { impressions: 1_100, clicks: 21, spendMicros: 4_100_000n, invalidImpressions: 1_369, invalidClicks: 120 },
        "itr-s2": { impressions: 500, clicks: 5, spendMicros: 1_000_000n, invalidImpressions: 40, invalidClicks: 1 },
      });
      expect(counts(report.detail)).toEqual(counts(report.placements));
      expect(report.series).toEqual([expect.objectContaining({ impressions: 1_600, invalidImpressions: 1_409, invalidClicks: 121 })]);
    });

    it("never counts another publisher's placements", async () => {
      const other = await publisherReport(prisma, OTHER_PUBLISHER, DAY);
      expect(other.totals).toEqual({ impressions: 15, clicks: 0, spendMicros: 25_000n });
      expect(other.invalid.byReason).toEqual({ BOT: NOTHING, CLIENT_MISMATCH: NOTHING, RATE_LIMIT: NOTHING, OFF_DOMAIN: { impressions: 70, clicks: 3 } });
      const stolen = await publisherReport(prisma, OTHER_PUBLISHER, { ...DAY, placementId: "itr-p1" });
      expect(stolen.invalid).toMatchObject({ invalidImpressions: 0, invalidClicks: 0 });
      expect(stolen.placements).toEqual([]);
    });
  });

  describe("the report tables and their CSV files", () => {
    it("put the invalid counts in columns after the billed ones, in the table and its CSV alike", async () => {
      const tables = publisherTables(await publisherReport(prisma, PUBLISHER, DAY));
      expect(tables.placement.columns.map((column) => column.label)).toEqual(["Placement", "Site", "Impressions", "Clicks", "CTR", "Earnings (USD)", "Invalid impressions", "Invalid clicks"]);
      expect(tableCsv(tables.placement)).toBe(
        [
          "Placement,Site,Impressions,Clicks,CTR,Earnings (USD),Invalid impressions,Invalid clicks",
          "Side,one.example,0,0,,0.00,70,14",
          "Top,one.example,1100,21,1.91%,4.10,1299,106",
          "Main,two.example,500,5,1.00%,1.00,40,1",
        ].join("\r\n") + "\r\n",
      );
      const advertiser = advertiserTables(await advertiserReport(prisma, ADVERTISER, DAY));
      expect(tableCsv(advertiser.series).split("\r\n")[0]).toBe("Date (UTC),Impressions,Clicks,CTR,Spend (USD),eCPM (USD),eCPC (USD),Invalid impressions,Invalid clicks");
      expect(tableCsv(advertiser.series).split("\r\n")[1]).toBe("2026-11-20,1510,25,1.66%,5.02,3.324503,0.2008,480,25");
    });

    it("have a table of the invalid traffic by reason, in words, every reason listed", async () => {
      const { invalid } = publisherTables(await publisherReport(prisma, PUBLISHER, DAY));
      expect(invalid.title).toBe("Invalid traffic by reason");
      expect(tableCsv(invalid)).toBe(
        [
          "Reason,Invalid impressions,Invalid clicks",
          "Bots and non-browser clients,1299,106",
          "Not the client the ad was served to,50,5",
          "Too many from one client,20,9",
          "Off the site's domains,40,1",
        ].join("\r\n") + "\r\n",
      );
      const other = advertiserTables(await advertiserReport(prisma, OTHER_ADVERTISER, DAY)).invalid;
      expect(other.rows.map((row) => row.map((cell) => cell.value))).toEqual([
        ["Bots and non-browser clients", 999, 99],
        ["Not the client the ad was served to", 0, 0],
        ["Too many from one client", 0, 0],
        ["Off the site's domains", 0, 0],
      ]);
    });
  });

  describe("the dashboards", () => {
    const now = new Date("2026-11-20T15:00:00Z");

    it("the publisher's overview bills valid traffic only and counts the invalid beside it", async () => {
      const stats = await getPublisherStats(PUBLISHER, { prisma }, now);
      expect(stats.today).toEqual({ impressions: 1_600, clicks: 26, earningsMicros: 5_100_000n });
      expect(stats.invalid.today).toMatchObject({ invalidImpressions: 1_409, invalidClicks: 121, byReason: { BOT: { impressions: 1_299, clicks: 106 } } });
      // This month includes the BOT rows of the 10th.
      expect(stats.invalid.month).toMatchObject({ invalidImpressions: 1_409 + 5_555, invalidClicks: 121 + 55 });
      expect(stats.placements.find((placement) => placement.id === "itr-p2")).toMatchObject({
        today: { impressions: 0, clicks: 0, earningsMicros: 0n },
        invalid: { today: { invalidImpressions: 70, invalidClicks: 14 } },
      });
    });

    it("the advertiser's overview bills valid traffic only and counts the invalid beside it", async () => {
      const overview = await getAdvertiserOverview(ADVERTISER, { prisma }, now);
      expect(overview.today).toEqual({ impressions: 1_510, clicks: 25, spendMicros: 5_020_000n });
      expect(overview.invalid.today).toEqual({
        invalidImpressions: 480,
        invalidClicks: 25,
        byReason: { BOT: { impressions: 300, clicks: 7 }, CLIENT_MISMATCH: { impressions: 50, clicks: 5 }, RATE_LIMIT: { impressions: 20, clicks: 9 }, OFF_DOMAIN: { impressions: 110, clicks: 4 } },
      });
      expect(overview.invalid.month.invalidImpressions).toBe(480 + 5_555);
    });
  });

  describe("the operator's invalid traffic", () => {
    const now = new Date("2026-11-21T12:30:00Z");

    it("rates each publisher over the last 7 days, most invalid impressions first", async () => {
      const overview = await getInvalidTraffic({ prisma }, now);
      expect(overview.since).toEqual(new Date("2026-11-14T12:00:00Z"));
      expect(overview.organizations).toEqual([
        { organizationId: PUBLISHER, organizationName: `Org ${PUBLISHER}`, impressions: 1_600, clicks: 26, spendMicros: 5_100_000n, invalidImpressions: 1_409, invalidClicks: 121 },
        { organizationId: OTHER_PUBLISHER, organizationName: `Org ${OTHER_PUBLISHER}`, impressions: 15, clicks: 0, spendMicros: 25_000n, invalidImpressions: 70, invalidClicks: 3 },
      ]);
    });

    it("rates each site", async () => {
      const overview = await getInvalidTraffic({ prisma }, now);
      expect(overview.sites.map(({ siteId, siteDomain, organizationId, impressions, invalidImpressions, clicks, invalidClicks }) => ({ siteId, siteDomain, organizationId, impressions, invalidImpressions, clicks, invalidClicks }))).toEqual([
        { siteId: "itr-s1", siteDomain: "one.example", organizationId: PUBLISHER, impressions: 1_100, invalidImpressions: 1_369, clicks: 21, invalidClicks: 120 },
        { siteId: "itr-s3", siteDomain: "three.example", organizationId: OTHER_PUBLISHER, impressions: 15, invalidImpressions: 70, clicks: 0, invalidClicks: 3 },
        { siteId: "itr-s2", siteDomain: "two.example", organizationId: PUBLISHER, impressions: 500, invalidImpressions: 40, clicks: 5, invalidClicks: 1 },
      ]);
    });

    it("lists the placements with invalid traffic, most first, with the reasons; none without any", async () => {
      const overview = await getInvalidTraffic({ prisma }, now);
      expect(overview.placements.map(({ placementId, invalidImpressions, invalidClicks, byReason }) => ({ placementId, invalidImpressions, invalidClicks, byReason }))).toEqual([
        { placementId: "itr-p1", invalidImpressions: 1_299, invalidClicks: 106, byReason: { BOT: { impressions: 1_299, clicks: 106 }, CLIENT_MISMATCH: NOTHING, RATE_LIMIT: NOTHING, OFF_DOMAIN: NOTHING } },
        // Tied on impressions with itr-p4: more invalid clicks first.
        { placementId: "itr-p2", invalidImpressions: 70, invalidClicks: 14, byReason: { BOT: NOTHING, CLIENT_MISMATCH: { impressions: 50, clicks: 5 }, RATE_LIMIT: { impressions: 20, clicks: 9 }, OFF_DOMAIN: NOTHING } },
        { placementId: "itr-p4", invalidImpressions: 70, invalidClicks: 3, byReason: { BOT: NOTHING, CLIENT_MISMATCH: NOTHING, RATE_LIMIT: NOTHING, OFF_DOMAIN: { impressions: 70, clicks: 3 } } },
        { placementId: "itr-p3", invalidImpressions: 40, invalidClicks: 1, byReason: { BOT: NOTHING, CLIENT_MISMATCH: NOTHING, RATE_LIMIT: NOTHING, OFF_DOMAIN: { impressions: 40, clicks: 1 } } },
      ]);
      expect(overview.placements[0]).toMatchObject({ placementName: "Top", siteDomain: "one.example", organizationName: `Org ${PUBLISHER}`, impressions: 1_100, clicks: 21 });
    });

    it("keeps only the top placements", async () => {
      const rows = await prisma.$queryRaw<Array<{ placementId: string }>>(topInvalidPlacementsSql(new Date("2026-11-14T12:00:00Z"), 2));
      expect(rows.map((row) => row.placementId)).toEqual(["itr-p1", "itr-p2"]);
    });
  });

  describe("the hosts off a publisher's domains", () => {
    const now = new Date("2026-11-25T08:00:00Z");

    it("lists the hosts of the organisation's own placements", async () => {
      expect(await listOffDomainHosts(PUBLISHER, { siteId: "itr-s2" }, { prisma }, now)).toEqual([{ host: "mirror.example", impressions: 40, clicks: 1 }]);
      expect(await listOffDomainHosts(PUBLISHER, { siteId: "itr-s1" }, { prisma }, now)).toEqual([]);
      expect(await listOffDomainHosts(OTHER_PUBLISHER, { placementId: "itr-p4" }, { prisma }, now)).toEqual([{ host: "copy-of-three.example", impressions: 70, clicks: 3 }]);
    });

    it("never another organisation's, even given its site or placement id", async () => {
      expect(await listOffDomainHosts(PUBLISHER, { siteId: "itr-s3" }, { prisma }, now)).toEqual([]);
      expect(await listOffDomainHosts(PUBLISHER, { placementId: "itr-p4" }, { prisma }, now)).toEqual([]);
      expect(await listOffDomainHosts(OTHER_PUBLISHER, { placementId: "itr-p3" }, { prisma }, now)).toEqual([]);
    });
  });
});
