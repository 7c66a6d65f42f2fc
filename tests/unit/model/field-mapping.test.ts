// Every column of a campaign, creative and placement is accounted for: either a setting (a
// person sets it, and lib/model maps it to the form, the API's JSON and a copy) or named as the
// system's with the reason. A column added to prisma/schema.prisma fails here until it is
// placed, read from Prisma's own data model; the round trips fail when a setting is placed
// but not carried by one of the mappings.
import { describe, expect, it } from "vitest";
import { activeCampaign, activeCreative, activePlacement } from "@/lib/ads/active-set";
import { campaignWriteFields } from "@/lib/api/v1/schemas/campaigns";
import { creativeWriteFields } from "@/lib/api/v1/schemas/creatives";
import { placementWriteFields } from "@/lib/api/v1/schemas/placements";
import { listValue } from "@/lib/campaigns/form-values";
import { Prisma } from "@/lib/generated/prisma/browser";
import {
  CAMPAIGN_SETTINGS,
  CAMPAIGN_SYSTEM_FIELDS,
  campaignFormValues,
  campaignJson,
  campaignSettingsFromInput,
  campaignSettingsOf,
  type CampaignRecord,
} from "@/lib/model/campaign";
import { CREATIVE_CONTENT_FIELDS, CREATIVE_SETTINGS, CREATIVE_SYSTEM_FIELDS, creativeFormValues, creativeJson, creativeSettingsOf, type CreativeRecord } from "@/lib/model/creative";
import { PLACEMENT_SETTINGS, PLACEMENT_SYSTEM_FIELDS, placementFormValues, placementJson, placementSettingsOf, type PlacementRecord } from "@/lib/model/placement";
import { CAMPAIGN_LIST_FIELDS, campaignFieldsSchema, campaignSchema } from "@/lib/zod/schemas/campaigns";
import { creativeFieldsSchema, creativeSchema } from "@/lib/zod/schemas/creatives";
import { placementFormSchema, placementSchema } from "@/lib/zod/schemas/placements";
import { campaignFromWriteFields } from "@/lib/api/v1/schemas/campaigns";
import { creativeFromWriteFields } from "@/lib/api/v1/schemas/creatives";
import { placementFromWriteFields } from "@/lib/api/v1/schemas/placements";

const shapes = [
  {
    model: "Campaign",
    columns: Object.values(Prisma.CampaignScalarFieldEnum),
    settings: CAMPAIGN_SETTINGS as Record<string, string>,
    system: CAMPAIGN_SYSTEM_FIELDS as Record<string, string>,
    formFields: Object.keys(campaignFieldsSchema.shape),
    apiFields: Object.keys(campaignWriteFields.shape),
  },
  {
    model: "Creative",
    columns: Object.values(Prisma.CreativeScalarFieldEnum),
    settings: CREATIVE_SETTINGS as Record<string, string>,
    system: CREATIVE_SYSTEM_FIELDS as Record<string, string>,
    formFields: Object.keys(creativeFieldsSchema.shape),
    apiFields: Object.keys(creativeWriteFields.shape),
  },
  {
    model: "Placement",
    columns: Object.values(Prisma.PlacementScalarFieldEnum),
    settings: PLACEMENT_SETTINGS as Record<string, string>,
    system: PLACEMENT_SYSTEM_FIELDS as Record<string, string>,
    formFields: Object.keys(placementFormSchema.shape),
    apiFields: Object.keys(placementWriteFields.shape),
  },
];

describe.each(shapes)("$model's columns", ({ columns, settings, system, formFields, apiFields }) => {
  it("are each a setting or a system field (lib/model)", () => {
    const placed = new Set([...Object.keys(settings), ...Object.keys(system)]);
    expect(columns.filter((column) => !placed.has(column))).toEqual([]);
  });

  it("are listed once, and nothing is listed that the schema does not have", () => {
    expect(Object.keys(settings).filter((column) => Object.hasOwn(system, column))).toEqual([]);
    expect([...Object.keys(settings), ...Object.keys(system)].filter((column) => !columns.includes(column as never))).toEqual([]);
  });

  it("say why the system keeps each of its own", () => {
    expect(Object.entries(system).filter(([, reason]) => reason.trim().length < 10)).toEqual([]);
  });

  it("have one field each in the form and in the API's JSON, and those are all the fields", () => {
    const fields = [...new Set(Object.values(settings))].sort();
    expect([...formFields].sort()).toEqual(fields);
    expect([...apiFields].sort()).toEqual(fields);
  });
});

// ─── Round trips: every setting survives each mapping ───────────────────────

const campaign: CampaignRecord = {
  id: "c1",
  organizationId: "o1",
  name: "Spring tents",
  status: "ACTIVE",
  startsAt: new Date("2026-03-01T09:30:00Z"),
  endsAt: new Date("2026-06-01T00:00:00Z"),
  pricingModel: "CPC",
  priceMicros: 650_000n,
  totalBudgetMicros: 2_000_000_000n,
  dailyBudgetMicros: 100_000_000n,
  pacing: "ASAP",
  tier: "SPONSORSHIP",
  weight: 7,
  frequencyCapCount: 3,
  frequencyCapPeriodSeconds: 86_400,
  targetPlacementIds: ["p1", "p2"],
  targetSizes: ["300x250", "728x90"],
  countriesInclude: ["US", "CA"],
  countriesExclude: ["FR"],
  devices: ["MOBILE", "TABLET"],
  keywords: ["tents", "trail running"],
  weekdays: [1, 5],
  hours: [0, 9, 23],
  spentMicros: 12_340_000n,
  daySpentMicros: 1_000_000n,
  spendDay: new Date("2026-03-02T00:00:00Z"),
  budgetSpentMailedAt: null,
  flightEndedMailedAt: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
};

