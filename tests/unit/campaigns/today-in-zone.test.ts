import { describe, expect, it } from "vitest";
import { pacingStatus, spentTodayMicros, type PacingInput } from "@/lib/campaigns/pacing-status";
import { campaignServingStatus } from "@/lib/campaigns/serving-status";

// "Today" on the list, the detail page and the API is the organisation's day, as tracking
// keeps the ledger (spendDay is the local date of the last charge).

const ledger = (day: string, micros: bigint) => ({ spendDay: new Date(`${day}T00:00:00Z`), daySpentMicros: micros });

describe("spentTodayMicros in the organisation's zone", () => {
  it("counts the ledger while its local day lasts, past UTC's midnight", () => {
    // 02:00Z on 11 June is 22:00 on 10 June in New York (EDT).
    const at = new Date("2026-06-11T02:00:00Z");
    expect(spentTodayMicros(ledger("2026-06-10", 7n), at, "America/New_York")).toBe(7n);
    expect(spentTodayMicros(ledger("2026-06-10", 7n), at, "UTC")).toBe(0n);
    expect(spentTodayMicros(ledger("2026-06-10", 7n), new Date("2026-06-11T04:00:00Z"), "America/New_York")).toBe(0n);
  });

  it("works out each instant's own day: a page's many summaries at one instant, then the next request's, in one zone", () => {
    const before = new Date("2026-06-11T03:59:00Z"); // 23:59 on 10 June in New York
    const after = new Date("2026-06-11T04:01:00Z"); // 00:01 on 11 June
    for (let campaign = 0; campaign < 3; campaign++) expect(spentTodayMicros(ledger("2026-06-10", 7n), before, "America/New_York")).toBe(7n);
    expect(spentTodayMicros(ledger("2026-06-10", 7n), after, "America/New_York")).toBe(0n);
    expect(spentTodayMicros(ledger("2026-06-11", 7n), after, "America/New_York")).toBe(7n);
    expect(spentTodayMicros(ledger("2026-06-10", 7n), before, "America/New_York")).toBe(7n);
  });

  it("starts the next day early east of Greenwich: Kolkata at 18:30Z", () => {
    expect(spentTodayMicros(ledger("2026-06-11", 7n), new Date("2026-06-10T18:30:00Z"), "Asia/Kolkata")).toBe(7n);
    expect(spentTodayMicros(ledger("2026-06-10", 7n), new Date("2026-06-10T18:30:00Z"), "Asia/Kolkata")).toBe(0n);
  });

  it("lets the serving status say today's budget is spent only on that local day", () => {
    const campaign = {
      status: "ACTIVE" as const,
      startsAt: new Date("2026-01-01T00:00:00Z"),
      endsAt: null,
      totalBudgetMicros: 1_000_000_000n,
      dailyBudgetMicros: 10_000_000n,
      spentMicros: 10_000_000n,
      approvedCreatives: 1,
      organizationVerified: true,
    };
    const at = new Date("2026-06-11T02:00:00Z");
    const spent = ledger("2026-06-10", 10_000_000n);
    expect(campaignServingStatus({ ...campaign, spentTodayMicros: spentTodayMicros(spent, at, "America/New_York") }, at).state).toBe("budget-spent");
    expect(campaignServingStatus({ ...campaign, spentTodayMicros: spentTodayMicros(spent, at, "Europe/Berlin") }, at).state).toBe("serving");
  });
});

describe("pacingStatus over the organisation's day", () => {
  const even: PacingInput = {
    status: "ACTIVE",
    pacing: "EVEN",
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: null,
    totalBudgetMicros: 1_000_000_000n,
    dailyBudgetMicros: 24_000_000n,
    spentMicros: 0n,
    spentTodayMicros: 0n,
  };

  it("plans from local midnight: 12:00Z is 08:00 in New York, a third of the day", () => {
    const at = new Date("2026-06-10T12:00:00Z");
    expect(pacingStatus({ ...even, spentTodayMicros: 8_000_000n }, at, "America/New_York").state).toBe("on-pace");
    // The same spend is behind plan on UTC's clock (half the day gone).
    expect(pacingStatus({ ...even, spentTodayMicros: 8_000_000n }, at, "UTC").state).toBe("behind");
  });

  it("plans from the day of each instant asked about, one after another in one zone", () => {
    // 08:00 in New York: a third of the day gone, 8 of 24 is on pace; at noon half of it is, and 8 is behind.
    expect(pacingStatus({ ...even, spentTodayMicros: 8_000_000n }, new Date("2026-06-10T12:00:00Z"), "America/New_York").state).toBe("on-pace");
    expect(pacingStatus({ ...even, spentTodayMicros: 8_000_000n }, new Date("2026-06-10T16:00:00Z"), "America/New_York").state).toBe("behind");
    expect(pacingStatus({ ...even, spentTodayMicros: 8_000_000n }, new Date("2026-06-10T12:00:00Z"), "America/New_York").state).toBe("on-pace");
  });

  it("plans over 25 hours on the day clocks go back (Berlin, 25 October 2026)", () => {
    // 12:00Z is 13:00 CET; the day began at 22:00Z on the 24th: 14 of 25 hours gone.
    const at = new Date("2026-10-25T12:00:00Z");
    const planned = (24_000_000 * 14) / 25;
    expect(pacingStatus({ ...even, spentTodayMicros: BigInt(Math.round(planned)) }, at, "Europe/Berlin").state).toBe("on-pace");
    expect(pacingStatus({ ...even, spentTodayMicros: BigInt(Math.round(planned * 1.2)) }, at, "Europe/Berlin").state).toBe("ahead");
  });
});
