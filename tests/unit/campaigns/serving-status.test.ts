import { describe, expect, it } from "vitest";
import { campaignServingStatus, type ServingInput } from "@/lib/campaigns/serving-status";

const NOW = new Date("2026-11-25T12:00:00Z");
const ms = (iso: string) => new Date(iso);

/** A campaign that serves: active, in its flight, budget left today and overall, one approved creative. */
const serving: ServingInput = {
  status: "ACTIVE",
  startsAt: ms("2026-11-01T00:00:00Z"),
  endsAt: ms("2026-12-01T00:00:00Z"),
  totalBudgetMicros: 1_000_000_000n,
  dailyBudgetMicros: 100_000_000n,
  spentMicros: 500_000_000n,
  spentTodayMicros: 50_000_000n,
  approvedCreatives: 1,
  organizationVerified: true,
};

const at = (changes: Partial<ServingInput>, now = NOW) => campaignServingStatus({ ...serving, ...changes }, now);

describe("campaignServingStatus", () => {
  it("serves when nothing stops it", () => {
    expect(at({})).toEqual({ state: "serving", label: "Serving" });
  });

  it.each<[string, Partial<ServingInput>, string, string]>([
    ["archived", { status: "ARCHIVED" }, "archived", "Not serving: archived"],
    ["completed", { status: "COMPLETED" }, "ended", "Not serving: ended"],
    ["a draft", { status: "DRAFT" }, "draft", "Not serving: draft"],
    ["paused", { status: "PAUSED" }, "paused", "Not serving: paused"],
    ["past its flight", { endsAt: ms("2026-11-20T00:00:00Z") }, "ended", "Not serving: ended"],
    ["not started", { startsAt: ms("2026-11-26T00:00:00Z") }, "scheduled", "Scheduled"],
    ["out of budget", { spentMicros: 1_000_000_000n }, "budget-spent", "Not serving: budget spent"],
    ["out of today's budget", { spentTodayMicros: 100_000_000n }, "budget-spent", "Not serving: today's budget spent"],
    ["without an approved creative", { approvedCreatives: 0 }, "no-approved-creative", "Not serving: no approved creative"],
    ["of an organisation no owner confirmed", { organizationVerified: false }, "unverified", "Not serving: confirm your e-mail address"],
  ])("says why a campaign %s does not serve", (_, changes, state, label) => {
    expect(at(changes)).toEqual({ state, label });
  });

  it("names the first reason: the person's choice, then the calendar, then money, then creatives", () => {
    const everything: Partial<ServingInput> = { endsAt: ms("2026-11-20T00:00:00Z"), spentMicros: 1_000_000_000n, spentTodayMicros: 100_000_000n, approvedCreatives: 0 };
    expect(at({ ...everything, status: "ARCHIVED" }).state).toBe("archived");
    expect(at({ ...everything, status: "PAUSED" }).state).toBe("paused");
    expect(at(everything).state).toBe("ended");
    expect(at({ ...everything, endsAt: null }).label).toBe("Not serving: budget spent");
    expect(at({ ...everything, endsAt: null, spentMicros: 0n }).label).toBe("Not serving: today's budget spent");
    expect(at({ endsAt: null, approvedCreatives: 0, startsAt: ms("2026-12-24T00:00:00Z") }).state).toBe("scheduled");
  });

  it("puts the unconfirmed organisation after the person's choices and an ended flight, before everything else", () => {
    const unverified: Partial<ServingInput> = { organizationVerified: false, spentMicros: 1_000_000_000n, approvedCreatives: 0 };
    expect(at({ ...unverified, status: "PAUSED" }).state).toBe("paused");
    expect(at({ ...unverified, endsAt: ms("2026-11-20T00:00:00Z") }).state).toBe("ended");
    expect(at({ ...unverified, startsAt: ms("2026-12-24T00:00:00Z"), endsAt: null }).state).toBe("unverified");
    expect(at(unverified).state).toBe("unverified");
  });

  it("serves from the first instant of the flight up to, not including, its end", () => {
    expect(at({}, ms("2026-10-31T23:59:59.999Z")).state).toBe("scheduled");
    expect(at({}, ms("2026-11-01T00:00:00Z")).state).toBe("serving");
    expect(at({}, ms("2026-11-30T23:59:59.999Z")).state).toBe("serving");
    expect(at({}, ms("2026-12-01T00:00:00Z")).state).toBe("ended");
    expect(at({ endsAt: null }, ms("2036-01-01T00:00:00Z")).state).toBe("serving");
  });

  it("counts a budget as spent only when reached, and never a free house ad's", () => {
    expect(at({ spentMicros: 999_999_999n }).state).toBe("serving");
    expect(at({ spentTodayMicros: 99_999_999n }).state).toBe("serving");
    expect(at({ totalBudgetMicros: 0n, spentMicros: 0n, dailyBudgetMicros: null }).state).toBe("serving");
    expect(at({ dailyBudgetMicros: null, spentTodayMicros: 10_000_000_000n }).state).toBe("serving");
  });
});
