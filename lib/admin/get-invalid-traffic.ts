import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { timestampParameter } from "@/lib/db/timestamp-parameter";
import { INVALID_REASONS, invalidTraffic, type InvalidByReason } from "@/lib/reports/invalid-reasons";
import type { TrafficTotals } from "@/lib/reports/metrics";
import { rollupSumsSql, rollupTotals, type RollupSums } from "@/lib/reports/rollup-totals";

// The operator's view of invalid traffic: over the last days, how much of each publisher's
// (and each site's) traffic was invalid, and which placements draw the most of it. Each is
// one query on the hourly rollups joined to placement → site → organisation.

export const INVALID_TRAFFIC_DAYS = 7;
export const TOP_PLACEMENTS = 10;

/** Valid (billed) and invalid traffic of a publisher organisation. */
export interface OrganizationTraffic extends TrafficTotals {
  organizationId: string;
  organizationName: string;
}

export interface SiteTraffic extends OrganizationTraffic {
  siteId: string;
  siteName: string;
  siteDomain: string;
}

export interface PlacementTraffic extends SiteTraffic {
  placementId: string;
  placementName: string;
  byReason: InvalidByReason;
}

export interface InvalidTrafficOverview {
  /** The first rollup hour counted (UTC); the window runs to now. */
  since: Date;
  organizations: OrganizationTraffic[];
  sites: SiteTraffic[];
  /** The TOP_PLACEMENTS placements with the most invalid impressions (then clicks); only those with any. */
  placements: PlacementTraffic[];
}

const HOUR = 3_600_000;

/** The start of the window: the hour that began INVALID_TRAFFIC_DAYS × 24 hours before the current one. */
export function invalidTrafficSince(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR) * HOUR - INVALID_TRAFFIC_DAYS * 24 * HOUR);
}

const ROLLUPS_OF_PUBLISHERS = Prisma.sql`
    FROM "hourly_stat" hs
    JOIN "placement" p ON p."id" = hs."placementId"
    JOIN "site" st ON st."id" = p."siteId"
    JOIN "organization" o ON o."id" = st."organizationId"`;

/** Most invalid impressions first, then most invalid clicks, then most traffic. */
const MOST_INVALID_FIRST = Prisma.sql`"invalidImpressions" DESC NULLS LAST, "invalidClicks" DESC NULLS LAST, "impressions" DESC NULLS LAST`;

export function organizationTrafficSql(since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT o."id" AS "organizationId", o."name" AS "organizationName",${rollupSumsSql("hs")}
    ${ROLLUPS_OF_PUBLISHERS}
    WHERE hs."hour" >= ${timestampParameter(since)}::timestamp
    GROUP BY o."id", o."name"
    ORDER BY ${MOST_INVALID_FIRST}, o."name", o."id"`;
}

export function siteTrafficSql(since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT st."id" AS "siteId", st."name" AS "siteName", st."domain" AS "siteDomain",
           o."id" AS "organizationId", o."name" AS "organizationName",${rollupSumsSql("hs")}
    ${ROLLUPS_OF_PUBLISHERS}
    WHERE hs."hour" >= ${timestampParameter(since)}::timestamp
    GROUP BY st."id", st."name", st."domain", o."id", o."name"
    ORDER BY ${MOST_INVALID_FIRST}, st."domain", st."id"`;
}

/** Per reason, "<REASON>:impressions" and "<REASON>:clicks" (aliases from the constant list of reasons). */
function reasonColumns(): Prisma.Sql {
  return Prisma.join(
    INVALID_REASONS.flatMap((reason) =>
      (["impressions", "clicks"] as const).map(
        (measure) => Prisma.sql`(SUM(hs.${Prisma.raw(`"${measure}"`)}) FILTER (WHERE hs."validity" = ${Prisma.raw(`'${reason}'`)}))::bigint AS ${Prisma.raw(`"${reason}:${measure}"`)}`,
      ),
    ),
    ",\n      ",
  );
}

export function topInvalidPlacementsSql(since: Date, limit: number = TOP_PLACEMENTS): Prisma.Sql {
  return Prisma.sql`
    SELECT p."id" AS "placementId", p."name" AS "placementName",
           st."id" AS "siteId", st."name" AS "siteName", st."domain" AS "siteDomain",
           o."id" AS "organizationId", o."name" AS "organizationName",${rollupSumsSql("hs")},
      ${reasonColumns()}
    ${ROLLUPS_OF_PUBLISHERS}
    WHERE hs."hour" >= ${timestampParameter(since)}::timestamp
    GROUP BY p."id", p."name", st."id", st."name", st."domain", o."id", o."name"
    HAVING SUM(hs."impressions" + hs."clicks") FILTER (WHERE hs."validity" <> 'VALID') > 0
    ORDER BY ${MOST_INVALID_FIRST}, p."name", p."id"
    LIMIT ${limit}`;
}

type Row<T> = RollupSums & T;
type Names = { organizationId: string; organizationName: string };
type SiteNames = Names & { siteId: string; siteName: string; siteDomain: string };
type PlacementNames = SiteNames & { placementId: string; placementName: string };

/** The operator's invalid-traffic tables, over the last INVALID_TRAFFIC_DAYS days. */
export async function getInvalidTraffic(deps: { prisma: PrismaClient }, now: Date = new Date()): Promise<InvalidTrafficOverview> {
  const since = invalidTrafficSince(now);
  const [organizations, sites, placements] = await Promise.all([
    deps.prisma.$queryRaw<Array<Row<Names>>>(organizationTrafficSql(since)),
    deps.prisma.$queryRaw<Array<Row<SiteNames>>>(siteTrafficSql(since)),
    deps.prisma.$queryRaw<Array<Row<PlacementNames> & Record<string, unknown>>>(topInvalidPlacementsSql(since)),
  ]);
  return {
    since,
    organizations: organizations.map((row) => ({ organizationId: row.organizationId, organizationName: row.organizationName, ...rollupTotals(row) })),
    sites: sites.map((row) => ({
      siteId: row.siteId,
      siteName: row.siteName,
      siteDomain: row.siteDomain,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      ...rollupTotals(row),
    })),
    placements: placements.map((row) => ({
      placementId: row.placementId,
      placementName: row.placementName,
      siteId: row.siteId,
      siteName: row.siteName,
      siteDomain: row.siteDomain,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      ...rollupTotals(row),
      byReason: invalidTraffic(
        INVALID_REASONS.map((reason) => ({
          validity: reason,
          impressions: Number(row[`${reason}:impressions`] ?? 0),
          clicks: Number(row[`${reason}:clicks`] ?? 0),
        })),
      ).byReason,
    })),
  };
}
