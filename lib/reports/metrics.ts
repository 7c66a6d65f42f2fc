// Derived metrics in integer arithmetic: money stays in micro-units, rounded half up to
// the micro; CTR in hundredths of a percent. Null where the denominator is zero.

export interface Totals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

export interface Metrics extends Totals {
  /** Clicks per 100 impressions, in hundredths: 345 = 3.45 %. */
  ctrHundredths: number | null;
  /** Spend per 1,000 impressions, micro-units. */
  ecpmMicros: bigint | null;
  /** Spend per click, micro-units. */
  ecpcMicros: bigint | null;
}

export const ZERO_TOTALS: Totals = Object.freeze({ impressions: 0, clicks: 0, spendMicros: 0n });

/** a / b rounded half up, for a ≥ 0 and b > 0. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export function deriveMetrics(totals: Totals): Metrics {
  const impressions = BigInt(totals.impressions);
  const clicks = BigInt(totals.clicks);
  return {
    ...totals,
    ctrHundredths: impressions > 0n ? Number(divideRounded(clicks * 10_000n, impressions)) : null,
    ecpmMicros: impressions > 0n ? divideRounded(totals.spendMicros * 1_000n, impressions) : null,
    ecpcMicros: clicks > 0n ? divideRounded(totals.spendMicros, clicks) : null,
  };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return { impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, spendMicros: a.spendMicros + b.spendMicros };
}
