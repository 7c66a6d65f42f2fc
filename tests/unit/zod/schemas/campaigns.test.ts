import { describe, expect, it } from "vitest";
import { campaignListUrl } from "@/lib/campaigns/campaign-list-url";
import { campaignListQuerySchema, campaignMessages, campaignSchema, campaignStatusChangeSchema, moneyMessages } from "@/lib/zod/schemas/campaigns";

// The campaign form as the browser submits it (checkbox groups as arrays, see formFields).
const valid = {
  name: "  Spring sale  ",
  status: "ACTIVE",
  startsAt: "2026-05-01T09:00",
  endsAt: "2026-06-01T00:00",
  pricingModel: "CPM",
  price: "2.50",
  totalBudget: "1000",
  dailyBudget: "50",
  pacing: "EVEN",
  tier: "STANDARD",
  weight: "10",
  frequencyCapCount: "3",
  frequencyCapPeriod: "day",
  targetPlacementIds: ["demo-placement-sidebar"],
  targetSizes: ["300x250", "728x90"],
  countriesInclude: "us, ca",
  countriesExclude: "",
  devices: ["DESKTOP", "TABLET"],
  keywords: "Hiking, trail running,, hiking",
  weekdays: ["5", "1"],
  hours: ["17", "9", "9"],
};

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = campaignSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("campaignSchema: a valid form", () => {
  it("becomes typed values: micro-units, UTC dates, clean lists, a cap in seconds", () => {
    expect(campaignSchema.parse(valid)).toEqual({
      name: "Spring sale",
      status: "ACTIVE",
      startsAt: new Date("2026-05-01T09:00:00Z"),
      endsAt: new Date("2026-06-01T00:00:00Z"),
      pricingModel: "CPM",
      priceMicros: 2_500_000n,
      totalBudgetMicros: 1_000_000_000n,
      dailyBudgetMicros: 50_000_000n,
      pacing: "EVEN",
      tier: "STANDARD",
      weight: 10,
      frequencyCap: { count: 3, periodSeconds: 86_400 },
      targetPlacementIds: ["demo-placement-sidebar"],
      targetSizes: ["300x250", "728x90"],
      countriesInclude: ["US", "CA"],
      countriesExclude: [],
      devices: ["DESKTOP", "TABLET"],
      keywords: ["hiking", "trail running"],
      weekdays: [1, 5],
      hours: [9, 17],
    });
  });

  it("leaves optional fields empty: no end, no daily budget, no cap, no targeting", () => {
    const minimal = { name: "House", status: "DRAFT", startsAt: "2026-05-01", pricingModel: "CPM", price: "0", totalBudget: "0", pacing: "ASAP", tier: "HOUSE", weight: "1" };
    expect(campaignSchema.parse(minimal)).toMatchObject({
      startsAt: new Date("2026-05-01T00:00:00Z"),
      endsAt: null,
      priceMicros: 0n,
      totalBudgetMicros: 0n,
      dailyBudgetMicros: null,
      frequencyCap: null,
      targetPlacementIds: [],
      targetSizes: [],
      countriesInclude: [],
      countriesExclude: [],
      devices: [],
      keywords: [],
      weekdays: [],
      hours: [],
    });
  });

  it("takes a single checkbox value as a list of one", () => {
    expect(campaignSchema.parse({ ...valid, targetSizes: "320x50", hours: "0" })).toMatchObject({ targetSizes: ["320x50"], hours: [0] });
  });

  it("allows a free house ad, and a paid one with a budget", () => {
    expect(errorsOf({ ...valid, tier: "HOUSE", price: "0", totalBudget: "0", dailyBudget: "" })).toEqual({});
    expect(errorsOf({ ...valid, tier: "HOUSE", price: "0.5", totalBudget: "10", dailyBudget: "" })).toEqual({});
  });
});

