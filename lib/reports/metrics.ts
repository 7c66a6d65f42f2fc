// Derived metrics in integer arithmetic: money stays in micro-units, rounded half up to
// the micro; CTR in hundredths of a percent. Null where the denominator is zero.
import { ctrHundredths, shareHundredths } from "@/lib/format/number";

/** Billed traffic: VALID events only. Spend (earnings) is only ever on these. */
export interface Totals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

/** Traffic recorded as invalid (any reason but VALID): shown beside the billed numbers, never in them. */
export interface InvalidCounts {
  invalidImpressions: number;
  invalidClicks: number;
}

/** A report row: billed totals and the invalid traffic beside them. */
export interface TrafficTotals extends Totals, InvalidCounts {}

export interface Metrics extends Totals {
  /** Clicks per 100 impressions, in hundredths: 345 = 3.45 %. */
  ctrHundredths: number | null;
  /** Spend per 1,000 impressions, micro-units. */
  ecpmMicros: bigint | null;
  /** Spend per click, micro-units. */
  ecpcMicros: bigint | null;
}

export const ZERO_TOTALS: Totals = Object.freeze({ impressions: 0, clicks: 0, spendMicros: 0n });
export const ZERO_INVALID: InvalidCounts = Object.freeze({ invalidImpressions: 0, invalidClicks: 0 });
export const ZERO_TRAFFIC: TrafficTotals = Object.freeze({ ...ZERO_TOTALS, ...ZERO_INVALID });

/** a / b rounded half up, for a ≥ 0 and b > 0. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export function deriveMetrics(totals: Totals): Metrics {
  const impressions = BigInt(totals.impressions);
  const clicks = BigInt(totals.clicks);
  return {
    ...totals,
    ctrHundredths: ctrHundredths(totals.clicks, totals.impressions),
    ecpmMicros: impressions > 0n ? divideRounded(totals.spendMicros * 1_000n, impressions) : null,
    ecpcMicros: clicks > 0n ? divideRounded(totals.spendMicros, clicks) : null,
  };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return { impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, spendMicros: a.spendMicros + b.spendMicros };
}

export function addTraffic(a: TrafficTotals, b: TrafficTotals): TrafficTotals {
  return { ...addTotals(a, b), invalidImpressions: a.invalidImpressions + b.invalidImpressions, invalidClicks: a.invalidClicks + b.invalidClicks };
}

/** The billed part of a row. */
export function billedTotals({ impressions, clicks, spendMicros }: Totals): Totals {
  return { impressions, clicks, spendMicros };
}

/** The invalid share of all recorded impressions and of all recorded clicks, in hundredths of a percent. */
export function invalidShares(traffic: Pick<TrafficTotals, "impressions" | "clicks" | "invalidImpressions" | "invalidClicks">): {
  impressionsHundredths: number | null;
  clicksHundredths: number | null;
} {
  return {
    impressionsHundredths: shareHundredths(traffic.invalidImpressions, traffic.impressions + traffic.invalidImpressions),
    clicksHundredths: shareHundredths(traffic.invalidClicks, traffic.clicks + traffic.invalidClicks),
  };
}
