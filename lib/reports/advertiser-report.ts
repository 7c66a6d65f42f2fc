import { containsText } from "@/lib/db/contains-text";
import { timestampParameter } from "@/lib/db/timestamp-parameter";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { budgetPacing, type Pacing } from "./budget-pacing";
import type { FilterOptions } from "./filter-search";
import { formatCountry, formatDevice } from "./format";
import { invalidTraffic, type InvalidTraffic } from "./invalid-reasons";
import { billedTotals, ZERO_TOTALS, ZERO_TRAFFIC, type Totals, type TrafficTotals } from "./metrics";
import { REPORT_FILTER_OPTIONS, type ReportQuery } from "./report-query";
import { reportBuckets, type Granularity, type ReportBucket } from "./report-range";
import { rollupSumsSql, rollupTotals, type RollupSums } from "./rollup-totals";

// The advertiser report: one organisation's hourly rollups over a range of local dates, as
// a time series, totals, breakdowns and budget pacing. Scoped by joining the campaign and
// filtering on its organisation: another organisation's campaign id yields nothing.
// Impressions, clicks and spend are the billed (VALID) traffic; invalid traffic is counted
// beside them in every row, and by reason for the whole report.

export const BREAKDOWN_DIMENSIONS = ["campaign", "creative", "placement", "country", "device"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface SeriesRow extends ReportBucket, TrafficTotals {}

export interface BreakdownRow extends TrafficTotals {
  /** Campaign / creative / placement id, country code or device type. */
  id: string;
  label: string;
  /** What the row belongs to: a creative's campaign, a placement's site. */
  context: string | null;
}

export interface CampaignPacing extends Pacing {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  lifetimeSpentMicros: bigint;
  totalBudgetMicros: bigint;
  dailyBudgetMicros: bigint | null;
}

export interface AdvertiserReport {
  query: ReportQuery;
  /** Billed: VALID traffic only. */
  totals: Totals;
  /** Invalid traffic of the whole report, and by reason. */
  invalid: InvalidTraffic;
  series: SeriesRow[];
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
  pacing: CampaignPacing[];
}

export interface ReportCampaignOption {
  id: string;
  name: string;
}

/** By name; the chosen campaign is always among them. */
export type ReportCampaignOptions = FilterOptions<ReportCampaignOption>;

/**
 * The campaigns for the report's campaign filter. Up to `limit`, all of them. Past it (an
 * advertiser with thousands: the whole list was most of the page's HTML), the `limit` newest,
 * or the newest whose name contains `search`; plus the chosen campaign wherever it is.
 */
export async function advertiserCampaignOptions(
  prisma: PrismaClient,
  organizationId: string,
  options: { search?: string; chosenId?: string | null; limit?: number } = {},
): Promise<ReportCampaignOptions> {
  const limit = options.limit ?? REPORT_FILTER_OPTIONS;
  const select = { id: true, name: true } as const;
  const first = await prisma.campaign.findMany({ where: { organizationId }, select, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit + 1 });
  if (first.length <= limit) return { options: first, total: first.length, matching: null };

  const search = options.search?.trim() ?? "";
  const where = { organizationId, ...(search ? { name: containsText(search) } : {}) };
  const [total, matching, newest, chosen] = await Promise.all([
    prisma.campaign.count({ where: { organizationId } }),
    search ? prisma.campaign.count({ where }) : null,
    prisma.campaign.findMany({ where, select, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: limit }),
    options.chosenId ? prisma.campaign.findFirst({ where: { organizationId, id: options.chosenId }, select }) : null,
  ]);
  const shown = chosen && !newest.some((campaign) => campaign.id === chosen.id) ? [chosen, ...newest] : newest;
  return { options: shown.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)), total, matching };
}

