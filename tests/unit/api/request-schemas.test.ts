// JSON request bodies → the domain's input, through the dashboard forms' own schemas: the
// API accepts what the forms accept, with their messages, under the same field names.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { campaignFromWriteFields, campaignResource, createCampaignBodySchema, updateCampaignBodySchema } from "@/lib/api/v1/schemas/campaigns";
import { createCreativeBodySchema } from "@/lib/api/v1/schemas/creatives";
import { createPlacementBodySchema } from "@/lib/api/v1/schemas/placements";
import { createSiteBodySchema } from "@/lib/api/v1/schemas/sites";
import type { Campaign } from "@/lib/generated/prisma/client";
import { campaignJson } from "@/lib/model/campaign";
import { campaignMessages, moneyMessages } from "@/lib/zod/schemas/campaigns";
import { creativeMessages } from "@/lib/zod/schemas/creatives";

const minimalCampaign = { name: "Autumn jackets", startsAt: "2026-05-01T09:00:00+02:00", pricingModel: "CPM", price: "3.50", totalBudget: "500" };

function issues(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error("expected the body to be refused");
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("POST /api/v1/campaigns body", () => {
  it("needs five fields and gives the rest the form's defaults", () => {
    expect(createCampaignBodySchema.parse(minimalCampaign)).toEqual({
      name: "Autumn jackets",
      status: "DRAFT",
      startsAt: new Date("2026-05-01T07:00:00Z"),
      endsAt: null,
      pricingModel: "CPM",
      priceMicros: 3_500_000n,
      totalBudgetMicros: 500_000_000n,
      dailyBudgetMicros: null,
      pacing: "EVEN",
      tier: "STANDARD",
      weight: 1,
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

  it("reads money exactly as the form does: decimal strings to micro-units", () => {
    const input = createCampaignBodySchema.parse({ ...minimalCampaign, price: "0.000001", totalBudget: "1000000.25", dailyBudget: "0.29" });
    expect([input.priceMicros, input.totalBudgetMicros, input.dailyBudgetMicros]).toEqual([1n, 1_000_000_250_000n, 290_000n]);
  });

  it("refuses money sent as a JSON number (no floats), naming the field", () => {
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, price: 3.5 })).toEqual([{ path: "price", message: 'Send the amount as a decimal string, e.g. "12.50".' }]);
  });

  it("reports the form's rules with the form's messages under the same field names", () => {
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, price: "1.1234567", dailyBudget: "600", countriesInclude: ["us", "XX"], weight: 0 })).toEqual([
      { path: "price", message: moneyMessages.precision },
      { path: "weight", message: campaignMessages.weight },
      { path: "countriesInclude", message: campaignMessages.unknownCountries(["XX"]) },
      { path: "dailyBudget", message: campaignMessages.dailyOverTotal },
    ]);
  });

  it("normalises lists as the form does: country codes upper-cased, keywords lower-cased, duplicates dropped", () => {
    const input = createCampaignBodySchema.parse({ ...minimalCampaign, countriesInclude: ["us", "CA", "us"], keywords: ["Hiking", "hiking", "Trail running"], weekdays: [5, 1, 5], hours: [23, 0] });
    expect(input).toMatchObject({ countriesInclude: ["US", "CA"], keywords: ["hiking", "trail running"], weekdays: [1, 5], hours: [0, 23] });
  });

  it("refuses a keyword with a comma (the form would split it)", () => {
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, keywords: ["a,b"] })).toEqual([{ path: "keywords.0", message: "Send each keyword as its own string, without commas." }]);
  });

  it("refuses dates without an offset, and unknown fields", () => {
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, startsAt: "2026-05-01T09:00" })[0]?.path).toBe("startsAt");
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, budget: "5" })).toEqual([{ path: "", message: 'Unrecognized key: "budget"' }]);
  });

  it("reads a frequency cap as count and named period", () => {
    expect(createCampaignBodySchema.parse({ ...minimalCampaign, frequencyCapCount: 3, frequencyCapPeriod: "day" }).frequencyCap).toEqual({ count: 3, periodSeconds: 86_400 });
    expect(issues(createCampaignBodySchema, { ...minimalCampaign, frequencyCapCount: 3 })).toEqual([{ path: "frequencyCapPeriod", message: campaignMessages.frequencyCapPeriodMissing }]);
  });
});

