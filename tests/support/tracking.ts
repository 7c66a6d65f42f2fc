// Recording events in tests as a valid browser's would be: each offer's own viewer (so no two
// offers share a client's rate), VALID at the request level, the production policy.
import { parseEnv } from "@/lib/config/env";
import type { Judgement } from "@/lib/tracking/invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClick } from "@/lib/tracking/record-click";
import { recordImpression, type TrackingDeps } from "@/lib/tracking/record-impression";
import { randomBytes } from "node:crypto";
import { deferredWork, runAtOnce } from "./deferred-work";

/** The invalid-traffic policy of a deployment with default settings. */
export const DEFAULT_POLICY = parseEnv({}).invalidTraffic;

export type TestTrackingDeps = Omit<TrackingDeps, "policy" | "defer"> & Partial<Pick<TrackingDeps, "policy" | "defer">>;

/**
 * An offer as /api/serve mints one, of a campaign and creative the test made: a new offer id,
 * issued now, a CPM price of $1, on the demo site's sidebar placement, no cap, no page named.
 */
export function testOffer(offer: Pick<Offer, "campaignId" | "creativeId"> & Partial<Offer>): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    placementId: "placement-sidebar",
    pricingModel: "CPM",
    priceMicros: 1_000_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: "-",
    capPeriodSeconds: 0,
    page: "-",
    ...offer,
  };
}

/** A VALID request-level verdict, from a client of the offer's own (no two offers share a client's rates). */
export function validVerdict(offer: Offer): Judgement {
  return { validity: "VALID", client: `client-${offer.offerId}` };
}

/** The production policy unless one is given; work after the response starts at once unless a Defer is given. */
export function withPolicy(deps: TestTrackingDeps): TrackingDeps {
  return { ...deps, policy: deps.policy ?? DEFAULT_POLICY, defer: deps.defer ?? runAtOnce };
}

/**
 * Records as a route would, then runs the work the route hands to after() (the budget
 * reaction) and waits for it: what a test sees next is the state after the response.
 */
async function recorded<T>(deps: TestTrackingDeps, record: (deps: TrackingDeps) => Promise<T>): Promise<T> {
  if (deps.defer) return record(withPolicy(deps));
  const work = deferredWork();
  const result = await record(withPolicy({ ...deps, defer: work.defer }));
  await work.settle();
  return result;
}

/** recordImpression with a valid verdict: "counted" or "duplicate". */
export async function impression(deps: TestTrackingDeps, offer: Offer, at?: Date): Promise<string> {
  return (await recorded(deps, (full) => recordImpression(full, offer, validVerdict(offer), at))).outcome;
}

/** recordClick with a valid verdict: "counted" or "duplicate". */
export async function click(deps: TestTrackingDeps, offer: Offer, at?: Date): Promise<string> {
  return (await recorded(deps, (full) => recordClick(full, offer, validVerdict(offer), at))).outcome;
}