const creative: CreativeRecord = {
  id: "k1",
  campaignId: "c1",
  name: "Tents, text",
  kind: "TEXT",
  width: 728,
  height: 90,
  imageUrl: null,
  altText: null,
  headline: "Tents for two",
  body: "Under 2 kg.",
  html: null,
  landingUrl: "https://shop.example/tents",
  reviewStatus: "APPROVED",
  reviewNote: null,
  reviewedAt: new Date("2026-01-03T00:00:00Z"),
  reviewedById: "u1",
  archivedAt: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
};

const placement: PlacementRecord = {
  id: "p1",
  siteId: "s1",
  name: "Sidebar",
  width: 300,
  height: 600,
  keywords: ["outdoor", "hiking"],
  floorPriceMicros: 1_500_000n,
  archivedAt: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
};

/** Form values as the browser submits them: checkbox groups as lists. */
function submitted(values: Record<string, string>, listFields: readonly string[]) {
  return { ...values, ...Object.fromEntries(listFields.map((name) => [name, listValue(values, name)])) };
}

describe("a campaign's settings", () => {
  it("come back unchanged through the form: record → form values → campaignSchema → columns", () => {
    const input = campaignSchema.parse(submitted(campaignFormValues(campaign, "UTC"), CAMPAIGN_LIST_FIELDS));
    expect(campaignSettingsFromInput(input)).toEqual(campaignSettingsOf(campaign));
  });

  it("come back unchanged through the API: record → JSON → the API's schema → columns", () => {
    const input = campaignFromWriteFields.parse(JSON.parse(JSON.stringify(campaignJson(campaign))));
    expect(campaignSettingsFromInput(input)).toEqual(campaignSettingsOf(campaign));
  });

  it("are all a copy takes, and only those", () => {
    expect(Object.keys(campaignSettingsOf(campaign)).sort()).toEqual(Object.keys(CAMPAIGN_SETTINGS).sort());
  });

  it("reach the active set", () => {
    expect(activeCampaign({ ...campaign, creatives: [creative], organization: { timeZone: "Europe/Berlin" } })).toMatchObject({
      id: campaign.id,
      tier: campaign.tier,
      weight: campaign.weight,
      pricingModel: campaign.pricingModel,
      priceMicros: 650_000,
      totalBudgetMicros: 2_000_000_000,
      dailyBudgetMicros: 100_000_000,
      spentMicros: 12_340_000,
      daySpentMicros: 1_000_000,
      spendDay: "2026-03-02",
      timeZone: "Europe/Berlin",
      pacing: campaign.pacing,
      startsAt: campaign.startsAt.getTime(),
      endsAt: campaign.endsAt!.getTime(),
      frequencyCap: { count: 3, periodSeconds: 86_400 },
      targeting: {
        placementIds: campaign.targetPlacementIds,
        sizes: campaign.targetSizes,
        countriesInclude: campaign.countriesInclude,
        countriesExclude: campaign.countriesExclude,
        devices: campaign.devices,
        keywords: campaign.keywords,
        weekdays: campaign.weekdays,
        hours: campaign.hours,
      },
    });
  });
});

describe("a creative's settings", () => {
  it("come back unchanged through the form", () => {
    expect(creativeSettingsOf(creativeSchema.parse(creativeFormValues(creative)))).toEqual(creativeSettingsOf(creative));
  });

  it("come back unchanged through the API", () => {
    expect(creativeSettingsOf(creativeFromWriteFields.parse(JSON.parse(JSON.stringify(creativeJson(creative)))))).toEqual(creativeSettingsOf(creative));
  });

  it("are all a copy takes, and only those", () => {
    expect(Object.keys(creativeSettingsOf(creative)).sort()).toEqual(Object.keys(CREATIVE_SETTINGS).sort());
  });

  it("are, but for the name, its content, which the active set carries whole", () => {
    expect([...CREATIVE_CONTENT_FIELDS].sort()).toEqual(Object.keys(CREATIVE_SETTINGS).filter((column) => column !== "name").sort());
    const entry = activeCreative(creative);
    expect(Object.keys(entry).sort()).toEqual(["id", ...CREATIVE_CONTENT_FIELDS].sort());
    for (const field of CREATIVE_CONTENT_FIELDS) expect(entry[field]).toEqual(creative[field]);
  });
});

describe("a placement's settings", () => {
  it("come back unchanged through the form", () => {
    expect(placementSettingsOf(placementSchema.parse(placementFormValues(placement)))).toEqual(placementSettingsOf(placement));
  });

  it("come back unchanged through the API", () => {
    expect(placementSettingsOf(placementFromWriteFields.parse(JSON.parse(JSON.stringify(placementJson(placement)))))).toEqual(placementSettingsOf(placement));
  });

  it("reach the active set, with the site's domains, disclosure label and blocked domains (only when it blocks any)", () => {
    const expected = { id: "p1", width: 300, height: 600, keywords: ["outdoor", "hiking"], floorPriceMicros: 1_500_000, domains: ["pub.example", "other.example"], label: "Sponsored" };
    expect(activePlacement({ ...placement, site: { domain: "Pub.Example", extraDomains: ["other.example"], blockedDomains: [], adLabel: "Sponsored" } })).toStrictEqual(expected);
    expect(activePlacement({ ...placement, site: { domain: "Pub.Example", extraDomains: ["other.example"], blockedDomains: ["Rival.example"], adLabel: "Sponsored" } })).toStrictEqual({
      ...expected,
      blockedDomains: ["rival.example"],
    });
  });
});
