import { describe, expect, it } from "vitest";
import { buildAdIndex } from "@/lib/ads/ad-index";
import { isEligible, type RequestContext } from "@/lib/ads/eligibility";
import type { ActiveCampaign } from "@/lib/ads/active-set";
import { activeSet, campaign, NOW } from "@/tests/support/active-set-fixtures";

const context: RequestContext = { now: NOW, country: "DE", device: "MOBILE", keywords: ["hiking", "news"] };

function eligible(target: ActiveCampaign, overrides: Partial<RequestContext> = {}): boolean {
  const entry = buildAdIndex(activeSet([target])).placements.get("placement")!.tiers[0]!.entry(0);
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

  describe("weekdays and hours on the organisation's clock", () => {
    const at = (iso: string) => ({ now: Date.parse(iso) });
    // Flights from 1970 on: these tests move the clock, not the flight.
    const hours = (timeZone: string, targetHours: number[]) => campaign("c", { timeZone, startsAt: 0, targeting: { hours: targetHours } });
    const nineToFive = Array.from({ length: 9 }, (_, index) => index + 9);

    it("serves 9–17 in New York from 14:00Z in January (09:00 EST), not at 13:00Z", () => {
      expect(eligible(hours("America/New_York", nineToFive), at("2026-01-14T14:00:00Z"))).toBe(true);
      expect(eligible(hours("America/New_York", nineToFive), at("2026-01-14T13:59:00Z"))).toBe(false);
      // In July (EDT, UTC−4) 09:00 is 13:00Z.
      expect(eligible(hours("America/New_York", nineToFive), at("2026-07-15T13:00:00Z"))).toBe(true);
      expect(eligible(hours("America/New_York", nineToFive), at("2026-07-15T22:00:00Z"))).toBe(false); // 18:00 EDT
    });

    it("reads the weekday there too: Wednesday 02:00Z is Tuesday evening in New York", () => {
      const tuesday = campaign("c", { timeZone: "America/New_York", startsAt: 0, targeting: { weekdays: [2] } });
      expect(eligible(tuesday, at("2026-06-10T02:00:00Z"))).toBe(true);
      expect(eligible(tuesday, at("2026-06-10T04:00:00Z"))).toBe(false);
    });

    it("skips the hour that does not exist when Berlin's clocks go forward (29 March 2026)", () => {
      for (const iso of ["2026-03-29T00:30:00Z", "2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"]) {
        expect(eligible(hours("Europe/Berlin", [2]), at(iso))).toBe(false);
      }
      expect(eligible(hours("Europe/Berlin", [1]), at("2026-03-29T00:59:00Z"))).toBe(true); // 01:59 CET
      expect(eligible(hours("Europe/Berlin", [3]), at("2026-03-29T01:00:00Z"))).toBe(true); // 03:00 CEST
    });

    it("serves the repeated hour twice when Berlin's clocks go back (25 October 2026)", () => {
      expect(eligible(hours("Europe/Berlin", [2]), at("2026-10-25T00:30:00Z"))).toBe(true); // 02:30 CEST
      expect(eligible(hours("Europe/Berlin", [2]), at("2026-10-25T01:30:00Z"))).toBe(true); // 02:30 CET
      expect(eligible(hours("Europe/Berlin", [2]), at("2026-10-25T02:00:00Z"))).toBe(false); // 03:00 CET
    });

    it("follows New York's changes (8 March and 1 November 2026)", () => {
      expect(eligible(hours("America/New_York", [2]), at("2026-03-08T07:00:00Z"))).toBe(false); // 03:00 EDT: 02:xx never happens
      expect(eligible(hours("America/New_York", [3]), at("2026-03-08T07:00:00Z"))).toBe(true);
      expect(eligible(hours("America/New_York", [1]), at("2026-11-01T05:30:00Z"))).toBe(true); // 01:30 EDT
      expect(eligible(hours("America/New_York", [1]), at("2026-11-01T06:30:00Z"))).toBe(true); // 01:30 EST
      expect(eligible(hours("America/New_York", [1]), at("2026-11-01T07:00:00Z"))).toBe(false); // 02:00 EST
    });

    it("turns the hour at half past in India (UTC+05:30)", () => {
      expect(eligible(hours("Asia/Kolkata", [9]), at("2026-06-10T03:29:00Z"))).toBe(false); // 08:59 IST
      expect(eligible(hours("Asia/Kolkata", [9]), at("2026-06-10T03:30:00Z"))).toBe(true); // 09:00 IST
    });

    it("keeps Lord Howe Island's half-hour change (5 April 2026: 02:00 +11 becomes 01:30 +10:30)", () => {
      expect(eligible(hours("Australia/Lord_Howe", [1]), at("2026-04-04T14:59:00Z"))).toBe(true); // 01:59 +11
      expect(eligible(hours("Australia/Lord_Howe", [1]), at("2026-04-04T15:00:00Z"))).toBe(true); // 01:30 +10:30
      expect(eligible(hours("Australia/Lord_Howe", [1]), at("2026-04-04T15:30:00Z"))).toBe(false); // 02:00 +10:30
    });

    it("reads an unknown zone as UTC rather than failing", () => {
      expect(eligible(hours("Mars/Olympus_Mons", [12]))).toBe(true);
    });
  });
});
