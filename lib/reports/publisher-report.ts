import { containsText } from "@/lib/db/contains-text";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { timestampParameter } from "@/lib/db/timestamp-parameter";
import { bucketExpression, type SeriesRow } from "./advertiser-report";
import { invalidTraffic, type InvalidTraffic } from "./invalid-reasons";
import { addTraffic, billedTotals, ZERO_TOTALS, ZERO_TRAFFIC, type Totals, type TrafficTotals } from "./metrics";
import type { FilterOptions } from "./filter-search";
import { REPORT_FILTER_OPTIONS, type ReportQuery } from "./report-query";
import { reportBuckets, type ReportBucket } from "./report-range";
import { rollupSumsSql, rollupTotals, type RollupSums } from "./rollup-totals";

// The publisher report: impressions, clicks and earnings (what advertisers spent on the
// publisher's placements) per site and placement, by day or hour. Scoped through
// placement → site → organisation: another publisher's placement id yields nothing.
// Impressions, clicks and earnings are the billed (VALID) traffic; invalid traffic is
// counted beside them in every row, and by reason for the whole report.

export interface PublisherPlacementRow extends TrafficTotals {
  placementId: string;
  placementName: string;
  siteId: string;
  siteName: string;
  siteDomain: string;
}

export interface PublisherDetailRow extends PublisherPlacementRow {
  bucket: ReportBucket;
}

export interface PublisherSiteRow extends TrafficTotals {
  siteId: string;
  siteName: string;
  siteDomain: string;
}

export interface PublisherReport {
  query: ReportQuery;
  /** Billed: VALID traffic only. Earnings are `spendMicros`. */
  totals: Totals;
  /** Invalid traffic of the whole report, and by reason. */
  invalid: InvalidTraffic;
  series: SeriesRow[];
  /** One row per bucket and placement with traffic, by bucket, site and placement. */
  detail: PublisherDetailRow[];
  placements: PublisherPlacementRow[];
  sites: PublisherSiteRow[];
}

export interface ReportPlacementOption {
  id: string;
  name: string;
  siteName: string;
  siteDomain: string;
  siteId: string;
}

const PLACEMENT_OPTION = { id: true, name: true, site: { select: { id: true, name: true, domain: true } } } as const;

type PlacementOptionRow = { id: string; name: string; site: { id: string; name: string; domain: string } };

