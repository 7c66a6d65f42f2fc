import type { ActiveCampaign, ActivePlacement, ActiveSet } from "./active-set";
import { isOnDomains } from "@/lib/http/page";
import { knowZoneDay, zoneClock, type ZoneDay } from "./zone-clock";
import {
  attachPrecomputedSizes,
  campaignTargeting,
  creativesOfSize,
  indexedCampaign,
  landingHosts,
  sizeEntriesAt,
  TIERS,
  type CampaignTargeting,
  type IndexedCampaign,
  type SizeRows,
} from "./ad-index";

// The active set as the shared copy stores it, in parts that a reader decodes only when it
// needs them (lib/cache/active-campaigns-envelope.ts, format gzp): a new instance's first ad
// then reads what its placement's lottery draws, not all 10 MB of campaigns.
//
//   part 0            the head: when the set was built, its placements, how it is cut, and the
//                     span in which the writer's budget check holds
//   part 1            what placing a campaign needs (tier, effective CPM, lottery weight,
//                     placement targeting, where its ads lead if a site blocks that), for each
//                     campaign funded at the writer's clock
//   parts 2 … S+1     for each placement size, the positions of the funded campaigns that can
//                     show in it (ad-index.ts's entries of that size, in order)
//   parts S+2 …       the campaigns themselves, CHUNK_SIZE to a part, in the set's order
//
// A reader indexes a placement from its size's part and reads a campaign's chunk when the
// lottery draws it (ad-index.ts, attachPrecomputedSizes). Outside the writer's span (a local
// day has turned in some campaign's zone), or for anything that asks for `campaigns`, the
// whole set is read, as from the older formats.

/** Campaigns per part: at 10,000 campaigns ~80 parts of ~130 KB of JSON, each read in about a millisecond. */
export const CHUNK_SIZE = 128;

interface Head {
  builtAt: number;
  placements: ActivePlacement[];
  campaignCount: number;
  chunkSize: number;
  /** null for −∞ and +∞ (JSON has neither): no campaign has a daily budget. */
  validFrom: number | null;
  validUntil: number | null;
  /** The placement sizes ("300x250") parts 2 … S+1 describe, in that order. */
  sizes: string[];
  /** The local day, at the writer's clock, of each zone the campaigns are in (zone-clock.ts knowZoneDay). */
  zones: Record<string, ZoneDay>;
}

/**
 * What placing a campaign needs, for every campaign the writer found funded, column by column
 * (one array each, not one object per campaign), by position in the set.
 */
interface CampaignTable {
  /** One character per campaign: its tier's index in TIERS, or "-" when it is in no size's list. */
  tiers: string;
  /** Effective CPM and lottery weight (0 for a campaign in no list). */
  cpmMicros: number[];
  staticWeights: number[];
  /** Placement targeting, by position, for the campaigns that have any. */
  placementIds: Record<string, string[]>;
  /**
   * The hosts a campaign's ads lead to (ad-index.ts landingHosts), by position, for the campaigns
   * that lead to a domain some site of the set blocks: every other campaign is blocked nowhere.
   * Absent from an older deployment's copy, whose placements block nothing.
   */
  landingHosts?: Record<string, string[]>;
}

interface Parts {
  readonly count: number;
  get(index: number): unknown;
  load(index: number): Promise<unknown>;
  reportDamage(): void;
}

/**
 * A part of the shared copy that cannot be read, or does not hold what the head says. Its
 * reader has been told (Parts.reportDamage): the cache drops the copy and loads the set from
 * the database, whose copy then replaces the damaged one for every instance. A decision that
 * meets one decides again on the set that replaces it (serve-ad.ts).
 */
export class DamagedCopyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DamagedCopyError";
  }
}

/** For a set read in parts: reads the campaign parts not read yet, one at a time, off the calling thread's hands. */
const readAhead = new WeakMap<ActiveSet, () => Promise<void>>();

/**
 * Reads the rest of a set read in parts (a no-op for any other set), so that what asks for the
 * whole list later (a click's landing URL, the budget notifier) finds it read: each part is
 * decompressed on zlib's threads and parsed as a task of its own (~1 ms), where reading the
 * whole list at once would hold the event loop for ~100 ms. For after the first ad.
 */
export async function readRestOfActiveSet(set: ActiveSet): Promise<void> {
  try {
    await readAhead.get(set)?.();
  } catch (error) {
    // Already reported to the cache, which replaces the copy: nothing is left to do here.
    if (!(error instanceof DamagedCopyError)) throw error;
  }
}

