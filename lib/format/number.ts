/**
 * How a number is written: "display" groups thousands (1,234.50); "csv" does not (1234.50), so
 * that spreadsheets read numbers as numbers. Everything else — decimals, percent, empty cells —
 * is identical.
 */
export type NumberStyle = "display" | "csv";

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** An integer count: "1,234" / "1234". */
export function formatCount(value: number | bigint, style: NumberStyle = "display"): string {
  const digits = BigInt(value).toString();
  return style === "display" ? (digits.startsWith("-") ? `-${group(digits.slice(1))}` : group(digits)) : digits;
}

/** "12.5 %" from a percentage (not a ratio); "—" when there is none. */
export function formatPercent(percent: number | null, fractionDigits = 1): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  return `${percent.toFixed(fractionDigits)} %`;
}

/** `part` as hundredths of a percent of `whole` (1234 = 12.34 %), rounded half up; null when `whole` is 0. */
export function shareHundredths(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  const denominator = BigInt(whole);
  return Number((BigInt(part) * 10_000n * 2n + denominator) / (denominator * 2n));
}

/**
 * The click-through rate, clicks per 100 impressions, in hundredths of a percent (345 =
 * 3.45 %): exact integers rounded half up, so that the dashboard, the reports and their CSV
 * files show the same rate for the same counts. Null without impressions.
 */
export function ctrHundredths(clicks: number, impressions: number): number | null {
  return shareHundredths(clicks, impressions);
}

/** A click-through rate on the dashboard: "1.25 %", or "—" without impressions. */
export function formatCtr(totals: { impressions: number; clicks: number }): string {
  const hundredths = ctrHundredths(totals.clicks, totals.impressions);
  return formatPercent(hundredths === null ? null : hundredths / 100, 2);
}

/**
 * A count with its noun in the right number, the count grouped: plural(1, "campaign") → "1
 * campaign", plural(1234, "click") → "1,234 clicks". The plural is the singular plus "s" unless
 * given ("1 reply", plural(2, "reply", "replies")). One helper, so no page says "1 campaigns".
 */
export function plural(count: number | bigint, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${BigInt(count) === 1n ? singular : pluralForm}`;
}
