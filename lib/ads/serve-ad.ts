import { createHmac } from "node:crypto";
import { hostTag, isOnDomains } from "@/lib/http/page";
import type { KeyValueStore } from "@/lib/redis/store";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { clickUrl, impressionUrl } from "@/lib/offers/offer-urls";
import { type DeviceType } from "@/lib/model/enums";
import type { ActiveSet } from "./active-set";
import { DamagedCopyError } from "./active-set-parts";
import { buildAdIndexOnDemand, type AdIndex, type IndexedCampaign } from "./ad-index";
import type { RequestContext } from "./eligibility";
import { frequencyCapKey } from "@/lib/offers/frequency-cap";
import { seededRandom } from "./seeded-random";
import { firstUnderCap, pickCreative, rankCandidates, type Random } from "./select-ad";
import { viewerId } from "@/lib/offers/viewer";

export interface ServeRequest {
  placementId: string;
  keywords: string[];
  country: string;
  device: DeviceType;
  /** The client's address (lib/http/client.ts). */
  address: string;
  userAgent: string;
  /** Host of the page asking (Origin, else Referer; lib/http/page.ts), undefined when it names none. */
  pageHost: string | undefined;
  /** Which of the page's slots of this placement (0 for the first): each gets its own offer. */
  slot: number;
  /**
   * The width in CSS pixels the page gives the slot, when the page says: a placement wider
   * than that gets no ad (`does_not_fit`) — on a phone a 728×90 leaderboard would make the
   * page scroll sideways and push the ad's disclosure label off the screen.
   */
  room?: number;
  /** Origin of the absolute URLs in the answer (this deployment). */
  origin: string;
  now?: number;
}

export interface AdResponse {
  ad: {
    kind: "IMAGE" | "TEXT" | "HTML";
    width: number;
    height: number;
    imageUrl: string | null;
    altText: string | null;
    headline: string | null;
    body: string | null;
    html: string | null;
  };
  /** The site's disclosure wording, shown on the ad ("Ad" unless the publisher chose another). */
  label: string;
  impressionUrl: string;
  clickUrl: string;
}

export type ServeResult = { kind: "ad"; response: AdResponse } | { kind: "no_fill" } | { kind: "does_not_fit" } | { kind: "unknown_placement" };

export interface ServeDependencies {
  activeSet: () => Promise<ActiveSet>;
  store: KeyValueStore;
  secret: string;
  /** Replaces the offer's own seeded draw (tests of the lottery's statistics). */
  random?: Random;
}

/**
 * A client asking again for the same slot of a placement within this window gets the same
 * offer back — same campaign, creative and offer id — so a reload or a scripted repeat is not
 * a new billable view. Stateless: the offer id and the lottery's seed are derived from the
 * viewer, placement, slot and window, so every instance gives the same answer.
 */
export const REPEAT_OFFER_SECONDS = 5;

// The index is built once per active set (and local day of its campaigns' zones), then shared
// by every request; each placement's part on the first request for that placement.
const indexes = new WeakMap<ActiveSet, AdIndex>();

/** Starts the set's index now (for today): how long it holds, from every campaign's zone; budgets and the placements' parts wait for their first ad. */
export function prepareAdIndex(set: ActiveSet, now: number = Date.now()): void {
  indexFor(set, now);
}

function indexFor(set: ActiveSet, now: number): AdIndex {
  const cached = indexes.get(set);
  if (cached && cached.validFrom <= now && now < cached.validUntil) return cached;
  const index = buildAdIndexOnDemand(set, now);
  indexes.set(set, index);
  return index;
}

/**
 * One ad decision: the cached active set, the placement's candidates, the lottery, one Redis
 * read when a frequency-capped campaign is in the running (another only when the viewer is
 * capped out of a whole round of them: select-ad.ts), and a signed offer. Nothing is
 * written: the offer travels in the impression and click URLs.
 */