/** The active set's parts codec (lib/cache/active-campaigns-envelope.ts PartCodec); `now` is the writer's clock. */
export function activeSetParts(now: () => number = Date.now) {
  return {
    split: (set: ActiveSet): unknown[] => splitActiveSet(set, now()),
    join: (head: unknown, parts: Parts): ActiveSet => joinActiveSet(head, parts),
  };
}

function splitActiveSet(set: ActiveSet, now: number): unknown[] {
  const { validFrom, validUntil, entriesOfSize } = sizeEntriesAt(set, now);
  const positions = new Map(set.campaigns.map((campaign, position) => [campaign, position]));
  const sizes = [...new Set(set.placements.map((placement) => `${placement.width}x${placement.height}`))];
  const tiers = new Array<string>(set.campaigns.length).fill("-");
  const table: CampaignTable = { tiers: "", cpmMicros: new Array<number>(set.campaigns.length).fill(0), staticWeights: new Array<number>(set.campaigns.length).fill(0), placementIds: {} };
  // Each size's campaigns as gaps between positions (small numbers, which compress well).
  const sizeLists = sizes.map((size) => {
    const [width, height] = size.split("x").map(Number) as [number, number];
    let previous = 0;
    return entriesOfSize(width, height).map((entry) => {
      const position = positions.get(entry.campaign)!;
      if (tiers[position] === "-") {
        tiers[position] = String(TIERS.indexOf(entry.campaign.tier));
        table.cpmMicros[position] = entry.cpmMicros;
        table.staticWeights[position] = entry.staticWeight;
        if (entry.campaign.targeting.placementIds.length > 0) table.placementIds[position] = entry.campaign.targeting.placementIds;
      }
      const gap = position - previous;
      previous = position;
      return gap;
    });
  });
  table.tiers = tiers.join("");
  const blocked = [...new Set(set.placements.flatMap((placement) => placement.blockedDomains ?? []))];
  if (blocked.length > 0) {
    table.landingHosts = {};
    set.campaigns.forEach((campaign, position) => {
      const hosts = landingHosts(campaign);
      if (tiers[position] !== "-" && hosts.some((host) => isOnDomains(host, blocked))) table.landingHosts![position] = hosts;
    });
  }
  const chunks: ActiveCampaign[][] = [];
  for (let start = 0; start < set.campaigns.length; start += CHUNK_SIZE) chunks.push(set.campaigns.slice(start, start + CHUNK_SIZE));
  const head: Head = {
    builtAt: set.builtAt,
    placements: set.placements,
    campaignCount: set.campaigns.length,
    chunkSize: CHUNK_SIZE,
    validFrom: Number.isFinite(validFrom) ? validFrom : null,
    validUntil: Number.isFinite(validUntil) ? validUntil : null,
    sizes,
    zones: Object.fromEntries(
      [...new Set(set.campaigns.map((campaign) => campaign.timeZone))].map((timeZone) => {
        const { day, weekday, dayStart, dayEnd } = zoneClock(timeZone, now);
        return [timeZone, { day, weekday, dayStart, dayEnd }];
      }),
    ),
  };
  return [head, table, ...sizeLists, ...chunks];
}

const NO_PLACEMENTS: readonly string[] = [];
/** Part 1 is the campaign table; the sizes' lists follow it. */
const FIRST_SIZE_PART = 2;

