import type { ActiveSet } from "@/lib/ads/active-set";
import { DamagedCopyError } from "@/lib/ads/active-set-parts";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { httpUrl } from "@/lib/model/urls";
import type { Offer } from "@/lib/offers/offer-token";

const landingIndexes = new WeakMap<ActiveSet, Map<string, { campaignId: string; landingUrl: string }>>();

/**
 * The landing URL stored for the offer's creative — the only place a click may go: from the
 * cached active set (indexed once per set), else from the database for a creative that is no
 * longer served. Only what the creative form accepts today (httpUrl): a URL stored under
 * older rules — with user info, say — is answered like a missing one.
 */
export async function findLandingUrl(offer: Offer, deps: { activeSet: () => Promise<ActiveSet>; prisma: PrismaClient }): Promise<string | undefined> {
  const set = await deps.activeSet().catch(() => undefined);
  // A set whose shared copy turns out damaged (its parts are read here) answers nothing: the database does.
  const cached = set && cachedLanding(set, offer.creativeId);
  if (cached && cached.campaignId === offer.campaignId) return httpUrl(cached.landingUrl) ?? undefined;
  const creative = await deps.prisma.creative.findUnique({ where: { id: offer.creativeId }, select: { campaignId: true, landingUrl: true } });
  return creative && creative.campaignId === offer.campaignId ? (httpUrl(creative.landingUrl) ?? undefined) : undefined;
}

function cachedLanding(set: ActiveSet, creativeId: string): { campaignId: string; landingUrl: string } | undefined {
  let index = landingIndexes.get(set);
  if (!index) {
    try {
      index = new Map(set.campaigns.flatMap((campaign) => campaign.creatives.map((creative) => [creative.id, { campaignId: campaign.id, landingUrl: creative.landingUrl }] as const)));
    } catch (error) {
      if (error instanceof DamagedCopyError) return undefined;
      throw error;
    }
    landingIndexes.set(set, index);
  }
  return index.get(creativeId);
}
