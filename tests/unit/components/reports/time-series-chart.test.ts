import { describe, expect, it } from "vitest";
import { chartSummary, labelTier, niceAxisMax, type ChartSeries } from "@/components/reports/time-series-chart";

describe("niceAxisMax", () => {
  it("rounds the largest value up to four round steps", () => {
    expect(niceAxisMax(0)).toBe(1);
    expect(niceAxisMax(7)).toBe(8);
    expect(niceAxisMax(13)).toBe(20);
    expect(niceAxisMax(1_234)).toBe(2_000);
    expect(niceAxisMax(0.016)).toBe(0.02);
  });

  it("steps counts by whole numbers", () => {
    expect(niceAxisMax(2, true)).toBe(4);
    expect(niceAxisMax(0, true)).toBe(4);
    expect(niceAxisMax(9, true)).toBe(20); // 2.5 is no whole step: 5
  });
});

describe("chartSummary", () => {
  const series = (name: string, values: number[]): ChartSeries => ({ name, kind: "bar", axis: "left", color: "#000", values, format: String });

  it("names each series' total and its peak", () => {
    expect(chartSummary(["2026-03-28", "2026-03-29", "2026-03-30"], [series("Impressions", [3, 9, 1]), series("Clicks", [0, 0, 0])])).toBe(
      "Impressions: 13 in total, most on 2026-03-29 (9). Clicks: none.",
    );
  });
});

describe("labelTier", () => {
  const shown = (count: number, tier: number) => Array.from({ length: count }, (_, index) => index).filter((index) => (labelTier(index, count) ?? Infinity) <= tier);

  it("labels at most 4, 6 and 10 buckets as the plot widens, each set inside the next", () => {
    expect(shown(30, 0)).toEqual([0, 12, 24]);
    expect(shown(30, 1)).toEqual([0, 6, 12, 18, 24]);
    expect(shown(30, 2)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
  });

  it("labels every bucket when they are few", () => {
    expect(shown(3, 0)).toEqual([0, 1, 2]);
    expect(labelTier(0, 1)).toBe(0);
  });
});