describe("a campaign's JSON and PATCH", () => {
  const stored = {
    id: "c1",
    organizationId: "o1",
    name: "Spring",
    status: "ACTIVE",
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: null,
    pricingModel: "CPC",
    priceMicros: 600_000n,
    totalBudgetMicros: 2_000_000_000n,
    dailyBudgetMicros: 100_000_000n,
    pacing: "EVEN",
    tier: "STANDARD",
    weight: 1,
    frequencyCapCount: 2,
    frequencyCapPeriodSeconds: 3_600,
    targetPlacementIds: [],
    targetSizes: ["300x250"],
    countriesInclude: ["US"],
    countriesExclude: [],
    devices: ["MOBILE"],
    keywords: ["tents"],
    weekdays: [],
    hours: [],
    spentMicros: 12_340_000n,
    daySpentMicros: 1_000_000n,
    spendDay: new Date("2026-03-02T00:00:00Z"),
    budgetSpentMailedAt: null,
    flightEndedMailedAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-02T00:00:00Z"),
  } satisfies Campaign;

  it("answers money as decimal strings and dates in UTC ISO 8601", () => {
    expect(campaignResource(stored, { state: "serving", label: "Serving" }, new Date("2026-03-02T12:00:00Z"))).toMatchObject({
      id: "c1",
      price: "0.60",
      totalBudget: "2000.00",
      dailyBudget: "100.00",
      spent: "12.34",
      spentToday: "1.00",
      startsAt: "2026-01-01T00:00:00.000Z",
      frequencyCapCount: 2,
      frequencyCapPeriod: "hour",
      servingStatus: { state: "serving", label: "Serving" },
    });
  });

  it("reads its own JSON back unchanged: a PATCH of one field changes only that field", () => {
    const patch = updateCampaignBodySchema.parse({ name: "Spring (renamed)" });
    const input = campaignFromWriteFields.parse({ ...campaignJson(stored), status: "ACTIVE", ...patch });
    expect(input).toMatchObject({
      name: "Spring (renamed)",
      startsAt: stored.startsAt,
      priceMicros: stored.priceMicros,
      dailyBudgetMicros: stored.dailyBudgetMicros,
      frequencyCap: { count: 2, periodSeconds: 3_600 },
      targetSizes: ["300x250"],
      countriesInclude: ["US"],
      devices: ["MOBILE"],
      keywords: ["tents"],
    });
  });

  it("type-checks a PATCH body without requiring any field", () => {
    expect(updateCampaignBodySchema.parse({})).toEqual({});
    expect(issues(updateCampaignBodySchema, { weight: "5" })[0]?.path).toBe("weight");
  });
});

describe("creative, site and placement bodies", () => {
  it("takes a text creative with null for the other kinds' fields", () => {
    const input = createCreativeBodySchema.parse({ name: "Tents", kind: "TEXT", size: "300x250", headline: "Sleep out", imageUrl: null, landingUrl: "https://northwind.example/tents" });
    expect(input).toMatchObject({ kind: "TEXT", width: 300, height: 250, headline: "Sleep out", body: null, imageUrl: null, landingUrl: "https://northwind.example/tents" });
  });

  it("refuses a javascript: landing URL with the form's message", () => {
    expect(issues(createCreativeBodySchema, { name: "X", kind: "TEXT", size: "300x250", headline: "Hi", landingUrl: "javascript:alert(1)" })).toEqual([
      { path: "landingUrl", message: creativeMessages.landingUrlScheme },
    ]);
  });

  it("refuses a landing URL with user info with the form's message", () => {
    expect(issues(createCreativeBodySchema, { name: "X", kind: "TEXT", size: "300x250", headline: "Hi", landingUrl: "https://example.com@evil.example/" })).toEqual([
      { path: "landingUrl", message: creativeMessages.urlUserInfo },
    ]);
  });

  it("takes an image path only under the image folders, as the form does", () => {
    const imageCreative = { name: "X", kind: "IMAGE", size: "300x250", altText: "Shoes", landingUrl: "https://northwind.example/" };
    expect(createCreativeBodySchema.parse({ ...imageCreative, imageUrl: "/assets/shoes.png" })).toMatchObject({ imageUrl: "/assets/shoes.png" });
    expect(issues(createCreativeBodySchema, { ...imageCreative, imageUrl: "/api/auth/get-session" })).toEqual([{ path: "imageUrl", message: creativeMessages.imageUrlScheme }]);
  });

  it("reduces a pasted site URL to its domain", () => {
    expect(createSiteBodySchema.parse({ name: "Summit", domain: "https://Blog.Summit.example/articles/" })).toEqual({ name: "Summit", domain: "blog.summit.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" });
  });

  it("takes a placement's keywords as a list and its floor as a decimal string (default no floor)", () => {
    expect(createPlacementBodySchema.parse({ name: "Sidebar", size: "300x250", keywords: ["Outdoor", "hiking", "outdoor"] })).toEqual({
      name: "Sidebar",
      width: 300,
      height: 250,
      keywords: ["outdoor", "hiking"],
      floorPriceMicros: 0n,
    });
    expect(createPlacementBodySchema.parse({ name: "Sidebar", size: "728x90", floorPrice: "1.5" }).floorPriceMicros).toBe(1_500_000n);
  });
});
