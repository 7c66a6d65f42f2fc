import { describe, expect, it } from "vitest";
import { buildAdIndex } from "@/lib/ads/ad-index";
import { isEligible, type RequestContext } from "@/lib/ads/eligibility";
import type { ActiveCampaign } from "@/lib/ads/active-set";
import { activeSet, campaign, DAY, NOW } from "@/tests/support/active-set-fixtures";

const context: RequestContext = { now: NOW, day: DAY, country: "DE", device: "MOBILE", keywords: ["hiking", "news"] };

function eligible(target: ActiveCampaign, overrides: Partial<RequestContext> = {}): boolean {
  const entry = buildAdIndex(activeSet([target])).placements.get("placement")!.tiers[0]!.entries[0]!;
  return isEligible(entry, { ...context, ...overrides });
}

describe("isEligible", () => {
  it("accepts an untargeted campaign in flight", () => {
    expect(eligible(campaign("c"))).toBe(true);
  });

  it("respects the flight: not before the start, not from the end on", () => {
    expect(eligible(campaign("c", { startsAt: NOW + 1 }))).toBe(false);
    expect(eligible(campaign("c", { endsAt: NOW }))).toBe(false);
    expect(eligible(campaign("c", { endsAt: NOW + 1 }))).toBe(true);
  });

  it("includes and excludes countries", () => {
    expect(eligible(campaign("c", { targeting: { countriesInclude: ["DE", "AT"] } }))).toBe(true);
    expect(eligible(campaign("c", { targeting: { countriesInclude: ["FR"] } }))).toBe(false);
    expect(eligible(campaign("c", { targeting: { countriesExclude: ["DE"] } }))).toBe(false);
    expect(eligible(campaign("c", { targeting: { countriesInclude: ["FR"] } }), { country: "ZZ" })).toBe(false);
  });

  it("targets device types", () => {
    expect(eligible(campaign("c", { targeting: { devices: ["MOBILE", "TABLET"] } }))).toBe(true);
    expect(eligible(campaign("c", { targeting: { devices: ["DESKTOP"] } }))).toBe(false);
  });

  it("needs one shared keyword when the campaign has keywords, case-insensitively", () => {
    expect(eligible(campaign("c", { targeting: { keywords: ["Hiking"] } }))).toBe(true);
    expect(eligible(campaign("c", { targeting: { keywords: ["golf"] } }))).toBe(false);
    expect(eligible(campaign("c", { targeting: { keywords: ["golf"] } }), { keywords: [] })).toBe(false);
  });

  it("targets UTC weekdays and hours", () => {
    // NOW is Wednesday (3), 12:00 UTC.
    expect(eligible(campaign("c", { targeting: { weekdays: [3], hours: [12] } }))).toBe(true);
    expect(eligible(campaign("c", { targeting: { weekdays: [0, 6] } }))).toBe(false);
    expect(eligible(campaign("c", { targeting: { hours: [13] } }))).toBe(false);
  });
});
