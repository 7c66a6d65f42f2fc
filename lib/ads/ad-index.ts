import type { PriorityTier } from "@/lib/model/enums";
import type { ActiveCampaign, ActiveCreative, ActivePlacement, ActiveSet } from "./active-set";
import { isOnDomains } from "@/lib/http/page";
import { effectiveCpmMicros } from "@/lib/model/pricing";
import { hasBudget } from "./budget";
import { zoneClock } from "./zone-clock";

// The active set, indexed once per set (not per request): for each placement, the
// campaigns that can ever show there (placement/size targeting, creatives of its size,
// floor price, the advertisers' domains its site blocks), grouped by priority tier, with the cumulative static weights that the
// lottery samples from in O(log n).

export const TIERS: readonly PriorityTier[] = ["SPONSORSHIP", "STANDARD", "HOUSE"];

export interface IndexedCampaign {
  campaign: ActiveCampaign;
  /** Creatives of the placement's size. */
  creatives: ActiveCreative[];
  keywords: Set<string> | null;
  countriesInclude: Set<string> | null;
  countriesExclude: Set<string> | null;
  devices: Set<string> | null;
  weekdays: Set<number> | null;
  hours: Set<number> | null;
  /** The effective CPM, which placements' floors are compared with. */
  cpmMicros: number;
  /** weight × effective CPM: the lottery weight before pacing. */
  staticWeight: number;
}

export interface TierIndex {
  tier: PriorityTier;
  /** How many campaigns the tier holds. */
  size: number;
  /** Its i-th campaign (0 ≤ i < size); from a set read in parts, made on first use. */
  entry(i: number): IndexedCampaign;
  /** cumulative[i] = sum of staticWeight of entries 0..i. */
  cumulative: Float64Array;
  total: number;
}

/** Every campaign of a tier, in order (all made now). */
export function tierEntries(tier: TierIndex): IndexedCampaign[] {
  return Array.from({ length: tier.size }, (_, i) => tier.entry(i));
}

export interface PlacementIndex {
  placement: ActivePlacement;
  keywords: string[];
  /** Non-empty tiers, highest priority first. */
  tiers: TierIndex[];
}

export interface AdIndex {
  set: ActiveSet;
  /**
   * Budgets are checked here, once, for the local day of each campaign's organisation: the
   * index holds from the latest of those days' starts until the first of their ends, then is
   * built again (only campaigns with a daily budget narrow it).
   */
  validFrom: number;
  validUntil: number;
  placements: PlacementIndexes;
}

/** Each placement's part of the index, by placement id; undefined for a placement not in the set. */
export interface PlacementIndexes {
  get(placementId: string): PlacementIndex | undefined;
}

const setOrNull = <T>(values: T[]): Set<T> | null => (values.length === 0 ? null : new Set(values));

/**
 * A size's campaigns, each known by what placing it needs (tier, effective CPM, lottery weight,
 * placement targeting) before its entry is made. From the whole set the entries are made at
 * once; from a set read in parts (lib/ads/active-set-parts.ts), when the lottery draws them.
 */
export interface SizeRows {
  count: number;
  tier(row: number): PriorityTier;
  cpmMicros(row: number): number;
  staticWeight(row: number): number;
  /** The placements the campaign is limited to; empty for any. */
  placementIds(row: number): readonly string[];
  /** Whether one of the campaign's ads leads to one of these domains (lower-case) or a subdomain. */
  leadsTo(row: number, domains: readonly string[]): boolean;
  entry(row: number): IndexedCampaign;
}

/**
 * What a set read in parts carries from its writer: each placement size's rows, funded at the
 * writer's clock, and the span in which that clock's budget check holds (every campaign with
 * a daily budget on the same local day). Outside it the set is indexed as a whole.
 */
export interface PrecomputedSizes {
  validFrom: number;
  validUntil: number;
  rows(size: string): SizeRows | undefined;
}

const precomputed = new WeakMap<ActiveSet, PrecomputedSizes>();

/** Gives a set its writer's rows (lib/ads/active-set-parts.ts): its index then reads campaigns only as they are drawn. */
export function attachPrecomputedSizes(set: ActiveSet, sizes: PrecomputedSizes): void {
  precomputed.set(set, sizes);
}

/** The whole index: every placement's part built now. */
export function buildAdIndex(set: ActiveSet, now: number = set.builtAt): AdIndex {
  const index = buildAdIndexOnDemand(set, now);
  for (const placement of set.placements) index.placements.get(placement.id);
  return index;
}