/** As the filter lists them (archived placements too: they have history), by site, then name. */
function placementOptions(placements: PlacementOptionRow[]): ReportPlacementOption[] {
  return placements
    .map((placement) => ({ id: placement.id, name: placement.name, siteId: placement.site.id, siteName: placement.site.name, siteDomain: placement.site.domain }))
    .sort((a, b) => a.siteName.localeCompare(b.siteName) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The placements for the report's placement filter, as the campaign filter does it
 * (advertiserCampaignOptions). Up to `limit`, all of them. Past it (a network of many sites),
 * the `limit` newest, or the newest whose name, site name or domain contains `search`; plus
 * the chosen placement wherever it is.
 */
export async function publisherPlacementFilterOptions(
  prisma: PrismaClient,
  organizationId: string,
  options: { search?: string; chosenId?: string | null; limit?: number } = {},
): Promise<FilterOptions<ReportPlacementOption>> {
  const limit = options.limit ?? REPORT_FILTER_OPTIONS;
  const owned = { site: { organizationId } };
  const first = await prisma.placement.findMany({ where: owned, select: PLACEMENT_OPTION, orderBy: { id: "asc" }, take: limit + 1 });
  if (first.length <= limit) return { options: placementOptions(first), total: first.length, matching: null };

  const search = options.search?.trim() ?? "";
  const text = search ? containsText(search) : null;
  const where = text ? { AND: [owned, { OR: [{ name: text }, { site: { name: text } }, { site: { domain: text } }] }] } : owned;
  const [total, matching, newest, chosen] = await Promise.all([
    prisma.placement.count({ where: owned }),
    text ? prisma.placement.count({ where }) : null,
    prisma.placement.findMany({ where, select: PLACEMENT_OPTION, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: limit }),
    options.chosenId ? prisma.placement.findFirst({ where: { ...owned, id: options.chosenId }, select: PLACEMENT_OPTION }) : null,
  ]);
  const shown = chosen && !newest.some((placement) => placement.id === chosen.id) ? [chosen, ...newest] : newest;
  return { options: placementOptions(shown), total, matching };
}

export function publisherReportSql(organizationId: string, query: Pick<ReportQuery, "range" | "granularity" | "placementId">): Prisma.Sql {
  const { range, granularity, placementId } = query;
  return Prisma.sql`
    SELECT
      GROUPING(s."bucket") = 0 AS "byBucket",
      GROUPING(s."placementId") = 0 AS "byPlacement",
      GROUPING(s."validity") = 0 AS "byReason",
      s."bucket", s."placementId", s."validity"::text AS "reason",${rollupSumsSql("s")}
    FROM (
      SELECT ${bucketExpression(granularity, range.timeZone)} AS "bucket",
             hs."placementId", hs."validity", hs."impressions", hs."clicks", hs."spendMicros"
      FROM "hourly_stat" hs
      JOIN "placement" p ON p."id" = hs."placementId"
      JOIN "site" st ON st."id" = p."siteId"
      WHERE st."organizationId" = ${organizationId}
        AND hs."hour" >= ${timestampParameter(range.startUtc)}::timestamp
        AND hs."hour" < ${timestampParameter(range.endUtc)}::timestamp
        ${placementId ? Prisma.sql`AND hs."placementId" = ${placementId}` : Prisma.empty}
    ) s
    GROUP BY GROUPING SETS ((s."bucket", s."placementId"), (s."bucket"), (s."placementId"), (s."validity"), ())`;
}

interface PublisherRow extends RollupSums {
  byBucket: boolean;
  byPlacement: boolean;
  byReason: boolean;
  bucket: string | null;
  placementId: string | null;
  reason: string | null;
}

export async function publisherReport(prisma: PrismaClient, organizationId: string, query: ReportQuery): Promise<PublisherReport> {
  const rows = await prisma.$queryRaw<PublisherRow[]>(publisherReportSql(organizationId, query));
  // Only the placements with traffic are named: a network of thousands has a few in a report.
  const ids = [...new Set(rows.flatMap((row) => (row.placementId ? [row.placementId] : [])))];
  const options = ids.length === 0 ? [] : await prisma.placement.findMany({ where: { id: { in: ids }, site: { organizationId } }, select: PLACEMENT_OPTION });
  const placementInfo = new Map(placementOptions(options).map((option) => [option.id, option]));
  const describe = (placementId: string) => {
    const placement = placementInfo.get(placementId);
    return {
      placementId,
      placementName: placement?.name ?? placementId,
      siteId: placement?.siteId ?? "",
      siteName: placement?.siteName ?? "",
      siteDomain: placement?.siteDomain ?? "",
    };
  };

  let totals: Totals = ZERO_TOTALS;
  const byReason: Array<{ validity: string; impressions: number; clicks: number }> = [];
  const byBucket = new Map<string, TrafficTotals>();
  const byBucketAndPlacement: Array<{ bucket: string; placementId: string; totals: TrafficTotals }> = [];
  const placements: PublisherPlacementRow[] = [];
  for (const row of rows) {
    const value = rollupTotals(row);
    if (row.byReason) byReason.push({ validity: row.reason ?? "", impressions: value.invalidImpressions, clicks: value.invalidClicks });
    else if (row.byBucket && row.byPlacement) byBucketAndPlacement.push({ bucket: row.bucket ?? "", placementId: row.placementId ?? "", totals: value });
    else if (row.byBucket) byBucket.set(row.bucket ?? "", value);
    else if (row.byPlacement) placements.push({ ...describe(row.placementId ?? ""), ...value });
    else totals = billedTotals(value);
  }

  const buckets = reportBuckets(query.range, query.granularity);
  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket.key, index]));
  const series = buckets.map((bucket) => ({ ...bucket, ...(byBucket.get(bucket.key) ?? ZERO_TRAFFIC) }));

  const bySiteAndName = (a: PublisherPlacementRow, b: PublisherPlacementRow) =>
    a.siteName.localeCompare(b.siteName) || a.placementName.localeCompare(b.placementName) || a.placementId.localeCompare(b.placementId);
  const detail = byBucketAndPlacement
    .flatMap(({ bucket, placementId, totals: value }) => {
      const index = bucketIndex.get(bucket);
      return index === undefined ? [] : [{ index, row: { bucket: buckets[index]!, ...describe(placementId), ...value } }];
    })
    .sort((a, b) => a.index - b.index || bySiteAndName(a.row, b.row))
    .map(({ row }) => row);
  placements.sort(bySiteAndName);

  const sites = new Map<string, PublisherSiteRow>();
  for (const placement of placements) {
    const site = sites.get(placement.siteId) ?? { siteId: placement.siteId, siteName: placement.siteName, siteDomain: placement.siteDomain, ...ZERO_TRAFFIC };
    sites.set(placement.siteId, { ...site, ...addTraffic(site, placement) });
  }

  return {
    query,
    totals,
    invalid: invalidTraffic(byReason),
    series,
    detail,
    placements,
    sites: [...sites.values()].sort((a, b) => a.siteName.localeCompare(b.siteName) || a.siteId.localeCompare(b.siteId)),
  };
}
