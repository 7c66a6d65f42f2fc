import { describe, expect, it } from "vitest";
import { chartSummary, niceAxisMax, type ChartSeries } from "@/components/reports/time-series-chart";

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
