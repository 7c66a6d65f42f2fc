// The seed's design, for comparison only (never served by the app): on every request, GET
// `active_campaigns` from Redis through @upstash/redis, decode it (gunzip and JSON-parse: the
// seed stored plain JSON, which at 10,000 campaigns is over Upstash's 10 MB limit), scan
// every campaign for the ones that fit the placement and the viewer, draw one by weight
// in the highest tier, sign the offer.
import { randomBytes } from "node:crypto";
import type { Redis } from "@upstash/redis";
import type { ActiveCampaign, ActiveSet } from "@/lib/ads/active-set";
import { ACTIVE_CAMPAIGNS_KEY } from "@/lib/cache/active-campaigns-cache";
import { decodeEnvelope } from "@/lib/cache/active-campaigns-envelope";
import { TIERS } from "@/lib/ads/ad-index";
import { activeSetParts } from "@/lib/ads/active-set-parts";
import { hasBudget } from "@/lib/ads/budget";
import { effectiveCpmMicros } from "@/lib/model/pricing";
import type { ServeRequest } from "@/lib/ads/serve-ad";
import { signOffer } from "@/lib/offers/offer-token";

export async function naiveServe(redis: Redis, secret: string, request: ServeRequest): Promise<string | null> {
  // A string: the client's JSON parse of the gz1 format fails and leaves it as it came.
  const stored = await redis.get<string>(ACTIVE_CAMPAIGNS_KEY);
  const envelope = stored === null ? undefined : await decodeEnvelope<ActiveSet>(stored, activeSetParts());
  if (!envelope) throw new Error(`${ACTIVE_CAMPAIGNS_KEY} is not in Redis`);
  const set = envelope.value;
  const now = request.now ?? Date.now();
  const placement = set.placements.find((candidate) => candidate.id === request.placementId);
  if (!placement) return null;

  const fits = (campaign: ActiveCampaign) => {
    const { targeting } = campaign;
    if (campaign.startsAt > now || (campaign.endsAt !== null && campaign.endsAt <= now)) return false;
    if (targeting.placementIds.length > 0 && !targeting.placementIds.includes(placement.id)) return false;
    if (targeting.countriesInclude.length > 0 && !targeting.countriesInclude.includes(request.country)) return false;
    if (targeting.countriesExclude.includes(request.country)) return false;
    if (targeting.devices.length > 0 && !targeting.devices.includes(request.device)) return false;
    if (targeting.keywords.length > 0 && !targeting.keywords.some((keyword) => placement.keywords.includes(keyword))) return false;
    if (campaign.tier !== "HOUSE" && effectiveCpmMicros(campaign) < placement.floorPriceMicros) return false;
    if (!hasBudget(campaign, set.builtAt)) return false;
    return campaign.creatives.some((creative) => creative.width === placement.width && creative.height === placement.height);
  };
  const candidates = set.campaigns.filter(fits);
  const tier = TIERS.find((name) => candidates.some((campaign) => campaign.tier === name));
  if (!tier) return null;
  const inTier = candidates.filter((campaign) => campaign.tier === tier);
  const weights = inTier.map((campaign) => campaign.weight * Math.max(effectiveCpmMicros(campaign), 1));
  let target = Math.random() * weights.reduce((sum, weight) => sum + weight, 0);
  const chosen = inTier.find((_, i) => (target -= weights[i]!) < 0) ?? inTier[inTier.length - 1]!;
  const creative = chosen.creatives.find((candidate) => candidate.width === placement.width && candidate.height === placement.height)!;
  return signOffer(
    {
      offerId: randomBytes(12).toString("base64url"),
      campaignId: chosen.id,
      creativeId: creative.id,
      placementId: placement.id,
      pricingModel: chosen.pricingModel,
      priceMicros: chosen.priceMicros,
      issuedAt: Math.floor(now / 1000),
      country: request.country,
      device: request.device,
      viewer: "-",
      capPeriodSeconds: 0,
      page: "-",
    },
    secret,
  );
}
