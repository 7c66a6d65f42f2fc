// The advertiser and publisher reports against the real stores (PGlite and PostgreSQL), on
// traffic recorded by the tracking code itself, checked against the raw events: totals, days
// and hours in UTC, Europe/Berlin and America/New_York across their clock changes,
// breakdowns, scoping by organisation, the CSV files, and pruning (which changes nothing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneEvents } from "@/lib/events/prune-events";
import { microsToDecimal, parseMicros, roundToCents } from "@/lib/format/money";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { advertiserReport, advertiserReportSql, type AdvertiserReport } from "@/lib/reports/advertiser-report";
import { formatMicros } from "@/lib/reports/format";
import { publisherReport, type PublisherReport } from "@/lib/reports/publisher-report";
import type { ReportQuery } from "@/lib/reports/report-query";
import { reportRange, type Granularity } from "@/lib/reports/report-range";
import { advertiserTables, cellText, publisherTables, tableCsv, type ReportTable } from "@/lib/reports/report-tables";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { rawLocalDay, rawUtcHour, readRawEvents, sumBy, total, type RawEvent, type RawTotals } from "./raw-event-totals";
import {
  ADVERTISER_A,
  ADVERTISER_B,
  CAMPAIGN_NAMES,
  CAMPAIGNS,
  createReportFixtures,
  PLACEMENTS,
  PUBLISHER_P,
  PUBLISHER_Q,
  recordReportTraffic,
  SITES,
} from "./report-data-set";

const databases = BOTH_DATABASES;

const ZONES = ["UTC", "Europe/Berlin", "America/New_York"] as const;
/** Every event is long past: pacing sees whole ranges. */
const NOW = new Date("2026-12-01T00:00:00Z");
const WHOLE_SEASON = { from: "2026-03-01", to: "2026-11-30" };
/** Local dates around each traffic window, for hourly reports (≤ 31 days). */
const HOURLY_RANGES = [
  { from: "2026-03-06", to: "2026-03-10" },
  { from: "2026-03-27", to: "2026-03-31" },
  { from: "2026-10-23", to: "2026-10-27" },
  { from: "2026-10-30", to: "2026-11-03" },
];

function reportQuery(from: string, to: string, timeZone: string, granularity: Granularity, filters: Partial<Pick<ReportQuery, "campaignId" | "placementId">> = {}): ReportQuery {
  return { preset: "custom", range: reportRange(from, to, timeZone), granularity, campaignId: null, placementId: null, ...filters };
}

const totalsOf = ({ impressions, clicks, spendMicros }: RawTotals): RawTotals => ({ impressions, clicks, spendMicros });
const asObject = (sums: Map<string, RawTotals>) => Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)));
const nonEmpty = (rows: Array<RawTotals & { key: string }>) =>
  Object.fromEntries(rows.filter((row) => row.impressions > 0 || row.clicks > 0 || row.spendMicros > 0n).map((row) => [row.key, totalsOf(row)]));
const byId = (rows: Array<RawTotals & { id: string }>) => Object.fromEntries([...rows].sort((a, b) => a.id.localeCompare(b.id)).map((row) => [row.id, totalsOf(row)]));

