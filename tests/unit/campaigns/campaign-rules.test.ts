import { describe, expect, it } from "vitest";
import { campaignAttention } from "@/lib/campaigns/campaign-attention";
import { copyName } from "@/lib/campaigns/duplicate-campaign";
import { formFields } from "@/lib/forms/form-entries";
import { pacingStatus, spentTodayMicros, type PacingInput } from "@/lib/campaigns/pacing-status";
import { canChangeStatus, statusChoices } from "@/lib/campaigns/status-transitions";
import { parseDateTimeInput, toDateTimeInput } from "@/lib/format/date";

describe("status transitions", () => {
  it.each([
    ["DRAFT", "ACTIVE", true],
    ["ACTIVE", "PAUSED", true],
    ["PAUSED", "ACTIVE", true],
    ["DRAFT", "ARCHIVED", true],
    ["ACTIVE", "ARCHIVED", true],
    ["PAUSED", "ARCHIVED", true],
    ["COMPLETED", "ARCHIVED", true],
    ["ACTIVE", "ACTIVE", true],
    ["DRAFT", "PAUSED", false],
    ["ACTIVE", "DRAFT", false],
    ["PAUSED", "DRAFT", false],
    ["COMPLETED", "ACTIVE", false],
    ["COMPLETED", "PAUSED", false],
    ["ARCHIVED", "ACTIVE", false],
    ["ARCHIVED", "PAUSED", false],
    ["ARCHIVED", "DRAFT", false],
    ["ACTIVE", "COMPLETED", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed);
  });

  it("offers the form only reachable statuses, the current one first", () => {
    expect(statusChoices("DRAFT")).toEqual(["DRAFT", "ACTIVE"]);
    expect(statusChoices("ACTIVE")).toEqual(["ACTIVE", "PAUSED"]);
    expect(statusChoices("PAUSED")).toEqual(["PAUSED", "ACTIVE"]);
    expect(statusChoices("COMPLETED")).toEqual(["COMPLETED"]);
  });
});

describe("pacingStatus", () => {
  const noon = new Date("2026-05-10T12:00:00Z");
  const base: PacingInput = {
    status: "ACTIVE",
    pacing: "EVEN",
    startsAt: new Date("2026-05-01T00:00:00Z"),
    endsAt: null,
    totalBudgetMicros: 1_000_000_000n,
    dailyBudgetMicros: 100_000_000n,
    spentMicros: 0n,
    spentTodayMicros: 50_000_000n,
  };

  it("is on pace with half the daily budget spent at noon", () => {
    expect(pacingStatus(base, noon)).toEqual({ state: "on-pace", label: "On pace", detail: "Today $50.00 of $100.00" });
  });

  it("is ahead or behind beyond 15 % of the plan", () => {
    expect(pacingStatus({ ...base, spentTodayMicros: 80_000_000n }, noon).state).toBe("ahead");
    expect(pacingStatus({ ...base, spentTodayMicros: 10_000_000n }, noon).state).toBe("behind");
  });

  it("plans the total over the flight without a daily budget", () => {
    const flight = { ...base, dailyBudgetMicros: null, startsAt: new Date("2026-05-01T00:00:00Z"), endsAt: new Date("2026-05-11T00:00:00Z") };
    expect(pacingStatus({ ...flight, spentMicros: 950_000_000n }, noon)).toEqual({ state: "on-pace", label: "On pace", detail: "100 % of plan so far" });
  });

  it("says when a campaign does not deliver, spent its budget or runs as fast as possible", () => {
    expect(pacingStatus({ ...base, status: "PAUSED" }, noon).label).toBe("Not delivering");
    expect(pacingStatus({ ...base, startsAt: new Date("2026-06-01T00:00:00Z") }, noon).label).toBe("Not delivering");
    expect(pacingStatus({ ...base, spentMicros: 1_000_000_000n }, noon).label).toBe("Budget spent");
    expect(pacingStatus({ ...base, pacing: "ASAP" }, noon).label).toBe("As fast as possible");
    expect(pacingStatus({ ...base, dailyBudgetMicros: null }, noon).label).toBe("Even, no end date");
  });

  it("counts the day ledger only when it is today's", () => {
    expect(spentTodayMicros({ spendDay: new Date("2026-05-10T00:00:00Z"), daySpentMicros: 7n }, noon)).toBe(7n);
    expect(spentTodayMicros({ spendDay: new Date("2026-05-09T00:00:00Z"), daySpentMicros: 7n }, noon)).toBe(0n);
    expect(spentTodayMicros({ spendDay: null, daySpentMicros: 7n }, noon)).toBe(0n);
  });
});