function joinActiveSet(value: unknown, parts: Parts): ActiveSet {
  const head = value as Head;
  const chunkCount = Math.ceil(head.campaignCount / head.chunkSize);
  if (!Array.isArray(head.placements) || !Array.isArray(head.sizes) || !(head.chunkSize > 0) || parts.count !== FIRST_SIZE_PART + head.sizes.length + chunkCount) {
    throw new Error("The shared copy's parts do not match its head.");
  }
  for (const [timeZone, day] of Object.entries(head.zones ?? {})) knowZoneDay(timeZone, day);
  // Parts are read when needed, long after the head: a damaged one is reported then.
  const damaged = (message: string, cause?: unknown): DamagedCopyError => {
    parts.reportDamage();
    return new DamagedCopyError(message, { cause });
  };
  const part = (index: number): unknown => {
    try {
      return parts.get(index);
    } catch (error) {
      throw damaged(`The shared copy's part ${index} cannot be read.`, error);
    }
  };
  const chunks: (ActiveCampaign[] | undefined)[] = new Array(chunkCount);
  const checked = (index: number, read: unknown): ActiveCampaign[] => {
    const expected = Math.min(head.chunkSize, head.campaignCount - index * head.chunkSize);
    if (!Array.isArray(read) || read.length !== expected) throw damaged(`The shared copy's campaign part ${index} is damaged.`);
    return read as ActiveCampaign[];
  };
  const chunk = (index: number): ActiveCampaign[] => (chunks[index] ??= checked(index, part(FIRST_SIZE_PART + head.sizes.length + index)));
  const campaignAt = (position: number): ActiveCampaign => chunk(Math.floor(position / head.chunkSize))[position % head.chunkSize]!;

  // Its properties in ActiveSet's order (campaigns defined below), so it serialises as the whole set does.
  const set = { builtAt: head.builtAt, campaigns: [], placements: head.placements } as ActiveSet;
  // Whatever reads the whole list reads every part (once; the list is then kept as a plain property).
  Object.defineProperty(set, "campaigns", {
    configurable: true,
    enumerable: true,
    get() {
      const campaigns = Array.from({ length: chunkCount }, (_, index) => chunk(index)).flat();
      Object.defineProperty(set, "campaigns", { value: campaigns, configurable: true, enumerable: true, writable: true });
      return campaigns;
    },
  });

  let campaignTable: CampaignTable | undefined;
  const table = (): CampaignTable => {
    if (!campaignTable) {
      const read = part(1) as CampaignTable;
      const count = head.campaignCount;
      if (
        typeof read?.tiers !== "string" ||
        read.tiers.length !== count ||
        [read.cpmMicros, read.staticWeights].some((column) => !Array.isArray(column) || column.length !== count) ||
        (read.landingHosts !== undefined && (typeof read.landingHosts !== "object" || read.landingHosts === null))
      ) {
        throw damaged("The shared copy's campaign table is damaged.");
      }
      campaignTable = read;
    }
    return campaignTable;
  };
  readAhead.set(set, async () => {
    for (let index = 0; index < chunkCount; index++) {
      if (chunks[index]) continue;
      const at = FIRST_SIZE_PART + head.sizes.length + index;
      const read = await parts.load(at).catch((error: unknown) => {
        throw damaged(`The shared copy's part ${at} cannot be read.`, error);
      });
      // A decision may have read it meanwhile: keep the first, its campaigns are in the index.
      chunks[index] ??= checked(index, read);
    }
    void set.campaigns;
  });

  const targetingOf = new Map<ActiveCampaign, CampaignTargeting>();
  const rowsBySize = new Map<string, SizeRows>();
  const rows = (size: string): SizeRows | undefined => {
    const existing = rowsBySize.get(size);
    if (existing) return existing;
    const at = head.sizes.indexOf(size);
    if (at < 0) return undefined;
    const { tiers, cpmMicros, staticWeights, placementIds, landingHosts: hostsAt = {} } = table();
    const gaps = part(FIRST_SIZE_PART + at);
    if (!Array.isArray(gaps)) throw damaged(`The shared copy's part for ${size} is damaged.`);
    const positions = new Int32Array(gaps.length);
    let position = 0;
    for (let row = 0; row < gaps.length; row++) {
      position += gaps[row] as number;
      if (!(position >= 0 && position < head.campaignCount) || tiers[position] === "-") throw damaged(`The shared copy's part for ${size} is damaged.`);
      positions[row] = position;
    }
    const [width, height] = size.split("x").map(Number) as [number, number];
    const entries: (IndexedCampaign | undefined)[] = new Array(positions.length);
    const sizeRows: SizeRows = {
      count: positions.length,
      tier: (row) => TIERS[tiers.charCodeAt(positions[row]!) - 48]!,
      cpmMicros: (row) => cpmMicros[positions[row]!]!,
      staticWeight: (row) => staticWeights[positions[row]!]!,
      placementIds: (row) => placementIds[positions[row]!] ?? NO_PLACEMENTS,
      leadsTo: (row, domains) => (hostsAt[positions[row]!] ?? NO_PLACEMENTS).some((host) => isOnDomains(host, domains)),
      entry(row) {
        let entry = entries[row];
        if (!entry) {
          const campaign = campaignAt(positions[row]!);
          const creatives = creativesOfSize(campaign, width, height, size);
          if (!creatives) throw damaged(`The shared copy's part for ${size} names a campaign without a creative of that size.`);
          let targeting = targetingOf.get(campaign);
          if (!targeting) {
            targeting = campaignTargeting(campaign);
            targetingOf.set(campaign, targeting);
          }
          entry = indexedCampaign(campaign, creatives, targeting);
          entries[row] = entry;
        }
        return entry;
      },
    };
    rowsBySize.set(size, sizeRows);
    return sizeRows;
  };
  attachPrecomputedSizes(set, { validFrom: head.validFrom ?? -Infinity, validUntil: head.validUntil ?? Infinity, rows });
  return set;
}
