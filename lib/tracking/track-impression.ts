import { AppError } from "@/lib/errors";
import type { ProblemLog } from "@/lib/log/throttled-log";
import type { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";
import { drainParkedEvents, parkEvent, parkedDrainDue } from "./event-buffer";
import { isSpeculative, judgeEvent, type Judgement } from "./invalid-traffic";
import { IMPRESSION_MAX_AGE_SECONDS, tokenError, verifyOffer, type Offer } from "@/lib/offers/offer-token";
import { recordImpression, type TrackingDeps } from "./record-impression";

export interface TrackRequest {
  token: string;
  method: string;
  headers: Headers;
  /** The client's address (lib/http/client.ts). */
  address: string;
}

export interface TrackContext extends TrackingDeps {
  secret: string;
  limiter: PublicRateLimiter;
  /** Degraded outcomes, throttled, with the request's id and route (lib/log). */
  log: ProblemLog;
}

export type BeaconEvent = "counted" | "duplicate" | "accepted" | "ignored";

/**
 * What the beacon answers in `Marquee-Event`: "counted" once the database holds the event —
 * valid or invalid alike, so that a script cannot learn what was filtered — "duplicate",
 * "accepted" when the database is down and the event is parked in Redis (recorded, exactly
 * once, when it is back: event-buffer.ts), or "ignored" for HEAD and prefetches (not events:
 * the real view may still come). A client past its request limit is told "counted" too, and
 * nothing is recorded.
 *
 * Throws AppError: 400/403/410 for a bad token, 503 when neither the database nor a shared
 * Redis can take the event (never an acknowledgement of an event that is not kept).
 */
export async function trackImpression(request: TrackRequest, context: TrackContext): Promise<BeaconEvent> {
  const verified = verifyOffer(request.token, context.secret, { maxAgeSeconds: IMPRESSION_MAX_AGE_SECONDS });
  if (!verified.ok) throw tokenError(verified.problem, "impression");
  if (isSpeculative(request.headers, request.method)) return "ignored";
  if (!(await context.limiter.allow("impression", request.address))) return "counted";
  const offer = verified.offer;
  const verdict = judgeEvent({ kind: "impression", headers: request.headers, address: request.address, offer, secret: context.secret, enabled: context.policy.enabled });
  const seenAt = new Date();
  let recorded;
  try {
    recorded = await recordImpression(context, offer, verdict, seenAt);
  } catch (error) {
    return park(context, { offer, verdict, at: seenAt }, error);
  }
  // The database is up: replay events parked during an outage (event-buffer.ts).
  if (parkedDrainDue()) context.defer(() => drainParkedEvents(context));
  return recorded.outcome;
}

/** The database cannot record the impression: parked in a shared Redis, or refused with 503 for the snippet to send again. */
async function park(context: TrackContext, event: { offer: Offer; verdict: Judgement; at: Date }, error: unknown): Promise<BeaconEvent> {
  if (context.store.kind !== "memory") {
    try {
      const parked = await parkEvent(context.store, "impression", event.offer, event.verdict, event.at);
      context.log.warn("Impressions are parked in Redis: the database cannot record them (replayed when it is back)", { outcome: "parked", error });
      return parked ? "accepted" : "duplicate";
    } catch (parkError) {
      error = parkError;
    }
  }
  context.log.error("Impressions are refused with 503: neither the database nor Redis can take them", { outcome: "unavailable", error });
  throw new AppError("unavailable", "The impression could not be recorded right now. Please retry.", { headers: { "Retry-After": "5" } });
}
