import { AppError } from "@/lib/errors";
import type { ProblemLog } from "@/lib/log/throttled-log";
import type { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";
import { drainParkedClicks, clickDrainDue } from "./click-buffer";
import { isSpeculative, judgeEvent } from "./invalid-traffic";
import { IMPRESSION_MAX_AGE_SECONDS, tokenError, verifyOffer } from "@/lib/offers/offer-token";
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

/**
 * What the beacon answers in `Marquee-Event`: "counted" once the database holds the event —
 * valid or invalid alike, so that a script cannot learn what was filtered — "duplicate", or
 * "ignored" for HEAD and prefetches (not events: the real view may still come). A client past
 * its request limit is told "counted" too, and nothing is recorded.
 *
 * Throws AppError: 400/403/410 for a bad token, 503 when the database cannot record (never an
 * acknowledgement of an event that is not stored).
 */
export async function trackImpression(request: TrackRequest, context: TrackContext): Promise<"counted" | "duplicate" | "ignored"> {
  const verified = verifyOffer(request.token, context.secret, { maxAgeSeconds: IMPRESSION_MAX_AGE_SECONDS });
  if (!verified.ok) throw tokenError(verified.problem, "impression");
  if (isSpeculative(request.headers, request.method)) return "ignored";
  if (!(await context.limiter.allow("impression", request.address))) return "counted";
  const offer = verified.offer;
  const verdict = judgeEvent({ kind: "impression", headers: request.headers, address: request.address, offer, secret: context.secret, enabled: context.policy.enabled });
  let recorded;
  try {
    recorded = await recordImpression(context, offer, verdict);
  } catch (error) {
    context.log.error("Impressions are refused with 503: the database cannot record them", { outcome: "unavailable", error });
    throw new AppError("unavailable", "The impression could not be recorded right now. Please retry.", { headers: { "Retry-After": "5" } });
  }
  // The database is up: replay clicks parked during an outage (lib/tracking/click-buffer.ts).
  if (clickDrainDue()) context.defer(() => drainParkedClicks(context));
  return recorded.outcome;
}
