const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "12,345" */
export function formatInteger(value: number | bigint): string {
  return integer.format(value);
}

/** "12.5 %" from a percentage (not a ratio); "—" when there is none. */
export function formatPercent(percent: number | null, fractionDigits = 1): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  return `${percent.toFixed(fractionDigits)} %`;
}

/** Click-through rate in percent, or null without impressions. */
export function clickThroughRate(clicks: number, impressions: number): number | null {
  return impressions > 0 ? (clicks / impressions) * 100 : null;
}
