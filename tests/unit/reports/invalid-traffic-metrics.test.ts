// The arithmetic of invalid traffic beside the billed numbers: shares in integer hundredths
// of a percent, and counts by reason from per-validity sums.
import { describe, expect, it } from "vitest";
import { INVALID_REASONS, invalidTraffic } from "@/lib/reports/invalid-reasons";
import { invalidShares } from "@/lib/reports/metrics";

describe("invalidShares", () => {
  it("is the invalid share of all recorded impressions and of all recorded clicks", () => {
    expect(invalidShares({ impressions: 1_600, invalidImpressions: 1_409, clicks: 26, invalidClicks: 121 })).toEqual({ impressionsHundredths: 4683, clicksHundredths: 8231 });
    expect(invalidShares({ impressions: 10, invalidImpressions: 0, clicks: 0, invalidClicks: 0 })).toEqual({ impressionsHundredths: 0, clicksHundredths: null });
  });
});

describe("invalidTraffic", () => {
  it("adds the invalid rows by reason and in total, leaving VALID out, every reason present", () => {
    const traffic = invalidTraffic([
      { validity: "VALID", impressions: 1_000, clicks: 10 },
      { validity: "BOT", impressions: 300, clicks: 7 },
      { validity: "BOT", impressions: 5, clicks: 1 },
      { validity: "OFF_DOMAIN", impressions: 40, clicks: 0 },
    ]);
    expect(traffic).toEqual({
      invalidImpressions: 345,
      invalidClicks: 8,
      byReason: { BOT: { impressions: 305, clicks: 8 }, CLIENT_MISMATCH: { impressions: 0, clicks: 0 }, RATE_LIMIT: { impressions: 0, clicks: 0 }, OFF_DOMAIN: { impressions: 40, clicks: 0 } },
    });
    expect(Object.keys(traffic.byReason)).toEqual([...INVALID_REASONS]);
  });
});