/**
 * The SQL of the report: one pass over the rollups of the organisation's campaigns in the
 * range, grouped at once by bucket, by each breakdown dimension and in total (GROUPING SETS).
 * Day buckets are the local date of each rollup hour in the report's zone (`AT TIME ZONE`
 * with the IANA name: correct across clock changes); hour buckets are the rollup hours.
 * The grouping set of validity gives the invalid traffic by reason (its VALID row is unused).
 */
export function advertiserReportSql(organizationId: string, query: Pick<ReportQuery, "range" | "granularity" | "campaignId">): Prisma.Sql {
  const { range, granularity, campaignId } = query;
  return Prisma.sql`
    SELECT
      CASE
        WHEN GROUPING(s."bucket") = 0 THEN 'bucket'
        WHEN GROUPING(s."campaignId") = 0 THEN 'campaign'
        WHEN GROUPING(s."creativeId") = 0 THEN 'creative'
        WHEN GROUPING(s."placementId") = 0 THEN 'placement'
        WHEN GROUPING(s."country") = 0 THEN 'country'
        WHEN GROUPING(s."device") = 0 THEN 'device'
        WHEN GROUPING(s."validity") = 0 THEN 'reason'
        ELSE 'total'
      END AS "dimension",
      COALESCE(s."bucket", s."campaignId", s."creativeId", s."placementId", s."country", s."device"::text, s."validity"::text) AS "key",${rollupSumsSql("s")}
    FROM (
      SELECT ${bucketExpression(granularity, range.timeZone)} AS "bucket",
             hs."campaignId", hs."creativeId", hs."placementId", hs."country", hs."device", hs."validity",
             hs."impressions", hs."clicks", hs."spendMicros"
      FROM "hourly_stat" hs
      JOIN "campaign" c ON c."id" = hs."campaignId"
      WHERE c."organizationId" = ${organizationId}
        AND hs."hour" >= ${timestampParameter(range.startUtc)}::timestamp
        AND hs."hour" < ${timestampParameter(range.endUtc)}::timestamp
        ${campaignId ? Prisma.sql`AND hs."campaignId" = ${campaignId}` : Prisma.empty}
    ) s
    GROUP BY GROUPING SETS ((s."bucket"), (s."campaignId"), (s."creativeId"), (s."placementId"), (s."country"), (s."device"), (s."validity"), ())`;
}

