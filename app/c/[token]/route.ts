import { after } from "next/server";
import type { ActiveSet } from "@/lib/ads/active-set";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { activeCampaigns, invalidateActiveCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { store } from "@/lib/redis";
import { budgetExhaustedNotifier } from "@/lib/tracking/budget-exhausted";
import { isBotOrPrefetch } from "@/lib/tracking/classify-request";
import { CLICK_MAX_AGE_SECONDS, verifyOffer, type Offer } from "@/lib/tracking/offer-token";
import { clickDrainDue, drainParkedClicks, parkClick } from "@/lib/tracking/click-buffer";
import { recordClick } from "@/lib/tracking/record-click";
import { httpUrl } from "@/lib/zod/schemas/creatives";

// The click redirect: 302 to the landing URL stored for the offer's creative — never to a
// URL taken from the request. The click is recorded after the response is sent, so the
// visitor never waits for (or is stopped by) the database; when the database cannot record
// it, it is parked in Redis and replayed later (lib/tracking/click-buffer.ts).

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ token: string }>;
}

const onBudgetExhausted = budgetExhaustedNotifier(() => invalidateActiveCampaigns());

async function redirectClick(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  const secret = env().MARQUEE_SECRET;
  const verified = verifyOffer(token, secret, { maxAgeSeconds: CLICK_MAX_AGE_SECONDS });
  let offer: Offer;
  let counts: boolean;
  if (verified.ok) {
    offer = verified.offer;
    counts = !isBotOrPrefetch(request.headers, request.method);
  } else if (verified.problem === "expired" || verified.problem === "future") {
    // Our signature, a bad age: the landing URL is trustworthy, the click does not count.
    const anyAge = verifyOffer(token, secret, { maxAgeSeconds: CLICK_MAX_AGE_SECONDS, ignoreAge: true });
    if (!anyAge.ok) return toErrorResponse(new ApiError("bad_request", "This ad link is not valid."));
    offer = anyAge.offer;
    counts = false;
  } else {
    // Forged or malformed: 400 either way, and no hint of which.
    return toErrorResponse(new ApiError("bad_request", "This ad link is not valid."));
  }

  let landingUrl: string | undefined;
  try {
    landingUrl = await findLandingUrl(offer);
  } catch (error) {
    report("Click redirect could not look up the landing page", error);
    return toErrorResponse(new ApiError("unavailable", "This ad link cannot be followed right now. Please retry.", { headers: { "Retry-After": "5" } }));
  }
  if (!landingUrl) return toErrorResponse(new ApiError("not_found", "This ad no longer exists."));

  if (counts) {
    const clickedAt = new Date();
    after(async () => {
      const deps = { prisma, store: store(), onBudgetExhausted };
      try {
        await recordClick(deps, offer, clickedAt);
      } catch (error) {
        report("Clicks are being parked in Redis: the database cannot record them", error);
        await parkClick(deps.store, offer, clickedAt).catch((parkError: unknown) => {
          report(`Click ${offer.offerId} lost: neither the database nor Redis could take it`, parkError);
        });
        return;
      }
      if (clickDrainDue()) await drainParkedClicks(deps);
    });
  }
  return new Response(null, {
    status: 302,
    headers: {
      Location: landingUrl,
      "Cache-Control": "no-store",
      // The advertiser sees the publisher's origin (attribution), never the page's full URL.
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Robots-Tag": "noindex, nofollow",
      "Marquee-Event": counts ? "accepted" : "ignored",
    },
  });
}

export const GET = redirectClick;
/** Explicit so that HEAD is never counted (link checkers); it redirects like GET. */
export const HEAD = redirectClick;

const landingIndexes = new WeakMap<ActiveSet, Map<string, { campaignId: string; landingUrl: string }>>();

/**
 * The landing URL of the offer's creative, from the cached active set (built once per set),
 * else from the database for a creative that is no longer served. Only what the creative
 * form accepts today (httpUrl): a URL stored under older rules — with user info, say — is
 * answered like a missing one.
 */
async function findLandingUrl(offer: Offer): Promise<string | undefined> {
  const set = await activeCampaigns().get().catch(() => undefined);
  if (set) {
    let index = landingIndexes.get(set);
    if (!index) {
      index = new Map(set.campaigns.flatMap((campaign) => campaign.creatives.map((creative) => [creative.id, { campaignId: campaign.id, landingUrl: creative.landingUrl }] as const)));
      landingIndexes.set(set, index);
    }
    const cached = index.get(offer.creativeId);
    if (cached && cached.campaignId === offer.campaignId) return httpUrl(cached.landingUrl) ?? undefined;
  }
  const creative = await prisma.creative.findUnique({ where: { id: offer.creativeId }, select: { campaignId: true, landingUrl: true } });
  return creative && creative.campaignId === offer.campaignId ? (httpUrl(creative.landingUrl) ?? undefined) : undefined;
}

let lastFailureLog = 0;
function report(what: string, error: unknown) {
  const now = Date.now();
  if (now - lastFailureLog < 10_000) return; // one line per 10 s during an outage, not one per click
  lastFailureLog = now;
  const message = error instanceof Error ? (error.message.trim().split("\n").pop() ?? error.name) : String(error);
  console.error(`${what}: ${message}`);
}
