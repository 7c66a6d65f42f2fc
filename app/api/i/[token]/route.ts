import { after } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { invalidateActiveCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { preflightResponse, publicApiHeaders } from "@/lib/http/client";
import { store } from "@/lib/redis";
import { budgetExhaustedNotifier } from "@/lib/tracking/budget-exhausted";
import { isBotOrPrefetch } from "@/lib/tracking/classify-request";
import { IMPRESSION_MAX_AGE_SECONDS, verifyOffer, type TokenProblem } from "@/lib/tracking/offer-token";
import { clickDrainDue, drainParkedClicks } from "@/lib/tracking/click-buffer";
import { recordImpression } from "@/lib/tracking/record-impression";

// The impression beacon: GET (an image or fetch) or POST (navigator.sendBeacon).
// 204 + `Marquee-Event: counted | duplicate | ignored` once the database holds the event;
// 503 + Retry-After when it cannot — never an acknowledgement of an event that is not stored.

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ token: string }>;
}

const headers = { ...publicApiHeaders, "Access-Control-Expose-Headers": "Marquee-Event" };

const onBudgetExhausted = budgetExhaustedNotifier(() => invalidateActiveCampaigns());

async function trackImpression(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  const verified = verifyOffer(token, env().MARQUEE_SECRET, { maxAgeSeconds: IMPRESSION_MAX_AGE_SECONDS });
  if (!verified.ok) return toErrorResponse(tokenError(verified.problem), { headers });
  if (isBotOrPrefetch(request.headers, request.method)) return answer("ignored");
  const deps = { prisma, store: store(), onBudgetExhausted };
  try {
    const outcome = await recordImpression(deps, verified.offer);
    // The database is up: replay clicks parked during an outage (see lib/tracking/click-buffer.ts).
    if (clickDrainDue()) after(() => drainParkedClicks(deps));
    return answer(outcome);
  } catch (error) {
    reportUnrecorded(error);
    return toErrorResponse(
      new ApiError("unavailable", "The impression could not be recorded right now. Please retry.", { headers: { "Retry-After": "5" } }),
      { headers },
    );
  }
}

export const GET = trackImpression;
export const POST = trackImpression;

/** Explicit, or Next.js would answer HEAD by running GET — and count it. */
export function HEAD(): Response {
  return answer("ignored");
}

export function OPTIONS(): Response {
  return preflightResponse("GET, POST, HEAD, OPTIONS");
}

function answer(event: "counted" | "duplicate" | "ignored"): Response {
  return new Response(null, { status: 204, headers: { ...headers, "Marquee-Event": event } });
}

function tokenError(problem: TokenProblem): ApiError {
  switch (problem) {
    case "malformed":
      return new ApiError("bad_request", "The impression token is malformed.");
    case "forged":
      return new ApiError("forbidden", "The impression token's signature is not valid.");
    case "expired":
      return new ApiError("gone", `The impression token has expired: impressions count within ${IMPRESSION_MAX_AGE_SECONDS / 60} minutes of the ad being served.`);
    case "future":
      return new ApiError("gone", "The impression token is dated in the future.");
  }
}

let lastFailureLog = 0;
function reportUnrecorded(error: unknown) {
  const now = Date.now();
  if (now - lastFailureLog < 10_000) return; // one line per 10 s during an outage, not one per beacon
  lastFailureLog = now;
  const message = error instanceof Error ? (error.message.trim().split("\n").pop() ?? error.name) : String(error);
  console.error(`Impression not recorded, answered 503 (database unavailable?): ${message}`);
}