/** The bucket of a rollup row (`hs`), as text: the local date, or the UTC hour. */
export function bucketExpression(granularity: Granularity, timeZone: string): Prisma.Sql {
  // "hour" is a timestamp without time zone holding UTC: AT TIME ZONE 'UTC' makes it an
  // instant, AT TIME ZONE <zone> its local wall-clock time.
  return granularity === "hour"
    ? Prisma.sql`to_char(hs."hour", 'YYYY-MM-DD"T"HH24":00:00Z"')`
    : Prisma.sql`to_char((hs."hour" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
}

interface ReportRow extends RollupSums {
  dimension: "bucket" | BreakdownDimension | "reason" | "total";
  key: string | null;
}

export async function advertiserReport(
  prisma: PrismaClient,
  organizationId: string,
  query: ReportQuery,
  options: { now?: Date } = {},
): Promise<AdvertiserReport> {
  const now = options.now ?? new Date();
  const [rows, campaigns] = await Promise.all([
    prisma.$queryRaw<ReportRow[]>(advertiserReportSql(organizationId, query)),
    prisma.campaign.findMany({
      where: { organizationId, ...(query.campaignId ? { id: query.campaignId } : {}) },
      select: {
        id: true,
        name: true,
        status: true,
        startsAt: true,
        endsAt: true,
        totalBudgetMicros: true,
        dailyBudgetMicros: true,
        spentMicros: true,
      },
    }),
  ]);

  let totals: Totals = ZERO_TOTALS;
  const byReason: Array<{ validity: string; impressions: number; clicks: number }> = [];
  const byBucket = new Map<string, TrafficTotals>();
  const byDimension: Record<BreakdownDimension, Map<string, TrafficTotals>> = {
    campaign: new Map(),
    creative: new Map(),
    placement: new Map(),
    country: new Map(),
    device: new Map(),
  };
  for (const row of rows) {
    const value = rollupTotals(row);
    if (row.dimension === "total") totals = billedTotals(value);
    else if (row.key === null) continue;
    else if (row.dimension === "reason") byReason.push({ validity: row.key, impressions: value.invalidImpressions, clicks: value.invalidClicks });
    else if (row.dimension === "bucket") byBucket.set(row.key, value);
    else byDimension[row.dimension].set(row.key, value);
  }

  const series = reportBuckets(query.range, query.granularity).map((bucket) => ({ ...bucket, ...(byBucket.get(bucket.key) ?? ZERO_TRAFFIC) }));

  const [creatives, placements] = await Promise.all([
    byDimension.creative.size === 0
      ? []
      : prisma.creative.findMany({
          where: { id: { in: [...byDimension.creative.keys()] }, campaign: { organizationId } },
          select: { id: true, name: true, campaignId: true },
        }),
    byDimension.placement.size === 0
      ? []
      : prisma.placement.findMany({
          where: { id: { in: [...byDimension.placement.keys()] } },
          select: { id: true, name: true, site: { select: { name: true, domain: true } } },
        }),
  ]);
  const campaignNames = new Map(campaigns.map((campaign) => [campaign.id, campaign.name]));
  const creativeInfo = new Map(creatives.map((creative) => [creative.id, creative]));
  const placementInfo = new Map(placements.map((placement) => [placement.id, placement]));

  const breakdowns: Record<BreakdownDimension, BreakdownRow[]> = {
    campaign: breakdown(byDimension.campaign, (id) => ({ label: campaignNames.get(id) ?? id, context: null })),
    creative: breakdown(byDimension.creative, (id) => {
      const creative = creativeInfo.get(id);
      return { label: creative?.name ?? id, context: creative ? (campaignNames.get(creative.campaignId) ?? null) : null };
    }),
    placement: breakdown(byDimension.placement, (id) => {
      const placement = placementInfo.get(id);
      return { label: placement?.name ?? id, context: placement ? placement.site.domain : null };
    }),
    country: breakdown(byDimension.country, (code) => ({ label: formatCountry(code), context: null })),
    device: breakdown(byDimension.device, (device) => ({ label: formatDevice(device), context: null })),
  };

  const window = { startUtc: query.range.startUtc, endUtc: query.range.endUtc };
  const pacing = campaigns
    .filter((campaign) => {
      const spent = byDimension.campaign.get(campaign.id)?.spendMicros ?? 0n;
      if (spent > 0n) return true;
      if (campaign.status === "DRAFT" || campaign.status === "ARCHIVED") return false;
      // The flight overlaps the range.
      return campaign.startsAt < window.endUtc && (campaign.endsAt === null || campaign.endsAt > window.startUtc);
    })
    .map((campaign) => ({
      campaignId: campaign.id,
      name: campaign.name,
      status: campaign.status,
      lifetimeSpentMicros: campaign.spentMicros,
      totalBudgetMicros: campaign.totalBudgetMicros,
      dailyBudgetMicros: campaign.dailyBudgetMicros,
      ...budgetPacing(campaign, byDimension.campaign.get(campaign.id)?.spendMicros ?? 0n, window, now, query.range.timeZone),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.campaignId.localeCompare(b.campaignId));

  return { query, totals, invalid: invalidTraffic(byReason), series, breakdowns, pacing };
}

/** Rows of one breakdown, most impressions first (then most clicks, then most invalid impressions, then by name). */
function breakdown(values: Map<string, TrafficTotals>, describe: (id: string) => { label: string; context: string | null }): BreakdownRow[] {
  return [...values]
    .map(([id, value]) => ({ id, ...describe(id), ...value }))
    .sort(
      (a, b) =>
        b.impressions - a.impressions || b.clicks - a.clicks || b.invalidImpressions - a.invalidImpressions || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
    );
}