export async function serveAd(deps: ServeDependencies, request: ServeRequest): Promise<ServeResult> {
  const set = await deps.activeSet();
  try {
    return await decide(deps, request, set);
  } catch (error) {
    // A part of the shared copy was damaged: the cache has dropped that copy (it was told);
    // the set that replaces it, from the database, decides — slower, but the page gets its ad.
    if (!(error instanceof DamagedCopyError)) throw error;
    return decide(deps, request, await deps.activeSet());
  }
}

async function decide(deps: ServeDependencies, request: ServeRequest, set: ActiveSet): Promise<ServeResult> {
  const now = request.now ?? Date.now();
  const index = indexFor(set, now);
  const placement = index.placements.get(request.placementId);
  if (!placement) return { kind: "unknown_placement" };
  if (request.room !== undefined && placement.placement.width > request.room) return { kind: "does_not_fit" };

  const context: RequestContext = {
    now,
    country: request.country,
    device: request.device,
    keywords: request.keywords.length === 0 ? placement.keywords : [...request.keywords, ...placement.keywords],
  };
  const nowSeconds = Math.floor(now / 1000);
  const issuedAt = nowSeconds - (nowSeconds % REPEAT_OFFER_SECONDS);
  const viewer = viewerId({ address: request.address, userAgent: request.userAgent, atSeconds: issuedAt }, deps.secret);
  const draw = createHmac("sha256", deps.secret).update(`offer\n${viewer}\n${placement.placement.id}\n${request.slot}\n${issuedAt}`).digest();
  const random = deps.random ?? seededRandom(draw.readUInt32BE(12));

  const nextRound = rankCandidates(placement, context, random);
  let chosen: IndexedCampaign | null = null;
  // Once the counts could not be read, capped campaigns are skipped without asking again.
  let unreadable = false;
  for (let round = nextRound(); round.length > 0 && !chosen; round = nextRound()) {
    const capped = round.filter((entry) => entry.campaign.frequencyCap);
    const seen: ReadonlyMap<string, number> | null = capped.length === 0 ? NOTHING_SEEN : unreadable ? null : await readImpressionCounts(deps.store, viewer, capped, nowSeconds);
    unreadable ||= seen === null;
    chosen = firstUnderCap(round, seen);
  }
  if (!chosen) return { kind: "no_fill" };

  const { campaign } = chosen;
  const creative = pickCreative(chosen, random);
  const offer: Offer = {
    offerId: draw.subarray(0, 12).toString("base64url"),
    campaignId: campaign.id,
    creativeId: creative.id,
    placementId: placement.placement.id,
    pricingModel: campaign.pricingModel,
    priceMicros: campaign.priceMicros,
    issuedAt,
    country: request.country,
    device: request.device,
    viewer,
    capPeriodSeconds: campaign.frequencyCap?.periodSeconds ?? 0,
    page: request.pageHost !== undefined && isOnDomains(request.pageHost, placement.placement.domains) ? hostTag(request.pageHost) : "-",
  };
  const token = signOffer(offer, deps.secret);
  return {
    kind: "ad",
    response: {
      ad: {
        kind: creative.kind,
        width: creative.width,
        height: creative.height,
        imageUrl: creative.imageUrl ? new URL(creative.imageUrl, request.origin).toString() : null,
        altText: creative.altText,
        headline: creative.headline,
        body: creative.body,
        html: creative.html,
      },
      label: placement.placement.label,
      impressionUrl: impressionUrl(request.origin, token),
      clickUrl: clickUrl(request.origin, token),
    },
  };
}

const NOTHING_SEEN: ReadonlyMap<string, number> = new Map();

async function readImpressionCounts(store: KeyValueStore, viewer: string, capped: IndexedCampaign[], nowSeconds: number): Promise<Map<string, number> | null> {
  const keys = capped.map(({ campaign }) => frequencyCapKey(viewer, campaign.id, campaign.frequencyCap!.periodSeconds, nowSeconds));
  try {
    const values = await store.mget(keys);
    return new Map(capped.map(({ campaign }, position) => [campaign.id, Number(values[position] ?? 0)]));
  } catch {
    return null;
  }
}