/**
 * The index with each placement's part built on its first lookup, then kept: a new instance's
 * first ad indexes its own placement only, not every placement (bench data, 10,000 campaigns and
 * 100 placements, warm: 11–16 ms for a placement of a size not yet indexed, 0.6 ms for one of a
 * size already indexed, 130 ms for all 100), and a placement nobody asks for costs nothing.
 * Budget state travels with the set, so campaigns out of budget are left out here, not per
 * request: each campaign is checked once, with the first size it has a creative of.
 *
 * A campaign's entry depends on the placement's size only (its creatives of that size, its
 * targeting's sets, its weight): it is made once per size and shared by every placement of
 * that size, which then only filters by placement targeting and floor. Made per placement, the
 * entries cost 1.2 s of event loop per set at 10,000 campaigns and 100 placements (~470,000
 * entries, most of them identical); per size, ~25,000.
 *
 * A set read in parts whose writer's budget check still holds at `now` is not read as a whole
 * here: its placements are indexed from the writer's rows, and a campaign is read when drawn.
 */
export function buildAdIndexOnDemand(set: ActiveSet, now: number = set.builtAt): AdIndex {
  const rows = precomputed.get(set);
  if (rows && rows.validFrom <= now && now < rows.validUntil) {
    let whole: ReturnType<typeof sizeEntriesAt> | undefined;
    return indexOf(set, rows.validFrom, rows.validUntil, (width, height) => {
      return rows.rows(`${width}x${height}`) ?? entryRows((whole ??= sizeEntriesAt(set, now)).entriesOfSize(width, height));
    });
  }
  const { validFrom, validUntil, entriesOfSize } = sizeEntriesAt(set, now);
  return indexOf(set, validFrom, validUntil, (width, height) => entryRows(entriesOfSize(width, height)));
}

/**
 * The funded campaigns of each size at `now`, each size's made on its first call and kept, and
 * the span in which that budget check holds. (lib/ads/active-set-parts.ts stores them with the set.)
 */
export function sizeEntriesAt(set: ActiveSet, now: number) {
  let validFrom = -Infinity;
  let validUntil = Infinity;
  for (const campaign of set.campaigns) {
    if (campaign.dailyBudgetMicros === null) continue;
    const clock = zoneClock(campaign.timeZone, now);
    validFrom = Math.max(validFrom, clock.dayStart);
    validUntil = Math.min(validUntil, clock.dayEnd);
  }
  // null: out of budget now (checked once per campaign, on the first size that has it).
  const targetingOf = new Map<ActiveCampaign, CampaignTargeting | null>();
  const bySize = new Map<string, IndexedCampaign[]>();
  const entriesOfSize = (width: number, height: number): IndexedCampaign[] => {
    const size = `${width}x${height}`;
    let entries = bySize.get(size);
    if (!entries) {
      entries = sizeEntries(set.campaigns, now, width, height, size, targetingOf);
      bySize.set(size, entries);
    }
    return entries;
  };
  return { validFrom, validUntil, entriesOfSize };
}

function indexOf(set: ActiveSet, validFrom: number, validUntil: number, rowsOfSize: (width: number, height: number) => SizeRows): AdIndex {
  // The last of two placements with one id wins, as it always has.
  const byId = new Map(set.placements.map((placement) => [placement.id, placement]));
  const bySize = new Map<string, SizeRows>();
  const built = new Map<string, PlacementIndex>();
  const placements: PlacementIndexes = {
    get(placementId) {
      const existing = built.get(placementId);
      if (existing) return existing;
      const placement = byId.get(placementId);
      if (!placement) return undefined;
      const size = `${placement.width}x${placement.height}`;
      let rows = bySize.get(size);
      if (!rows) {
        rows = rowsOfSize(placement.width, placement.height);
        bySize.set(size, rows);
      }
      const entry = indexPlacement(placement, rows);
      built.set(placementId, entry);
      return entry;
    },
  };
  return { set, validFrom, validUntil, placements };
}

/** A size's entries, already made, as rows. */
function entryRows(entries: IndexedCampaign[]): SizeRows {
  return {
    count: entries.length,
    tier: (row) => entries[row]!.campaign.tier,
    cpmMicros: (row) => entries[row]!.cpmMicros,
    staticWeight: (row) => entries[row]!.staticWeight,
    placementIds: (row) => entries[row]!.campaign.targeting.placementIds,
    leadsTo: (row, domains) => landingHosts(entries[row]!.campaign).some((host) => isOnDomains(host, domains)),
    entry: (row) => entries[row]!,
  };
}

/**
 * The hosts the campaign's ads lead to, lower-case, each once — of every ad it has, whatever
 * its size: a site that blocks a domain shows none of the campaign's ads, so that an
 * advertiser's brand is blocked with all of its creatives.
 */
