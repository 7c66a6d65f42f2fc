// The advertiser report's query stays on the indexes when the rollups grow: a year of
// hourly rows for 100 campaigns of 10 advertisers (876,000 rows) on PostgreSQL, analysed,
// then EXPLAIN of the report's own SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { advertiserReport, advertiserReportSql } from "@/lib/reports/advertiser-report";
import { publisherReportSql } from "@/lib/reports/publisher-report";
import { reportRange } from "@/lib/reports/report-range";
import { freshPostgres, withPostgresClient, type FreshPostgres } from "@/tests/support/databases";

const ORGANIZATIONS = 10;
const CAMPAIGNS_PER_ORGANIZATION = 10;
const YEAR = { from: "2025-01-01", to: "2025-12-31" };

let database: FreshPostgres;
let prisma: PrismaClient;

beforeAll(async () => {
  // The test's own queries read a year of rollups: a minute each at most, not the 15 s of a request.
  database = await freshPostgres({ timeoutMs: 60_000 });
  prisma = database.prisma;
  // The fixture load (876,000 rows and their indexes, then ANALYZE) takes 10 s on an idle CI
  // machine and minutes on a busy one: a client without a query deadline, bounded by this hook.
  await withPostgresClient(database.url, async (client) => {
    await client.query(`
      INSERT INTO "organization" ("id", "name", "kind", "updatedAt")
      SELECT 'plan-org-' || o, 'Advertiser ' || o, 'ADVERTISER', now() FROM generate_series(1, ${ORGANIZATIONS}) o`);
    await client.query(`
      INSERT INTO "organization" ("id", "name", "kind", "updatedAt") VALUES ('plan-publisher', 'Publisher', 'PUBLISHER', now())`);
    await client.query(`INSERT INTO "site" ("id", "organizationId", "name", "domain", "updatedAt") VALUES ('plan-site', 'plan-publisher', 'Site', 'plan.example', now())`);
    await client.query(`
      INSERT INTO "placement" ("id", "siteId", "name", "width", "height", "updatedAt")
      SELECT 'plan-placement-' || p, 'plan-site', 'Placement ' || p, 300, 250, now() FROM generate_series(1, 20) p`);
    await client.query(`
      INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "priceMicros", "totalBudgetMicros", "updatedAt")
      SELECT 'plan-campaign-' || c, 'plan-org-' || (1 + (c - 1) / ${CAMPAIGNS_PER_ORGANIZATION}), 'Campaign ' || c, 'ACTIVE', '2025-01-01', 1000000, 1000000000000, now()
      FROM generate_series(1, ${ORGANIZATIONS * CAMPAIGNS_PER_ORGANIZATION}) c`);
    // One rollup row per campaign and hour of 2025, spread over 20 placements, 4 countries, 4 devices.
    await client.query(`
      INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "impressions", "clicks", "spendMicros")
      SELECT h, 'plan-campaign-' || c, 'plan-creative-' || c, 'plan-placement-' || (1 + (c + extract(hour FROM h)::int) % 20),
             (ARRAY['DE','US','FR','ZZ'])[1 + (c % 4)], (ARRAY['DESKTOP','MOBILE','TABLET','OTHER'])[1 + (extract(hour FROM h)::int % 4)]::"DeviceType",
             10, 1, 10000
      FROM generate_series('2025-01-01 00:00'::timestamp, '2025-12-31 23:00'::timestamp, interval '1 hour') h,
           generate_series(1, ${ORGANIZATIONS * CAMPAIGNS_PER_ORGANIZATION}) c`);
    await client.query(`ANALYZE`);
  });
}, 600_000);

afterAll(async () => {
  await database?.close();
});

async function explain(sql: Prisma.Sql): Promise<string> {
  const rows = await prisma.$queryRaw<Array<{ "QUERY PLAN": string }>>(Prisma.sql`EXPLAIN ${sql}`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

function expectIndexedRollups(plan: string) {
  expect(plan).toMatch(/(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) "?hourly_stat/);
  expect(plan).not.toMatch(/Seq Scan on "?hourly_stat/);
}

describe("the report queries on a year of hourly rollups for 100 campaigns", () => {
  it("holds 876,000 rollup rows", async () => {
    expect(await prisma.hourlyStat.count()).toBe(365 * 24 * ORGANIZATIONS * CAMPAIGNS_PER_ORGANIZATION);
  });

  it("reads one advertiser's last 30 days through the (campaignId, hour) index", async () => {
    const plan = await explain(advertiserReportSql("plan-org-3", { range: reportRange("2025-12-02", "2025-12-31", "Europe/Berlin"), granularity: "day", campaignId: null }));
    console.log(`[plan] advertiser, 10 of 100 campaigns, 30 days, by day in Europe/Berlin:\n${plan}`);
    expectIndexedRollups(plan);
  });

  it("reads one campaign's year by hour through the index", async () => {
    const plan = await explain(advertiserReportSql("plan-org-3", { range: reportRange("2025-12-01", "2025-12-31", "UTC"), granularity: "hour", campaignId: "plan-campaign-25" }));
    expectIndexedRollups(plan);
    const year = await explain(advertiserReportSql("plan-org-3", { range: reportRange(YEAR.from, YEAR.to, "UTC"), granularity: "day", campaignId: "plan-campaign-25" }));
    console.log(`[plan] advertiser, one campaign, a year by day:\n${year}`);
    expectIndexedRollups(year);
  });

  it("answers one advertiser’s year by day with exact totals", async () => {
    const started = performance.now();
    const report = await advertiserReport(prisma, "plan-org-3", { preset: "custom", range: reportRange(YEAR.from, YEAR.to, "UTC"), granularity: "day", campaignId: null, placementId: null });
    const seconds = (performance.now() - started) / 1_000;
    console.log(`[plan] advertiser year report (87,600 rollup rows) in ${seconds.toFixed(2)} s`);
    expect(report.totals).toEqual({ impressions: 876_000, clicks: 87_600, spendMicros: 876_000_000n });
    expect(report.series).toHaveLength(365);
    expect(report.breakdowns.campaign).toHaveLength(10);
  });

  it("reads a publisher's placement through the (placementId, hour) index", async () => {
    const plan = await explain(publisherReportSql("plan-publisher", { range: reportRange("2025-12-25", "2025-12-31", "UTC"), granularity: "day", placementId: "plan-placement-7" }));
    console.log(`[plan] publisher, one placement, 7 days:\n${plan}`);
    expectIndexedRollups(plan);
  });
});
