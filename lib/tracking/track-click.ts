import type { ActiveSet } from "@/lib/ads/active-set";
import { AppError } from "@/lib/errors";
import { drainParkedEvents, parkEvent, parkedDrainDue } from "./event-buffer";
import { isSpeculative, judgeEvent } from "./invalid-traffic";
import { findLandingUrl } from "./landing-url";
import { CLICK_MAX_AGE_SECONDS, verifyOffer, type Offer } from "@/lib/offers/offer-token";
import { recordClick } from "./record-click";
import type { TrackContext, TrackRequest } from "./track-impression";

export interface ClickContext extends TrackContext {
  activeSet: () => Promise<ActiveSet>;
}

export interface ClickRedirect {
  landingUrl: string;
  /** "accepted": it will be recorded (valid or not; the answer does not say). "ignored": HEAD, prefetch, an expired link. */
  event: "accepted" | "ignored";
}

/**
 * The click redirect: where to send the visitor — the landing URL stored for the offer's
 * creative, never a URL from the request — and, after the response, the click recorded
 * (exactly once, with its validity; with its impression when that was not stored yet). When
 * the database cannot take it, it is parked in Redis and replayed later. The visitor is
 * redirected whatever happens to the recording.
 *
 * Throws AppError: 400 for a forged or malformed link (no hint of which), 404 when the
 * creative is gone, 503 when the landing URL cannot be looked up.
 */
export async function trackClick(request: TrackRequest, context: ClickContext): Promise<ClickRedirect> {
  const verified = verifyOffer(request.token, context.secret, { maxAgeSeconds: CLICK_MAX_AGE_SECONDS });
  let offer: Offer;
  let counts: boolean;
  if (verified.ok) {
    offer = verified.offer;
    counts = !isSpeculative(request.headers, request.method) && (await context.limiter.allow("click", request.address));
  } else if (verified.problem === "expired" || verified.problem === "future") {
    // Our signature, a bad age: the landing URL is trustworthy, the click does not count.
    const anyAge = verifyOffer(request.token, context.secret, { maxAgeSeconds: CLICK_MAX_AGE_SECONDS, ignoreAge: true });
    if (!anyAge.ok) throw new AppError("bad_request", "This ad link is not valid.");
    offer = anyAge.offer;
    counts = false;
  } else {
    throw new AppError("bad_request", "This ad link is not valid.");
  }

  let landingUrl: string | undefined;
  try {
    landingUrl = await findLandingUrl(offer, context);
  } catch (error) {
    context.log.error("Click links answer 503: neither the cached set nor the database can name the landing page", { outcome: "unavailable", error });
    throw new AppError("unavailable", "This ad link cannot be followed right now. Please retry.", { headers: { "Retry-After": "5" } });
  }
  if (!landingUrl) throw new AppError("not_found", "This ad no longer exists.");

  if (counts) {
    const verdict = judgeEvent({ kind: "click", headers: request.headers, address: request.address, offer, secret: context.secret, enabled: context.policy.enabled });
    const clickedAt = new Date();
    context.defer(async () => {
      try {
        await recordClick(context, offer, verdict, clickedAt);
      } catch (error) {
        try {
          await parkEvent(context.store, "click", offer, verdict, clickedAt);
          context.log.warn("Clicks are parked in Redis: the database cannot record them (replayed when it is back)", { outcome: "parked", error });
        } catch (parkError) {
          context.log.error("Clicks are lost: neither the database nor Redis can take them", { outcome: "lost", error: parkError });
        }
        return;
      }
      if (parkedDrainDue()) await drainParkedEvents(context);
    });
  }
  return { landingUrl, event: counts ? "accepted" : "ignored" };
}
