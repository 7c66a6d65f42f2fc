// Plain-data builders for decision-engine tests: an active set as the cache would hold it.
import type { ActiveCampaign, ActiveCreative, ActivePlacement, ActiveSet } from "@/lib/ads/active-set";

export const NOW = Date.parse("2026-06-10T12:00:00Z"); // a Wednesday, noon UTC
export const DAY = "2026-06-10";

export function creative(overrides: Partial<ActiveCreative> = {}): ActiveCreative {
  return {
    id: overrides.id ?? "creative",
    kind: "IMAGE",
    width: 300,
    height: 250,
    imageUrl: "/assets/ad.png",
    altText: "An ad",
    headline: null,
    body: null,
    html: null,
    landingUrl: "https://advertiser.example/landing",
    ...overrides,
  };
}

export function campaign(id: string, overrides: Partial<Omit<ActiveCampaign, "targeting">> & { targeting?: Partial<ActiveCampaign["targeting"]> } = {}): ActiveCampaign {
  const { targeting, ...rest } = overrides;
  return {
    id,
    tier: "STANDARD",
    weight: 1,
    pricingModel: "CPM",
    priceMicros: 2_000_000,
    totalBudgetMicros: 1_000_000_000,
    dailyBudgetMicros: null,
    spentMicros: 0,
    daySpentMicros: 0,
    spendDay: DAY,
    timeZone: "UTC",
    pacing: "ASAP",
    startsAt: NOW - 86_400_000,
    endsAt: null,
    frequencyCap: null,
    creatives: [creative({ id: `${id}-creative` })],
    ...rest,
    targeting: {
      placementIds: [],
      sizes: [],
      countriesInclude: [],
      countriesExclude: [],
      devices: [],
      keywords: [],
      weekdays: [],
      hours: [],
      ...targeting,
    },
  };
}

export function placement(id = "placement", overrides: Partial<ActivePlacement> = {}): ActivePlacement {
  return { id, width: 300, height: 250, keywords: [], floorPriceMicros: 0, domains: ["publisher.example"], label: "Ad", ...overrides };
}

export function activeSet(campaigns: ActiveCampaign[], placements: ActivePlacement[] = [placement()]): ActiveSet {
  return { builtAt: NOW, campaigns, placements };
}

/** A small, fast, seeded PRNG (mulberry32) so statistical tests are repeatable. */
export { seededRandom } from "@/lib/ads/seeded-random";