describe("campaignSchema: every kind of mistake is named next to its field", () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ["missing name", { name: "" }, "name", campaignMessages.name],
    ["blank name", { name: "   " }, "name", campaignMessages.name],
    ["long name", { name: "x".repeat(101) }, "name", "Keep the name under 100 characters."],
    ["unknown status", { status: "RUNNING" }, "status", "Choose a status."],
    ["archived via the form", { status: "ARCHIVED" }, "status", "Choose a status."],
    ["missing start", { startsAt: "" }, "startsAt", "Enter when the campaign starts."],
    ["unreadable start", { startsAt: "next monday" }, "startsAt", "Enter a date and time like 2026-05-01T09:00."],
    ["impossible date", { startsAt: "2026-02-30T10:00" }, "startsAt", "Enter a date and time like 2026-05-01T09:00."],
    ["unreadable end", { endsAt: "2026-13-01T00:00" }, "endsAt", "Enter a date and time like 2026-05-01T09:00."],
    ["end before start", { endsAt: "2026-04-30T00:00" }, "endsAt", "The end must be after the start."],
    ["end equal to start", { endsAt: "2026-05-01T09:00" }, "endsAt", "The end must be after the start."],
    ["unknown pricing", { pricingModel: "CPA" }, "pricingModel", "Choose CPM or CPC."],
    ["missing price", { price: "" }, "price", "Enter the price."],
    ["price with exponent", { price: "1e3" }, "price", moneyMessages.format],
    ["price in words", { price: "abc" }, "price", "Enter an amount like 2.50 (digits and a dot)."],
    ["negative price", { price: "-1" }, "price", "The amount cannot be negative."],
    ["price too precise", { price: "1.0000001" }, "price", "Use at most 6 decimal places."],
    ["price with decimal comma", { price: "2,50" }, "price", "Enter an amount like 2.50 (digits and a dot)."],
    ["free standard ad", { price: "0" }, "price", "The price must be more than 0 (only house ads may be free)."],
    ["free sponsorship", { tier: "SPONSORSHIP", price: "0.000000" }, "price", "The price must be more than 0 (only house ads may be free)."],
    ["missing total budget", { totalBudget: "" }, "totalBudget", "Enter the total budget."],
    ["huge total budget", { totalBudget: "1000000001" }, "totalBudget", "That amount is too large."],
    ["no budget for a paid ad", { totalBudget: "0", dailyBudget: "" }, "totalBudget", "The total budget must be more than 0 (only free house ads may have none)."],
    ["no budget for a priced house ad", { tier: "HOUSE", price: "1", totalBudget: "0", dailyBudget: "" }, "totalBudget", "The total budget must be more than 0 (only free house ads may have none)."],
    ["daily budget of 0", { dailyBudget: "0" }, "dailyBudget", "Leave the daily budget empty, or enter more than 0."],
    ["daily over total", { dailyBudget: "1000.01" }, "dailyBudget", "The daily budget cannot be more than the total budget."],
    ["daily budget in words", { dailyBudget: "fifty" }, "dailyBudget", "Enter an amount like 2.50 (digits and a dot)."],
    ["unknown pacing", { pacing: "FAST" }, "pacing", "Choose how to pace the budget."],
    ["unknown tier", { tier: "GOLD" }, "tier", "Choose a priority tier."],
    ["missing weight", { weight: "" }, "weight", "Use a whole number from 1 to 1000."],
    ["weight 0", { weight: "0" }, "weight", "Use a whole number from 1 to 1000."],
    ["weight 1001", { weight: "1001" }, "weight", "Use a whole number from 1 to 1000."],
    ["fractional weight", { weight: "2.5" }, "weight", "Use a whole number from 1 to 1000."],
    ["cap count without period", { frequencyCapPeriod: "" }, "frequencyCapPeriod", "Choose a period, or clear the count."],
    ["cap period without count", { frequencyCapCount: "" }, "frequencyCapCount", "Enter how many times, or clear the period."],
    ["cap count 0", { frequencyCapCount: "0" }, "frequencyCapCount", "Use a whole number from 1 to 1000."],
    ["cap count in words", { frequencyCapCount: "many" }, "frequencyCapCount", "Use a whole number from 1 to 1000."],
    ["unknown cap period", { frequencyCapPeriod: "month" }, "frequencyCapPeriod", "Choose hour, day or week."],
    ["empty placement id", { targetPlacementIds: [""] }, "targetPlacementIds", "Choose placements from the list."],
    ["overlong placement id", { targetPlacementIds: ["p".repeat(65)] }, "targetPlacementIds", "Choose placements from the list."],
    ["unknown size", { targetSizes: ["300x251"] }, "targetSizes", "Choose sizes from the list."],
    ["unknown country", { countriesInclude: "US, XX" }, "countriesInclude", "Not a country code: XX. Use two-letter ISO codes such as US, GB, DE."],
    ["country names", { countriesExclude: "France, DE, USA" }, "countriesExclude", "Not country codes: FRANCE, USA. Use two-letter ISO codes such as US, GB, DE."],
    ["country in and out", { countriesInclude: "US, DE", countriesExclude: "de" }, "countriesExclude", "A country cannot be both included and excluded: DE."],
    ["unknown device", { devices: ["FRIDGE"] }, "devices", "Choose devices from the list."],
    ["too many keywords", { keywords: Array.from({ length: 51 }, (_, i) => `k${i}`).join(",") }, "keywords", "Use at most 50 keywords."],
    ["long keyword", { keywords: `ok, ${"k".repeat(51)}` }, "keywords", "Keep each keyword under 50 characters."],
    ["weekday 7", { weekdays: ["7"] }, "weekdays", "Choose weekdays from the list."],
    ["weekday name", { weekdays: ["Monday"] }, "weekdays", "Choose weekdays from the list."],
    ["hour 24", { hours: ["24"] }, "hours", "Choose hours from 0 to 23."],
    ["negative hour", { hours: ["-1"] }, "hours", "Choose hours from 0 to 23."],
  ];

  it.each(cases)("%s", (_name, overrides, field, message) => {
    expect(errorsOf({ ...valid, ...overrides })).toEqual({ [field]: [message] });
  });

  it("reports every problem at once, cross-field rules included", () => {
    expect(errorsOf({ ...valid, name: "", price: "x", dailyBudget: "2000", endsAt: "2026-01-01T00:00" })).toEqual({
      name: ["Name the campaign."],
      price: ["Enter an amount like 2.50 (digits and a dot)."],
      dailyBudget: ["The daily budget cannot be more than the total budget."],
      endsAt: ["The end must be after the start."],
    });
  });

  it("treats an empty submission as a list of what is missing", () => {
    expect(errorsOf({})).toEqual({
      name: ["Name the campaign."],
      status: ["Choose a status."],
      startsAt: ["Enter when the campaign starts."],
      pricingModel: ["Choose CPM or CPC."],
      price: ["Enter the price."],
      totalBudget: ["Enter the total budget."],
      pacing: ["Choose how to pace the budget."],
      tier: ["Choose a priority tier."],
      weight: ["Use a whole number from 1 to 1000."],
    });
  });
});

