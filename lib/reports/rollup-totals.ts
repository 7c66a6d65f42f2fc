import { Prisma } from "@/lib/generated/prisma/client";
import type { TrafficTotals } from "./metrics";

/** A number of a rollup query, as the drivers return it (bigint, number or numeric text; null for a sum of nothing). */
type SqlNumber = bigint | number | string | null;

/**
 * Sums of a rollup query: the billed sums over VALID rows (`FILTER (WHERE "validity" = 'VALID')`)
 * and the invalid ones over every other row.
 */
export interface RollupSums {
  impressions: SqlNumber;
  clicks: SqlNumber;
  spendMicros: SqlNumber;
  invalidImpressions: SqlNumber;
  invalidClicks: SqlNumber;
}

/**
 * The select list of RollupSums over rollup rows of the table alias `rows` (a constant of the
 * caller's SQL, never input): one pass, billed and invalid sums side by side. The filters
 * are on the aggregates, not in WHERE, so the scan keeps the report's index conditions.
 */
export function rollupSumsSql(rows: "s" | "hs"): Prisma.Sql {
  const t = Prisma.raw(`${rows}.`);
  return Prisma.sql`
      (SUM(${t}"impressions") FILTER (WHERE ${t}"validity" = 'VALID'))::bigint AS "impressions",
      (SUM(${t}"clicks") FILTER (WHERE ${t}"validity" = 'VALID'))::bigint AS "clicks",
      (SUM(${t}"spendMicros") FILTER (WHERE ${t}"validity" = 'VALID'))::bigint AS "spendMicros",
      (SUM(${t}"impressions") FILTER (WHERE ${t}"validity" <> 'VALID'))::bigint AS "invalidImpressions",
      (SUM(${t}"clicks") FILTER (WHERE ${t}"validity" <> 'VALID'))::bigint AS "invalidClicks"`;
}

export function rollupTotals(row: RollupSums): TrafficTotals {
  return {
    impressions: Number(row.impressions ?? 0),
    clicks: Number(row.clicks ?? 0),
    spendMicros: BigInt(row.spendMicros ?? 0),
    invalidImpressions: Number(row.invalidImpressions ?? 0),
    invalidClicks: Number(row.invalidClicks ?? 0),
  };
}
