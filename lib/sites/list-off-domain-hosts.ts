import type { ReadDeps } from "@/lib/db/deps";
import { Prisma } from "@/lib/generated/prisma/client";

// Where a publisher's ads were seen off their site's domains: the hosts of the pages (from
// off_domain_stat), so that a domain of their own can be added to the site, and a page that
// copies their snippet recognised. Scoped through placement → site → organisation.

export const OFF_DOMAIN_DAYS = 30;
export const OFF_DOMAIN_HOST_LIMIT = 50;

export interface OffDomainHost {
  /** The page's host; "" when the request named no page at all. */
  host: string;
  impressions: number;
  clicks: number;
}

/** One of the organisation's sites, or one of its placements. */
export type OffDomainScope = { siteId: string } | { placementId: string };

/** The first day counted (UTC): today and the OFF_DOMAIN_DAYS - 1 days before it. */
export function offDomainSince(now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (OFF_DOMAIN_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The hosts off the site's domains where the scope's placements were seen in the last
 * OFF_DOMAIN_DAYS days (UTC), most impressions first. Another organisation's site or
 * placement yields nothing.
 */
export async function listOffDomainHosts(organizationId: string, scope: OffDomainScope, deps: ReadDeps, now: Date = new Date()): Promise<OffDomainHost[]> {
  const rows = await deps.prisma.$queryRaw<Array<{ host: string; impressions: bigint | number; clicks: bigint | number }>>(Prisma.sql`
    SELECT ods."host", SUM(ods."impressions")::bigint AS "impressions", SUM(ods."clicks")::bigint AS "clicks"
    FROM "off_domain_stat" ods
    JOIN "placement" p ON p."id" = ods."placementId"
    JOIN "site" st ON st."id" = p."siteId"
    WHERE st."organizationId" = ${organizationId}
      AND ${"siteId" in scope ? Prisma.sql`p."siteId" = ${scope.siteId}` : Prisma.sql`ods."placementId" = ${scope.placementId}`}
      AND ods."day" >= ${offDomainSince(now)}::date
    GROUP BY ods."host"
    ORDER BY SUM(ods."impressions") DESC, SUM(ods."clicks") DESC, ods."host"
    LIMIT ${OFF_DOMAIN_HOST_LIMIT}`);
  return rows.map((row) => ({ host: row.host, impressions: Number(row.impressions), clicks: Number(row.clicks) }));
}