const firstPage = { view: "current", status: undefined, search: "", page: 1 } as const;

describe("campaignStatusChangeSchema", () => {
  it("accepts pause, resume and archive, and sends unknown return places to the list", () => {
    expect(campaignStatusChangeSchema.parse({ campaignId: "c1", status: "PAUSED", from: "elsewhere" })).toEqual({ campaignId: "c1", status: "PAUSED", from: "list", list: firstPage });
  });

  it("reads the list's address it came from with the list's own schema: only that comes back", () => {
    const list = "view=archived&q=a%26b+c&page=3&status=PAUSED&next=https%3A%2F%2Fevil.example";
    const parsed = campaignStatusChangeSchema.parse({ campaignId: "c1", status: "PAUSED", from: "list", list });
    expect(parsed.list).toEqual({ view: "archived", status: "PAUSED", search: "a&b c", page: 3 });
    expect(campaignListUrl(parsed.list, "campaign-paused")).toBe("/advertiser/campaigns?notice=campaign-paused&view=archived&status=PAUSED&q=a%26b+c&page=3");
  });

  it.each([[undefined], [""], ["//evil.example/x"], ["https://evil.example/?page=2"], ["x".repeat(1_001)], [["page=2"]]])("an odd list address %j returns to the list's first page", (list) => {
    expect(campaignStatusChangeSchema.parse({ campaignId: "c1", status: "PAUSED", from: "list", list }).list).toEqual(firstPage);
  });

  it.each([["DRAFT"], ["COMPLETED"], [""]])("refuses status %j", (status) => {
    expect(campaignStatusChangeSchema.safeParse({ campaignId: "c1", status, from: "list" }).success).toBe(false);
  });
});

describe("campaignListQuerySchema", () => {
  it("reads the list's address", () => {
    expect(campaignListQuerySchema.parse({ view: "archived", status: "PAUSED", q: "  Spring ", page: "2", notice: "campaign-paused" })).toEqual({
      view: "archived",
      status: "PAUSED",
      search: "Spring",
      page: 2,
    });
  });

  it("takes the first of a repeated parameter", () => {
    expect(campaignListQuerySchema.parse({ view: ["archived", "current"], q: ["one", "two"], page: ["3", "4"] })).toMatchObject({ view: "archived", search: "one", page: 3 });
  });

  it.each([["-1"], ["0"], ["abc"], ["1.5"], [""], ["Infinity"], ["1e400"], ["99999999999999999999"], [["x"]]])("page %j reads as the first page, never an error", (page) => {
    expect(campaignListQuerySchema.parse({ page }).page).toBe(1);
  });

  it("an unknown view or status reads as the default", () => {
    expect(campaignListQuerySchema.parse({ view: "deleted", status: "GONE" })).toEqual(firstPage);
  });

  it("a huge search is cut to the box's length, NUL dropped", () => {
    expect(campaignListQuerySchema.parse({ q: `\u0000${"x".repeat(10_000)}` }).search).toBe("x".repeat(200));
  });
});
