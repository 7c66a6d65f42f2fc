import type { CampaignRecord } from "@/lib/model/campaign";
import { creativeContentOf, type CreativeContentField, type CreativeRecord } from "@/lib/model/creative";
import type { CreativeKind, DeviceType, Pacing, PricingModel, PriorityTier } from "@/lib/model/enums";
import type { PlacementRecord } from "@/lib/model/placement";

// The active set: everything a decision needs, loaded from the database in one go and
// cached (in-process ← Redis `active_campaigns` ← Prisma). Plain JSON: money in
// micro-units as numbers (exact up to 9·10^15), times in epoch milliseconds. Below its
// shape, how a stored record becomes an entry (the records' other mappings: lib/model).

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
  /** Spend on `spendDay` as of when the set was built. */
  daySpentMicros: number;
  /** The local day (YYYY-MM-DD, in `timeZone`) that daySpentMicros belongs to; null before the first charge. */
  spendDay: string | null;
  /** The organisation's IANA time zone: its days, weekdays and hours are the campaign's (flights are instants). */
  timeZone: string;
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
  /** Its site's disclosure wording ("Ad", "Sponsored"): the snippet shows it on every ad. */
  label: string;
  /**
   * Advertisers' domains its site blocks, lower-case: a campaign with an ad leading to one (or a
   * subdomain) never shows here (lib/ads/ad-index.ts). Absent from a copy an older deployment wrote.
   */
  blockedDomains?: string[];
}

export interface ActiveSet {
  builtAt: number;
  campaigns: ActiveCampaign[];
  placements: ActivePlacement[];
}

// ─── Records → entries ───────────────────────────────────────────────────────

/** The columns of a campaign its entry is made of (lib/ads/load-active-set.ts reads these and no others). */
export const SERVING_CAMPAIGN_COLUMNS = [
  "id",
  "tier",
  "weight",
  "pricingModel",
  "priceMicros",
  "totalBudgetMicros",
  "dailyBudgetMicros",
  "spentMicros",
  "daySpentMicros",
  "spendDay",
  "pacing",
  "startsAt",
  "endsAt",
  "frequencyCapCount",
  "frequencyCapPeriodSeconds",
  "targetPlacementIds",
  "targetSizes",
  "countriesInclude",
  "countriesExclude",
  "devices",
  "keywords",
  "weekdays",
  "hours",
] as const satisfies readonly (keyof CampaignRecord)[];

export type ServingCampaignRecord = Pick<CampaignRecord, (typeof SERVING_CAMPAIGN_COLUMNS)[number]>;
export type ServingCreativeRecord = Pick<CreativeRecord, "id" | CreativeContentField>;

/** A stored creative as serving shows it: its content (lib/model/creative.ts), whole. */
export function activeCreative(creative: ServingCreativeRecord): ActiveCreative {
  return { id: creative.id, ...creativeContentOf(creative) };
}

/** A stored campaign with its servable creatives and its organisation's zone; the day's spend counts only on its spendDay (lib/ads/budget.ts). */
export function activeCampaign(campaign: ServingCampaignRecord & { creatives: ServingCreativeRecord[]; organization: { timeZone: string } }): ActiveCampaign {
  return {
    id: campaign.id,
    tier: campaign.tier,
    weight: campaign.weight,
    pricingModel: campaign.pricingModel,
    priceMicros: Number(campaign.priceMicros),
    totalBudgetMicros: Number(campaign.totalBudgetMicros),
    dailyBudgetMicros: campaign.dailyBudgetMicros === null ? null : Number(campaign.dailyBudgetMicros),
    spentMicros: Number(campaign.spentMicros),
    daySpentMicros: Number(campaign.daySpentMicros),
    // A DATE column: Prisma reads it as midnight UTC of that date.
    spendDay: campaign.spendDay ? campaign.spendDay.toISOString().slice(0, 10) : null,
    timeZone: campaign.organization.timeZone,
    pacing: campaign.pacing,
    startsAt: campaign.startsAt.getTime(),
    endsAt: campaign.endsAt?.getTime() ?? null,
    frequencyCap:
      campaign.frequencyCapCount && campaign.frequencyCapPeriodSeconds ? { count: campaign.frequencyCapCount, periodSeconds: campaign.frequencyCapPeriodSeconds } : null,
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
    creatives: campaign.creatives.map(activeCreative),
  };
}

/** A stored placement with its site's domains and the domains it blocks, lower-case, and its site's disclosure wording. */
export function activePlacement(placement: PlacementRecord & { site: { domain: string; extraDomains: string[]; blockedDomains: string[]; adLabel: string } }): ActivePlacement {
  const entry: ActivePlacement = {
    id: placement.id,
    width: placement.width,
    height: placement.height,
    keywords: placement.keywords,
    floorPriceMicros: Number(placement.floorPriceMicros),
    domains: [placement.site.domain, ...placement.site.extraDomains].map((domain) => domain.toLowerCase()),
    label: placement.site.adLabel,
  };
  // Only when there are any: most sites block nothing, and every placement is in the shared copy's head.
  if (placement.site.blockedDomains.length > 0) entry.blockedDomains = placement.site.blockedDomains.map((domain) => domain.toLowerCase());
  return entry;
}
