import { describe, expect, it } from "vitest";
import { pacingFactor } from "@/lib/ads/pacing";
import { campaign, NOW } from "@/tests/support/active-set-fixtures";

// NOW is noon UTC: an even campaign should have spent half its daily budget (+ half an hour's slack).
const daily = 48_000_000;

describe("pacingFactor", () => {
  it("never throttles ASAP campaigns", () => {
    expect(pacingFactor(campaign("c", { pacing: "ASAP", dailyBudgetMicros: daily, daySpentMicros: daily }), NOW)).toBe(1);
  });

  it("does not throttle an even campaign on or behind plan", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 0 }), NOW)).toBe(1);
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 25_000_000 }), NOW)).toBe(1);
  });

  it("throttles more the further an even campaign runs ahead", () => {
    const planned = daily * (0.5 + 1 / 48); // 25,000,000
    const slightlyAhead = pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: planned * 1.1 }), NOW);
    const twiceAhead = pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: planned * 2 }), NOW);
    expect(slightlyAhead).toBeCloseTo(1 / 1.21, 5);
    expect(twiceAhead).toBeCloseTo(0.25, 5);
  });

  it("never throttles below 2 %", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: daily * 100 }), NOW)).toBe(0.02);
  });

  it("counts yesterday's day spend as nothing today", () => {
    expect(pacingFactor(campaign("c", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: daily, spendDay: "2026-06-09" }), NOW)).toBe(1);
  });

  it("paces the total budget over the flight when there is no daily budget", () => {
    const flight = { startsAt: NOW - 5 * 86_400_000, endsAt: NOW + 5 * 86_400_000, totalBudgetMicros: 1_000_000_000 };
    expect(pacingFactor(campaign("c", { pacing: "EVEN", ...flight, spentMicros: 400_000_000 }), NOW)).toBe(1);
    expect(pacingFactor(campaign("c", { pacing: "EVEN", ...flight, spentMicros: 900_000_000 }), NOW)).toBeLessThan(0.5);
  });

  describe("in the organisation's zone", () => {
    const even = { pacing: "EVEN" as const, dailyBudgetMicros: daily };

    it("plans from local midnight: 12:00Z is 08:00 in New York in June (EDT), a third of the day", () => {
      const planned = daily * (8 / 24 + 1 / 48); // 17,000,000
      const ny = { ...even, timeZone: "America/New_York", spendDay: "2026-06-10" };
      expect(pacingFactor(campaign("c", { ...ny, daySpentMicros: planned }), NOW)).toBe(1);
      expect(pacingFactor(campaign("c", { ...ny, daySpentMicros: planned * 2 }), NOW)).toBeCloseTo(0.25, 5);
    });

    it("counts the spend of the local day only: 02:00Z on June 11 is still June 10 in New York", () => {
      const at = Date.parse("2026-06-11T02:00:00Z");
      const spent = campaign("c", { ...even, timeZone: "America/New_York", spendDay: "2026-06-10", daySpentMicros: daily });
      // 22:00 EDT: 22 of 24 hours gone, so the whole budget is a little ahead of plan.
      expect(pacingFactor(spent, at)).toBeCloseTo((22 / 24 + 1 / 48) ** 2, 5);
      expect(pacingFactor(campaign("c", { ...even, timeZone: "UTC", spendDay: "2026-06-10", daySpentMicros: daily }), at)).toBe(1);
    });

    it("spreads the budget over 23 hours on the day clocks go forward (Berlin, 29 March 2026)", () => {
      // 12:00Z is 14:00 CEST; the local day began at 23:00Z the evening before: 13 of 23 hours gone.
      const at = Date.parse("2026-03-29T12:00:00Z");
      const planned = daily * (13 / 23 + 1 / 48);
      const berlin = { ...even, timeZone: "Europe/Berlin", spendDay: "2026-03-29" };
      expect(pacingFactor(campaign("c", { ...berlin, daySpentMicros: planned * 0.999 }), at)).toBe(1);
      expect(pacingFactor(campaign("c", { ...berlin, daySpentMicros: planned * 2 }), at)).toBeCloseTo(0.25, 5);
    });
  });
});
