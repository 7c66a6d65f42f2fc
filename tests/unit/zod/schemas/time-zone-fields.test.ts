import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/lib/zod/schemas/auth";
import { campaignFormSchema, campaignMessages, campaignSchema } from "@/lib/zod/schemas/campaigns";
import { organizationMessages, organizationTimeZoneSchema } from "@/lib/zod/schemas/organizations";

// The forms' fields that carry a time zone: the campaign form's flight (read in the
// organisation's zone), sign-up's zone from the browser, and the settings' zone.

const campaign = {
  name: "Spring sale",
  status: "DRAFT",
  startsAt: "2027-03-14T02:30",
  endsAt: "2027-03-15T00:00",
  pricingModel: "CPM",
  price: "2.50",
  totalBudget: "1000",
  pacing: "EVEN",
  tier: "STANDARD",
  weight: "1",
};

describe("campaignFormSchema(timeZone)", () => {
  it("reads the flight as the organisation's clocks read it: a skipped 02:30 in New York is 07:30Z", () => {
    expect(campaignFormSchema("America/New_York").parse(campaign)).toMatchObject({
      startsAt: new Date("2027-03-14T07:30:00Z"),
      endsAt: new Date("2027-03-15T04:00:00Z"),
    });
  });

  it("is the API's UTC schema for UTC", () => {
    expect(campaignSchema.parse(campaign)).toMatchObject({ startsAt: new Date("2027-03-14T02:30:00Z"), endsAt: new Date("2027-03-15T00:00:00Z") });
  });

  it("compares start and end as moments: an end before the start in the zone is refused", () => {
    const result = campaignFormSchema("Europe/Berlin").safeParse({ ...campaign, startsAt: "2027-10-31T02:30", endsAt: "2027-10-31T02:00" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["endsAt", campaignMessages.endBeforeStart]]);
  });

  it("refuses a date that is not a real one, in any zone", () => {
    const result = campaignFormSchema("Asia/Tokyo").safeParse({ ...campaign, startsAt: "2027-02-29T10:00" });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["startsAt", campaignMessages.dateFormat]]);
  });
});

describe("sign-up's time zone (a hidden field the browser fills)", () => {
  const account = { name: "Nora", email: "nora@example.test", password: "violet anchor prairie 47", organizationName: "Nora's", kind: "ADVERTISER" };

  it("keeps a zone the runtime knows", () => {
    expect(signUpSchema.parse({ ...account, timeZone: "America/New_York" }).timeZone).toBe("America/New_York");
  });

  it("is UTC, not an error, when unknown, empty, missing or not text", () => {
    for (const timeZone of ["Mars/Olympus_Mons", "", undefined, 5, "x".repeat(200)]) {
      expect(signUpSchema.parse({ ...account, timeZone }).timeZone).toBe("UTC");
    }
  });
});

describe("the settings' time zone", () => {
  it("accepts a zone the runtime knows, trimmed", () => {
    expect(organizationTimeZoneSchema.parse({ timeZone: " Europe/Berlin " })).toEqual({ timeZone: "Europe/Berlin" });
    expect(organizationTimeZoneSchema.parse({ timeZone: "UTC" })).toEqual({ timeZone: "UTC" });
  });

  it("refuses anything else with one message that says what to do", () => {
    for (const timeZone of ["Europe/Atlantis", "", "GMT+25", undefined, 7]) {
      const result = organizationTimeZoneSchema.safeParse({ timeZone });
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([organizationMessages.timeZone]);
    }
  });
});
