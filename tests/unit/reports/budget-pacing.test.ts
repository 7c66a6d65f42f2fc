import { describe, expect, it } from "vitest";
import { budgetPacing } from "@/lib/reports/budget-pacing";

const USD = 1_000_000n;
const window = { startUtc: new Date("2026-03-01T00:00:00Z"), endUtc: new Date("2026-03-11T00:00:00Z") }; // 10 days
const now = new Date("2026-03-06T00:00:00Z"); // 5 days elapsed

describe("budgetPacing", () => {
  it("plans the daily budget per elapsed day of the range", () => {
    const pacing = budgetPacing({ startsAt: new Date("2026-01-01"), endsAt: null, totalBudgetMicros: 10_000n * USD, dailyBudgetMicros: 100n * USD }, 500n * USD, window, now);
    expect(pacing).toEqual({ basis: "daily_budget", spentMicros: 500n * USD, plannedMicros: 500n * USD, elapsedMs: 5 * 86_400_000, ratioHundredths: 10_000, state: "on_track" });
  });

  it("counts only the part of the range inside the flight", () => {
    const pacing = budgetPacing({ startsAt: new Date("2026-03-04T00:00:00Z"), endsAt: null, totalBudgetMicros: 10_000n * USD, dailyBudgetMicros: 100n * USD }, 100n * USD, window, now);
    expect(pacing.plannedMicros).toBe(200n * USD);
    expect(pacing.state).toBe("under");
    expect(pacing.ratioHundredths).toBe(5_000);
  });

  it("spreads the total budget over the flight when there is no daily budget", () => {
    // A 20-day flight with 2,000 USD: 100 USD a day; 5 days elapsed → 500 USD planned.
    const flight = { startsAt: new Date("2026-03-01T00:00:00Z"), endsAt: new Date("2026-03-21T00:00:00Z"), totalBudgetMicros: 2_000n * USD, dailyBudgetMicros: null };
    const pacing = budgetPacing(flight, 700n * USD, window, now);
    expect(pacing).toMatchObject({ basis: "total_budget", plannedMicros: 500n * USD, ratioHundredths: 14_000, state: "over" });
  });

  it("has no plan without a daily budget or a flight end", () => {
    const pacing = budgetPacing({ startsAt: new Date("2026-01-01"), endsAt: null, totalBudgetMicros: 2_000n * USD, dailyBudgetMicros: null }, 1n, window, now);
    expect(pacing).toMatchObject({ basis: "none", plannedMicros: null, ratioHundredths: null, state: "unplanned" });
  });

  it("has not started when nothing of the range has elapsed within the flight", () => {
    const future = { startUtc: new Date("2026-04-01T00:00:00Z"), endUtc: new Date("2026-04-08T00:00:00Z") };
    const pacing = budgetPacing({ startsAt: new Date("2026-01-01"), endsAt: null, totalBudgetMicros: 2_000n * USD, dailyBudgetMicros: 10n * USD }, 0n, future, now);
    expect(pacing).toMatchObject({ plannedMicros: 0n, elapsedMs: 0, state: "not_started" });
  });

  it("never plans more than the total budget", () => {
    const pacing = budgetPacing({ startsAt: new Date("2026-01-01"), endsAt: null, totalBudgetMicros: 50n * USD, dailyBudgetMicros: 100n * USD }, 50n * USD, window, now);
    expect(pacing.plannedMicros).toBe(50n * USD);
  });

  it("plans a whole daily budget for the 23-hour day clocks go forward, in the zone's days", () => {
    // 29 March 2026 in Berlin: 23:00Z on the 28th to 22:00Z on the 29th.
    const day = { startUtc: new Date("2026-03-28T23:00:00Z"), endUtc: new Date("2026-03-29T22:00:00Z") };
    const campaign = { startsAt: new Date("2026-01-01"), endsAt: null, totalBudgetMicros: 10_000n * USD, dailyBudgetMicros: 100n * USD };
    expect(budgetPacing(campaign, 100n * USD, day, new Date("2026-04-01T00:00:00Z"), "Europe/Berlin")).toMatchObject({ plannedMicros: 100n * USD, state: "on_track" });
    // Half of its 23 hours gone: half the budget planned.
    expect(budgetPacing(campaign, 0n, day, new Date("2026-03-29T10:30:00Z"), "Europe/Berlin").plannedMicros).toBe(50n * USD);
    // A 25-hour day (25 October): 12½ hours is half of it.
    const long = { startUtc: new Date("2026-10-24T22:00:00Z"), endUtc: new Date("2026-10-25T23:00:00Z") };
    expect(budgetPacing(campaign, 0n, long, new Date("2026-10-25T10:30:00Z"), "Europe/Berlin").plannedMicros).toBe(50n * USD);
  });
});