const campaignsOf = (organizationId: string) => new Set(CAMPAIGNS.filter((campaign) => campaign.organizationId === organizationId).map((campaign) => campaign.id));
const placementsOf = (organizationId: string) => {
  const sites = new Set(SITES.filter((site) => site.organizationId === organizationId).map((site) => site.id));
  return new Set(PLACEMENTS.filter((placement) => sites.has(placement.siteId)).map((placement) => placement.id));
};
const withinDates = (event: RawEvent, timeZone: string, from: string, to: string) => {
  const day = rawLocalDay(event.at, timeZone);
  return day >= from && day <= to;
};

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += char;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe.each(databases)("reports on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  let raw: RawEvent[];
  let sent: { impressions: number; clicks: number };

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await createReportFixtures(prisma);
    sent = await recordReportTraffic(prisma);
    raw = await readRawEvents(prisma);
  }, 240_000);

  afterAll(async () => {
    await database?.close();
  });

  it("has a data set as tracking records it: every event in a rollup, clicks ≤ impressions in every row", async () => {
    expect(sent.impressions).toBeGreaterThan(300);
    expect(sent.clicks).toBeGreaterThan(80);
    const rows = await prisma.hourlyStat.findMany();
    const rollup = rows.reduce((sum, row) => ({ impressions: sum.impressions + row.impressions, clicks: sum.clicks + row.clicks, spendMicros: sum.spendMicros + row.spendMicros }), { impressions: 0, clicks: 0, spendMicros: 0n });
    expect(rollup).toEqual(total(raw));
    expect(rollup).toMatchObject({ impressions: sent.impressions, clicks: sent.clicks });
    expect(rows.filter((row) => row.clicks > row.impressions)).toEqual([]);
    // Some clicks came in a later hour than their impression, some on a later UTC day.
    const clicks = await prisma.click.findMany();
    const impressions = new Map((await prisma.impression.findMany()).map((impression) => [impression.offerId, impression.occurredAt]));
    expect(clicks.filter((click) => rawUtcHour(click.occurredAt) !== rawUtcHour(impressions.get(click.offerId)!)).length).toBeGreaterThan(10);
    // Non-billable impressions of the campaign that ran out of money.
    expect(await prisma.impression.count({ where: { campaignId: "rep-a-tight", billable: false } })).toBeGreaterThan(0);
  });

  describe.each(ZONES)("in %s", (timeZone) => {
    it("gives the advertiser's totals, days and breakdowns of the raw events", async () => {
      const { from, to } = WHOLE_SEASON;
      const report = await advertiserReport(prisma, ADVERTISER_A, reportQuery(from, to, timeZone, "day"), { now: NOW });
      const campaigns = campaignsOf(ADVERTISER_A);
      const events = raw.filter((event) => campaigns.has(event.campaignId));

      expect(report.totals).toEqual(total(events));
      expect(report.series).toHaveLength(275);
      expect(nonEmpty(report.series)).toEqual(asObject(sumBy(events, (event) => rawLocalDay(event.at, timeZone))));
      expect(byId(report.breakdowns.campaign)).toEqual(asObject(sumBy(events, (event) => event.campaignId)));
      expect(byId(report.breakdowns.creative)).toEqual(asObject(sumBy(events, (event) => event.creativeId)));
      expect(byId(report.breakdowns.placement)).toEqual(asObject(sumBy(events, (event) => event.placementId)));
      expect(byId(report.breakdowns.country)).toEqual(asObject(sumBy(events, (event) => event.country)));
      expect(byId(report.breakdowns.device)).toEqual(asObject(sumBy(events, (event) => event.device)));
    });

    it("gives the advertiser's hours of the raw events, 23 on spring-forward days and 25 on fall-back days", async () => {
      const campaigns = campaignsOf(ADVERTISER_A);
      for (const { from, to } of HOURLY_RANGES) {
        const report = await advertiserReport(prisma, ADVERTISER_A, reportQuery(from, to, timeZone, "hour"), { now: NOW });
        const events = raw.filter((event) => campaigns.has(event.campaignId) && withinDates(event, timeZone, from, to));
        expect(nonEmpty(report.series)).toEqual(asObject(sumBy(events, (event) => rawUtcHour(event.at))));
        expect(report.totals).toEqual(total(events));

        // Hours per local date, from the labels: 24, or 23/25 across a clock change of this zone.
        const hoursPerDay = new Map<string, number>();
        for (const bucket of report.series) hoursPerDay.set(bucket.label.slice(0, 10), (hoursPerDay.get(bucket.label.slice(0, 10)) ?? 0) + 1);
        const clockChanges: Record<string, Record<string, number>> = {
          "Europe/Berlin": { "2026-03-29": 23, "2026-10-25": 25 },
          "America/New_York": { "2026-03-08": 23, "2026-11-01": 25 },
          UTC: {},
        };
        const expected = (day: string) => clockChanges[timeZone]?.[day] ?? 24;
        for (const [day, hours] of hoursPerDay) expect([day, hours]).toEqual([day, expected(day)]);
        expect(new Set(report.series.map((bucket) => bucket.label)).size).toBe(report.series.length);
      }
    });

    it("gives the publisher's days per site and placement of the raw events, from every advertiser", async () => {
      const { from, to } = WHOLE_SEASON;
      const report = await publisherReport(prisma, PUBLISHER_P, reportQuery(from, to, timeZone, "day"));
      const placements = placementsOf(PUBLISHER_P);
      const events = raw.filter((event) => placements.has(event.placementId));
      expect(new Set(events.map((event) => campaignsOf(ADVERTISER_B).has(event.campaignId))).size).toBe(2);

      expect(report.totals).toEqual(total(events));
      expect(nonEmpty(report.series)).toEqual(asObject(sumBy(events, (event) => rawLocalDay(event.at, timeZone))));
      expect(Object.fromEntries(report.detail.map((row) => [`${row.bucket.key} ${row.placementId}`, totalsOf(row)]))).toEqual(
        asObject(sumBy(events, (event) => `${rawLocalDay(event.at, timeZone)} ${event.placementId}`)),
      );
      expect(Object.fromEntries(report.placements.map((row) => [row.placementId, totalsOf(row)]))).toEqual(asObject(sumBy(events, (event) => event.placementId)));
      const siteOf = new Map(PLACEMENTS.map((placement) => [placement.id, placement.siteId]));
      expect(Object.fromEntries(report.sites.map((row) => [row.siteId, totalsOf(row)]))).toEqual(asObject(sumBy(events, (event) => siteOf.get(event.placementId)!)));
      // Rows in order of time, then site and placement.
      const order = report.detail.map((row) => row.bucket.start.getTime());
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });
  });

  it("in a half-hour zone, counts every rollup hour on the local date on which it starts", async () => {
    const timeZone = "Asia/Kolkata";
    const report = await advertiserReport(prisma, ADVERTISER_A, reportQuery(WHOLE_SEASON.from, WHOLE_SEASON.to, timeZone, "day"), { now: NOW });
    const campaigns = campaignsOf(ADVERTISER_A);
    const events = raw.filter((event) => campaigns.has(event.campaignId));
    const hourStart = (event: RawEvent) => new Date(Math.floor(event.at.getTime() / 3_600_000) * 3_600_000);
    expect(nonEmpty(report.series)).toEqual(asObject(sumBy(events, (event) => rawLocalDay(hourStart(event), timeZone))));
  });

  it("does not depend on the database session's TimeZone", async () => {
    const query = reportQuery("2026-10-23", "2026-10-27", "America/New_York", "day");
    const rows = (timeZone: string) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE '${timeZone}'`);
        return tx.$queryRaw<Array<Record<string, unknown>>>(advertiserReportSql(ADVERTISER_A, query));
      });
    const inUtc = await rows("UTC");
    expect(inUtc.length).toBeGreaterThan(10);
    expect(await rows("Pacific/Auckland")).toEqual(inUtc);
    expect(await rows("America/Los_Angeles")).toEqual(inUtc);
  });

  it("narrows to one campaign with the campaign filter", async () => {
    const report = await advertiserReport(prisma, ADVERTISER_A, reportQuery(WHOLE_SEASON.from, WHOLE_SEASON.to, "Europe/Berlin", "day", { campaignId: "rep-a-cpc" }), { now: NOW });
    const events = raw.filter((event) => event.campaignId === "rep-a-cpc");
    expect(report.totals).toEqual(total(events));
    expect(report.breakdowns.campaign.map((row) => row.id)).toEqual(["rep-a-cpc"]);
    expect(report.pacing.map((row) => row.campaignId)).toEqual(["rep-a-cpc"]);
  });

  it("shows another organisation nothing of it, even given its ids", async () => {
    const query = reportQuery(WHOLE_SEASON.from, WHOLE_SEASON.to, "UTC", "day");
    const b = await advertiserReport(prisma, ADVERTISER_B, query, { now: NOW });
    expect(b.totals).toEqual(total(raw.filter((event) => event.campaignId === "rep-b-cpm")));
    expect(b.breakdowns.campaign.map((row) => row.id)).toEqual(["rep-b-cpm"]);
    expect(b.breakdowns.creative.map((row) => row.id)).toEqual(["rep-b-cpm-mpu"]);

    const stolen = await advertiserReport(prisma, ADVERTISER_B, { ...query, campaignId: "rep-a-cpm" }, { now: NOW });
    expect(stolen.totals).toEqual({ impressions: 0, clicks: 0, spendMicros: 0n });
    expect(stolen.series.every((row) => row.impressions === 0 && row.clicks === 0 && row.spendMicros === 0n)).toBe(true);
    expect(Object.values(stolen.breakdowns).flat()).toEqual([]);
    expect(stolen.pacing).toEqual([]);

    // A publisher is not an advertiser: its id owns no campaign.
    expect((await advertiserReport(prisma, PUBLISHER_P, query, { now: NOW })).totals.impressions).toBe(0);

    const q = await publisherReport(prisma, PUBLISHER_Q, query);
    expect(q.placements.map((row) => row.placementId)).toEqual(["rep-pl-q1-main"]);
    expect(q.totals).toEqual(total(raw.filter((event) => event.placementId === "rep-pl-q1-main")));
    const stolenPlacement = await publisherReport(prisma, PUBLISHER_Q, { ...query, placementId: "rep-pl-p1-top" });
    expect(stolenPlacement.totals.impressions).toBe(0);
    expect(stolenPlacement.detail).toEqual([]);
    expect((await publisherReport(prisma, ADVERTISER_A, query)).totals.impressions).toBe(0);
  });

  it("paces a daily budget per local day of the range: three Berlin days of 24, 23 and 24 hours across the spring-forward weekend", async () => {
    const report = await advertiserReport(prisma, ADVERTISER_A, reportQuery("2026-03-28", "2026-03-30", "Europe/Berlin", "day"), { now: NOW });
    const cpc = report.pacing.find((row) => row.campaignId === "rep-a-cpc")!;
    expect(cpc.basis).toBe("daily_budget");
    expect(cpc.elapsedMs).toBe(71 * 3_600_000);
    // One daily budget per local day, the 23-hour Sunday included: a day's budget does not
    // shrink with its hours (serving spends it over the day the clock shows).
    expect(cpc.plannedMicros).toBe(50_000_000n * 3n);
    expect(cpc.spentMicros).toBe(report.breakdowns.campaign.find((row) => row.id === "rep-a-cpc")!.spendMicros);
    // Total budget spread over a flight that ends; no basis for one that has neither.
    expect(report.pacing.find((row) => row.campaignId === "rep-a-tight")!.basis).toBe("total_budget");
    expect(report.pacing.find((row) => row.campaignId === "rep-a-cpm")!).toMatchObject({ basis: "none", state: "unplanned" });
  });

  it("writes CSV files with exactly the rows of the page's tables", async () => {
    const query = reportQuery("2026-10-23", "2026-10-27", "Europe/Berlin", "hour");
    const advertiser = advertiserTables(await advertiserReport(prisma, ADVERTISER_A, query, { now: NOW }));
    const publisher = publisherTables(await publisherReport(prisma, PUBLISHER_P, query));
    const tables: ReportTable[] = [...Object.values(advertiser), ...Object.values(publisher)];
    for (const table of tables) {
      const csv = parseCsv(tableCsv(table));
      expect(csv[0]).toEqual(table.columns.map((column) => column.label));
      // What the page shows, but for thousands separators in numbers, the apostrophe that
      // defuses a name starting like a formula, and amounts: exact in the file, to the cent on the page.
      const shown = table.rows.map((row) => row.map((cell) => (cell.kind === "text" ? cell.value.replace(/^=/, "'=") : cellText(cell, "display").replaceAll(",", ""))));
      const toCents = (text: string) => (text === "" ? "" : microsToDecimal(roundToCents(parseMicros(text)!)));
      const fileAsShown = csv.slice(1).map((row) => row.map((text, column) => (table.rows[0]?.[column]?.kind === "amount" ? toCents(text) : text)));
      expect(fileAsShown).toEqual(shown);
    }

    const series = advertiser.series;
    expect(series.rows).toHaveLength(5 * 24 + 1);
    const csv = parseCsv(tableCsv(series)).slice(1);
    const report = await advertiserReport(prisma, ADVERTISER_A, query, { now: NOW });
    expect(csv.map((row) => [row[0], Number(row[1]), Number(row[2]), row[4]])).toEqual(
      report.series.map((row) => [row.label, row.impressions, row.clicks, formatMicros(row.spendMicros, "csv")]),
    );
    const names = parseCsv(tableCsv(advertiser.campaign)).map((row) => row[0]);
    expect(names).toContain(CAMPAIGN_NAMES["rep-a-house"]);
    expect(names).toContain(`'${CAMPAIGN_NAMES["rep-a-tight"]}`);
  });

  it("prunes raw events in batches and leaves every report unchanged", async () => {
    const snapshot = async () => {
      const reports: Array<AdvertiserReport | PublisherReport> = [];
      for (const timeZone of ZONES) {
        for (const organizationId of [ADVERTISER_A, ADVERTISER_B]) {
          reports.push(await advertiserReport(prisma, organizationId, reportQuery(WHOLE_SEASON.from, WHOLE_SEASON.to, timeZone, "day"), { now: NOW }));
        }
        reports.push(await advertiserReport(prisma, ADVERTISER_A, reportQuery("2026-10-23", "2026-10-27", timeZone, "hour"), { now: NOW }));
        reports.push(await publisherReport(prisma, PUBLISHER_P, reportQuery(WHOLE_SEASON.from, WHOLE_SEASON.to, timeZone, "day")));
      }
      return reports;
    };
    const before = await snapshot();
    const rollupRows = await prisma.hourlyStat.count();

    // Cutoff 2026-10-21: the March windows go, the October/November ones stay.
    const cutoff = new Date("2026-10-21T00:00:00Z");
    const old = {
      impressions: await prisma.impression.count({ where: { occurredAt: { lt: cutoff } } }),
      clicks: await prisma.click.count({ where: { occurredAt: { lt: cutoff } } }),
    };
    const kept = await prisma.impression.count({ where: { occurredAt: { gte: cutoff } } });
    expect(old.impressions).toBeGreaterThan(100);
    const partial = await pruneEvents(prisma, { now: new Date("2026-11-20T00:00:00Z"), olderThanDays: 30, batchSize: 37 });
    expect(partial).toEqual({ cutoff, impressions: old.impressions, clicks: old.clicks, complete: true });
    expect(await prisma.impression.count()).toBe(kept);
    expect(await snapshot()).toEqual(before);

    const all = await pruneEvents(prisma, { now: new Date("2027-06-01T00:00:00Z") });
    expect(all.complete).toBe(true);
    expect(all.impressions).toBe(kept);
    expect(await prisma.impression.count()).toBe(0);
    expect(await prisma.click.count()).toBe(0);
    expect(await prisma.hourlyStat.count()).toBe(rollupRows);
    expect(await snapshot()).toEqual(before);
  });
});