export function landingHosts(campaign: ActiveCampaign): string[] {
  const hosts = new Set<string>();
  for (const creative of campaign.creatives) {
    try {
      hosts.add(new URL(creative.landingUrl).hostname.toLowerCase());
    } catch {
      // Stored landing URLs are validated http(s) URLs: nothing to match.
    }
  }
  return [...hosts];
}

/** What a campaign's entries share whatever the size: its targeting as sets, its price. */
export type CampaignTargeting = Omit<IndexedCampaign, "campaign" | "creatives">;

export function campaignTargeting(campaign: ActiveCampaign): CampaignTargeting {
  const { targeting } = campaign;
  const cpmMicros = effectiveCpmMicros(campaign);
  return {
    keywords: setOrNull(targeting.keywords.map((keyword) => keyword.toLowerCase())),
    countriesInclude: setOrNull(targeting.countriesInclude),
    countriesExclude: setOrNull(targeting.countriesExclude),
    devices: setOrNull(targeting.devices),
    weekdays: setOrNull(targeting.weekdays),
    hours: setOrNull(targeting.hours),
    cpmMicros,
    staticWeight: Math.max(campaign.weight, 0) * Math.max(cpmMicros, 1),
  };
}

/** The campaign's creatives of this size, or undefined when it has none (or its size targeting leaves this size out). */
export function creativesOfSize(campaign: ActiveCampaign, width: number, height: number, size: string): ActiveCreative[] | undefined {
  const sizes = campaign.targeting.sizes;
  if (sizes.length > 0 && !sizes.includes(size)) return undefined;
  let creatives: ActiveCreative[] | undefined;
  for (const creative of campaign.creatives) {
    if (creative.width !== width || creative.height !== height) continue;
    if (creatives) creatives.push(creative);
    else creatives = [creative];
  }
  return creatives;
}

/** A campaign's entry for a size. Written out rather than spread: one shape for every entry, and no per-property copy on a new instance's first ad. */
export function indexedCampaign(campaign: ActiveCampaign, creatives: ActiveCreative[], targeting: CampaignTargeting): IndexedCampaign {
  return {
    campaign,
    creatives,
    keywords: targeting.keywords,
    countriesInclude: targeting.countriesInclude,
    countriesExclude: targeting.countriesExclude,
    devices: targeting.devices,
    weekdays: targeting.weekdays,
    hours: targeting.hours,
    cpmMicros: targeting.cpmMicros,
    staticWeight: targeting.staticWeight,
  };
}

/** The campaigns funded at `now` that can show in a slot of this size, with their creatives of it, in the set's order. */
function sizeEntries(
  campaigns: ActiveCampaign[],
  now: number,
  width: number,
  height: number,
  size: string,
  targetingOf: Map<ActiveCampaign, CampaignTargeting | null>,
): IndexedCampaign[] {
  const entries: IndexedCampaign[] = [];
  for (const campaign of campaigns) {
    const creatives = creativesOfSize(campaign, width, height, size);
    if (!creatives) continue;
    let targeting = targetingOf.get(campaign);
    if (targeting === undefined) {
      targeting = hasBudget(campaign, now) ? campaignTargeting(campaign) : null;
      targetingOf.set(campaign, targeting);
    }
    if (targeting === null || targeting.staticWeight <= 0) continue;
    entries.push(indexedCampaign(campaign, creatives, targeting));
  }
  return entries;
}

/** The campaigns that can ever show on a placement, grouped by tier, with their cumulative weights. */
function indexPlacement(placement: ActivePlacement, sized: SizeRows): PlacementIndex {
  const byTier = new Map<PriorityTier, number[]>();
  // Its site's blocks hold for every tier, house ads included.
  const blocked = placement.blockedDomains?.length ? placement.blockedDomains : null;
  for (let row = 0; row < sized.count; row++) {
    const placementIds = sized.placementIds(row);
    if (placementIds.length > 0 && !placementIds.includes(placement.id)) continue;
    const tier = sized.tier(row);
    // House ads are the publisher's own fill: floors apply to paid tiers only.
    if (tier !== "HOUSE" && sized.cpmMicros(row) < placement.floorPriceMicros) continue;
    if (blocked && sized.leadsTo(row, blocked)) continue;
    const list = byTier.get(tier);
    if (list) list.push(row);
    else byTier.set(tier, [row]);
  }
  const tiers: TierIndex[] = [];
  for (const tier of TIERS) {
    const rows = byTier.get(tier);
    if (!rows) continue;
    const cumulative = new Float64Array(rows.length);
    let total = 0;
    rows.forEach((row, index) => {
      total += sized.staticWeight(row);
      cumulative[index] = total;
    });
    tiers.push({ tier, size: rows.length, entry: (i) => sized.entry(rows[i]!), cumulative, total });
  }
  return { placement, keywords: placement.keywords.map((keyword) => keyword.toLowerCase()), tiers };
}
