// Recording events in tests as a valid browser's would be: each offer's own viewer (so no two
// offers share a client's rate), VALID at the request level, the production policy.
import { parseEnv } from "@/lib/config/env";
import type { Judgement } from "@/lib/tracking/invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClick } from "@/lib/tracking/record-click";
import { recordImpression, type TrackingDeps } from "@/lib/tracking/record-impression";

/** The invalid-traffic policy of a deployment with default settings. */
export const DEFAULT_POLICY = parseEnv({}).invalidTraffic;

export type TestTrackingDeps = Omit<TrackingDeps, "policy"> & Partial<Pick<TrackingDeps, "policy">>;

/** A VALID request-level verdict, from a client of the offer's own (no two offers share a client's rates). */
export function validVerdict(offer: Offer): Judgement {
  return { validity: "VALID", client: `client-${offer.offerId}` };
}

export function withPolicy(deps: TestTrackingDeps): TrackingDeps {
  return { ...deps, policy: deps.policy ?? DEFAULT_POLICY };
}

/** recordImpression with a valid verdict: "counted" or "duplicate". */
export async function impression(deps: TestTrackingDeps, offer: Offer, at?: Date): Promise<string> {
  return (await recordImpression(withPolicy(deps), offer, validVerdict(offer), at)).outcome;
}

/** recordClick with a valid verdict: "counted" or "duplicate". */
export async function click(deps: TestTrackingDeps, offer: Offer, at?: Date): Promise<string> {
  return (await recordClick(withPolicy(deps), offer, validVerdict(offer), at)).outcome;
}
