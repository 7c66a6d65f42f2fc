import { randomBytes } from "node:crypto";
import type { KeyValueStore } from "@/lib/redis/store";
import { signOffer, type Offer } from "@/lib/tracking/offer-token";
import { utcDay, type ActiveSet, type DeviceType } from "./active-set";
import { buildAdIndex, type AdIndex, type IndexedCampaign } from "./ad-index";
import type { RequestContext } from "./eligibility";
import { frequencyCapKey } from "./frequency-cap";
import { firstUnderCap, pickCreative, rankCandidates, type Random } from "./select-ad";
import { viewerId } from "./viewer";

export interface ServeRequest {
  placementId: string;
  keywords: string[];
  country: string;
  device: DeviceType;
  ip: string;
  userAgent: string;
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
  impressionUrl: string;
  clickUrl: string;
}

export type ServeResult = { kind: "ad"; response: AdResponse } | { kind: "no_fill" } | { kind: "unknown_placement" };

export interface ServeDependencies {
  activeSet: () => Promise<ActiveSet>;
  store: KeyValueStore;
  secret: string;
  random?: Random;
}

// The index is built once per active set (and UTC day), then shared by every request.
const indexes = new WeakMap<ActiveSet, AdIndex>();

/** Builds the set's index now (for today), so that the first request using the set does not. */
export function prepareAdIndex(set: ActiveSet, now: number = Date.now()): void {
  indexFor(set, utcDay(now));
}

function indexFor(set: ActiveSet, day: string): AdIndex {
  const cached = indexes.get(set);
  if (cached && cached.day === day) return cached;
  const index = buildAdIndex(set, day);
  indexes.set(set, index);
  return index;
}

/**
 * One ad decision: the cached active set, the placement's candidates, the lottery, at most
 * one Redis read (only when a frequency-capped campaign is in the running), and a signed
 * offer. Nothing is written: the offer travels in the impression and click URLs.
 */
export async function serveAd(deps: ServeDependencies, request: ServeRequest): Promise<ServeResult> {
  const now = request.now ?? Date.now();
  const random = deps.random ?? Math.random;
  const day = utcDay(now);
  const index = indexFor(await deps.activeSet(), day);
  const placement = index.placements.get(request.placementId);
  if (!placement) return { kind: "unknown_placement" };

  const context: RequestContext = {
    now,
    day,
    country: request.country,
    device: request.device,
    keywords: request.keywords.length === 0 ? placement.keywords : [...request.keywords, ...placement.keywords],
  };
  const ranked = rankCandidates(placement, context, index.set.day, random);
  if (ranked.length === 0) return { kind: "no_fill" };

  const nowSeconds = Math.floor(now / 1000);
  let viewer: string | undefined;
  const capped = ranked.filter((entry) => entry.campaign.frequencyCap);
  let seen: Map<string, number> | null = new Map();
  if (capped.length > 0) {
    viewer = viewerId({ ip: request.ip, userAgent: request.userAgent, day }, deps.secret);
    seen = await readImpressionCounts(deps.store, viewer, capped, nowSeconds);
  }
  const chosen = firstUnderCap(ranked, seen);
  if (!chosen) return { kind: "no_fill" };

  const { campaign } = chosen;
  const creative = pickCreative(chosen, random);
  const offer: Offer = {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: campaign.id,
    creativeId: creative.id,
    placementId: placement.placement.id,
    pricingModel: campaign.pricingModel,
    priceMicros: campaign.priceMicros,
    issuedAt: nowSeconds,
    country: request.country,
    device: request.device,
    viewer: campaign.frequencyCap ? (viewer ?? "-") : "-",
    capPeriodSeconds: campaign.frequencyCap?.periodSeconds ?? 0,
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
      impressionUrl: `${request.origin}/api/i/${token}`,
      clickUrl: `${request.origin}/c/${token}`,
    },
  };
}

async function readImpressionCounts(store: KeyValueStore, viewer: string, capped: IndexedCampaign[], nowSeconds: number): Promise<Map<string, number> | null> {
  const keys = capped.map(({ campaign }) => frequencyCapKey(viewer, campaign.id, campaign.frequencyCap!.periodSeconds, nowSeconds));
  try {
    const values = await store.mget(keys);
    return new Map(capped.map(({ campaign }, position) => [campaign.id, Number(values[position] ?? 0)]));
  } catch {
    return null;
  }
}
