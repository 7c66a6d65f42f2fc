import { describe, expect, it } from "vitest";
import { expiresAtOf } from "@/lib/api-keys/create-api-key";
import { apiKeyMessages } from "@/lib/zod/schemas/api-keys";

// An API key's expiry date is a day of the organisation's calendar: the key stops at that
// day's midnight in the organisation's zone.

const NOW = new Date("2027-03-01T12:00:00Z");

describe("expiresAtOf", () => {
  it("is the start of the chosen date in the organisation's zone", () => {
    expect(expiresAtOf({ kind: "date", date: "2027-03-15" }, NOW, "America/New_York")).toEqual(new Date("2027-03-15T04:00:00Z"));
    expect(expiresAtOf({ kind: "date", date: "2027-03-15" }, NOW, "Asia/Tokyo")).toEqual(new Date("2027-03-14T15:00:00Z"));
  });

  it("is the start of the date in UTC when no zone is given", () => {
    expect(expiresAtOf({ kind: "date", date: "2027-03-15" }, NOW)).toEqual(new Date("2027-03-15T00:00:00Z"));
  });

  it("counts days from now, and never is null, whatever the zone", () => {
    expect(expiresAtOf({ kind: "days", days: 30 }, NOW, "Europe/Berlin")).toEqual(new Date("2027-03-31T12:00:00Z"));
    expect(expiresAtOf({ kind: "never" }, NOW, "Europe/Berlin")).toBeNull();
  });

  it("names the zone when a date is not after today", () => {
    expect(apiKeyMessages.expiryDateInPast("Europe/Berlin")).toBe("The expiry date must be after today (Europe/Berlin).");
  });
});