describe("campaignAttention", () => {
  const now = new Date("2026-05-10T12:00:00Z");
  const healthy = { status: "ACTIVE", endsAt: null, totalBudgetMicros: 1_000n, spentMicros: 100n, creativeCounts: { approved: 1, pending: 0, rejected: 0 } };

  it("has nothing to say about a healthy campaign", () => {
    expect(campaignAttention(healthy, now)).toEqual([]);
  });

  it("flags 90 % of the budget spent, and all of it", () => {
    expect(campaignAttention({ ...healthy, spentMicros: 899n }, now)).toEqual([]);
    expect(campaignAttention({ ...healthy, spentMicros: 900n }, now)).toEqual([{ reason: "budget", message: "90 % or more of the budget is spent." }]);
    expect(campaignAttention({ ...healthy, spentMicros: 1_000n }, now)).toEqual([{ reason: "budget", message: "The whole budget is spent." }]);
  });

  it("flags a campaign that cannot serve until an owner confirms their e-mail address", () => {
    expect(campaignAttention({ ...healthy, servingStatus: { state: "unverified" } }, now)).toEqual([
      { reason: "unverified", message: "Nothing serves until an owner of the organisation confirms their e-mail address." },
    ]);
    expect(campaignAttention({ ...healthy, servingStatus: { state: "serving" } }, now)).toEqual([]);
  });

  it("flags no approved creative, an ended flight and rejections", () => {
    expect(campaignAttention({ ...healthy, endsAt: new Date("2026-05-01T00:00:00Z"), creativeCounts: { approved: 0, pending: 1, rejected: 2 } }, now)).toEqual([
      { reason: "no-approved-creative", message: "No approved creative yet (waiting for review)." },
      { reason: "ended", message: "The flight is over. Extend it or archive the campaign." },
      { reason: "rejected", message: "2 creatives were rejected." },
    ]);
  });

  it("leaves archived and completed campaigns alone", () => {
    expect(campaignAttention({ ...healthy, status: "ARCHIVED", creativeCounts: { approved: 0, pending: 0, rejected: 0 } }, now)).toEqual([]);
    expect(campaignAttention({ ...healthy, status: "COMPLETED", spentMicros: 1_000n }, now)).toEqual([]);
  });
});

describe("form helpers", () => {
  it("formFields reads checkbox groups as lists and the rest as values", () => {
    const form = new FormData();
    form.append("name", "A");
    form.append("hours", "1");
    form.append("hours", "2");
    form.append("$ACTION_ID_abc", "");
    expect(formFields(form, ["hours", "devices"])).toEqual({ name: "A", hours: ["1", "2"], devices: [] });
  });

  it("copyName marks copies and stays within 100 characters", () => {
    expect(copyName("Spring")).toBe("Spring (copy)");
    expect(copyName("x".repeat(100))).toHaveLength(100);
  });

  it("reads datetime-local values as UTC and writes them back", () => {
    expect(parseDateTimeInput("2026-05-01T09:30", "UTC")).toEqual(new Date("2026-05-01T09:30:00Z"));
    expect(parseDateTimeInput("2026-05-01", "UTC")).toEqual(new Date("2026-05-01T00:00:00Z"));
    expect(parseDateTimeInput("2026-02-29T00:00", "UTC")).toBeNull();
    expect(parseDateTimeInput("2026-05-01T24:00", "UTC")).toBeNull();
    expect(toDateTimeInput(new Date("2026-05-01T09:30:45Z"), "UTC")).toBe("2026-05-01T09:30");
  });
});
