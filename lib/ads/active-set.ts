import type { CreativeKind, DeviceType, Pacing, PricingModel, PriorityTier } from "@/lib/model/enums";

// The active set: everything a decision needs, loaded from the database in one go and
// cached (in-process ← Redis `active_campaigns` ← Prisma). Plain JSON: money in
// micro-units as numbers (exact up to 9·10^15), times in epoch milliseconds.


export interface ActiveCreative {
  id: string;
  kind: CreativeKind;
  width: number;
  height: number;
  imageUrl: string | null;
  altText: string | null;
  headline: string | null;
  body: string | null;
  html: string | null;
  landingUrl: string;
}

export interface Targeting {
  placementIds: string[];
  sizes: string[];
  countriesInclude: string[];
  countriesExclude: string[];
  devices: DeviceType[];
  keywords: string[];
  weekdays: number[];
  hours: number[];
}

export interface ActiveCampaign {
  id: string;
  tier: PriorityTier;
  weight: number;
  pricingModel: PricingModel;
  priceMicros: number;
  totalBudgetMicros: number;
  dailyBudgetMicros: number | null;
  /** Spend as of when the set was built. */
  spentMicros: number;
  /** Spend on `ActiveSet.day` as of when the set was built. */
  daySpentMicros: number;
  pacing: Pacing;
  startsAt: number;
  endsAt: number | null;
  frequencyCap: { count: number; periodSeconds: number } | null;
  targeting: Targeting;
  creatives: ActiveCreative[];
}

export interface ActivePlacement {
  id: string;
  width: number;
  height: number;
  keywords: string[];
  floorPriceMicros: number;
  /** Domains of its site (its own and the extra ones), lower-case: pages on these or their subdomains are on the site. */
  domains: string[];
}

export interface ActiveSet {
  builtAt: number;
  /** UTC day (YYYY-MM-DD) that the day spends refer to. */
  day: string;
  campaigns: ActiveCampaign[];
  placements: ActivePlacement[];
}

export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
