import { clickThroughRate } from "@/lib/placements/get-publisher-stats";

const integer = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return integer.format(value);
}

/** "1.25 %", or "—" without impressions. */
export function formatCtr(totals: { impressions: number; clicks: number }): string {
  const rate = clickThroughRate(totals);
  return rate === null ? "—" : `${(rate * 100).toFixed(2)} %`;
}

export function formatSize(width: number, height: number): string {
  return `${width} × ${height}`;
}
