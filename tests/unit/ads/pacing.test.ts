import { describe, expect, it } from "vitest";
import { pacingFactor } from "@/lib/ads/pacing";
import { campaign, DAY, NOW } from "@/tests/support/active-set-fixtures";

// NOW is noon UTC: an even campaign should have spent half its daily budget (+ half an hour's slack).
const daily = 48_000_000;

describe("pacingFactor", () => {
  it("never throttles ASAP campaigns", () => {
    expect(pacingFactor(campaign("c", { pacing: "ASAP", dailyBudgetMicros: daily, daySpentMicros: daily }), NOW, DAY, DAY)).toBe(1);
  });

  it("does not throttle an even campaign on or behind plan", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 0 }), NOW, DAY, DAY)).toBe(1);
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 25_000_000 }), NOW, DAY, DAY)).toBe(1);
  });

  it("throttles more the further an even campaign runs ahead", () => {
    const planned = daily * (0.5 + 1 / 48); // 25,000,000
    const slightlyAhead = pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: planned * 1.1 }), NOW, DAY, DAY);
    const twiceAhead = pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: planned * 2 }), NOW, DAY, DAY);
    expect(slightlyAhead).toBeCloseTo(1 / 1.21, 5);
    expect(twiceAhead).toBeCloseTo(0.25, 5);
  });

  it("never throttles below 2 %", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: daily * 100 }), NOW, DAY, DAY)).toBe(0.02);
  });

  it("counts yesterday's day spend as nothing today", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: daily }), NOW, "2026-06-09", DAY)).toBe(1);
  });

  it("paces the total budget over the flight when there is no daily budget", () => {
    const flight = { startsAt: NOW - 5 * 86_400_000, endsAt: NOW + 5 * 86_400_000, totalBudgetMicros: 1_000_000_000 };
    expect(pacingFactor(campaign("c", { pacing: "EVEN", ...flight, spentMicros: 400_000_000 }), NOW, DAY, DAY)).toBe(1);
    expect(pacingFactor(campaign("c", { pacing: "EVEN", ...flight, spentMicros: 900_000_000 }), NOW, DAY, DAY)).toBeLessThan(0.5);
  });
});
