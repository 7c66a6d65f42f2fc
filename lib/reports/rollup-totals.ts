import type { Totals } from "./metrics";

/** Sums of a rollup query, as the drivers return them (bigint, number or numeric text). */
export interface RollupSums {
  impressions: bigint | number | string | null;
  clicks: bigint | number | string | null;
  spendMicros: bigint | number | string | null;
}

export function rollupTotals(row: RollupSums): Totals {
  return {
    impressions: Number(row.impressions ?? 0),
    clicks: Number(row.clicks ?? 0),
    spendMicros: BigInt(row.spendMicros ?? 0),
  };
}
