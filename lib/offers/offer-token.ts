import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { DeviceType, PricingModel } from "@/lib/model/enums";

// An offer is what a decision hands out: which creative of which campaign was offered on
// which placement, at what price, when, to whom. It is not stored; it travels signed in
// the impression and click URLs. The HMAC makes every field tamper-proof, so tracking
// trusts the token and needs no lookup to know what to record and charge.

export interface Offer {
  /** Random, unique per decision: the idempotency key of its impression and its click. */
  offerId: string;
  campaignId: string;
  creativeId: string;
  placementId: string;
  pricingModel: PricingModel;
  /** CPM: the campaign's price per 1,000 impressions; CPC: its price per click. Micro-units. */
  priceMicros: number;
  /** Epoch seconds. */
  issuedAt: number;
  /** ISO 3166-1 alpha-2, "ZZ" when unknown. */
  country: string;
  device: DeviceType;
  /**
   * Keyed hash of the client that was served (lib/offers/viewer.ts): frequency caps count it,
   * and an event from another client is invalid. "-" only in tokens of version 1.
   */
  viewer: string;
  /** The campaign's frequency-cap period in seconds, 0 without a cap. */
  capPeriodSeconds: number;
  /**
   * The page the ad was served to, when it was on the placement's site (its Origin or Referer
   * host on the site's domains): a short hash of its host (lib/http/page.ts hostTag), so that
   * a beacon or click from another page can be told apart. "-" when it was not on the site.
   */
  page: string;
}

const VERSION = "2";
const FIELD_COUNT = 14; // version + 12 offer fields + signature
/** Tokens minted before the invalid-traffic checks (no page field): still honoured until they expire. */
const LEGACY_VERSION = "1";
const LEGACY_FIELD_COUNT = 13;
const SIGNATURE_BYTES = 16;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PAGE = /^[A-Za-z0-9_-]{8}$/;
/** The page of a legacy token: served before pages were checked, so any page is taken as its own. */
export const LEGACY_PAGE = "*";
const COUNTRY = /^[A-Z]{2}$/;
const DEVICE_CODES: Record<DeviceType, string> = { DESKTOP: "d", MOBILE: "m", TABLET: "t", OTHER: "o" };
const DEVICES_BY_CODE = Object.fromEntries(Object.entries(DEVICE_CODES).map(([device, code]) => [code, device])) as Record<string, DeviceType>;
const MODEL_CODES: Record<PricingModel, string> = { CPM: "m", CPC: "c" };
const MODELS_BY_CODE: Record<string, PricingModel> = { m: "CPM", c: "CPC" };

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}

export function signOffer(offer: Offer, secret: string): string {
  const payload = [
    VERSION,
    offer.offerId,
    offer.campaignId,
    offer.creativeId,
    offer.placementId,
    MODEL_CODES[offer.pricingModel],
    offer.priceMicros.toString(36),
    offer.issuedAt.toString(36),
    offer.country,
    DEVICE_CODES[offer.device],
    offer.viewer,
    offer.capPeriodSeconds.toString(36),
    offer.page,
  ].join(".");
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenProblem = "malformed" | "forged" | "expired" | "future";

export type VerifiedOffer = { ok: true; offer: Offer } | { ok: false; problem: TokenProblem };

/**
 * Checks shape, signature (constant time) and age. `maxAgeSeconds` differs by use:
 * impressions must come soon after the decision, clicks may come later.
 */
export function verifyOffer(token: string, secret: string, options: { maxAgeSeconds: number; now?: number; ignoreAge?: boolean }): VerifiedOffer {
  if (token.length > 512) return { ok: false, problem: "malformed" };
  const parts = token.split(".");
  const legacy = parts[0] === LEGACY_VERSION && parts.length === LEGACY_FIELD_COUNT;
  if (!legacy && (parts.length !== FIELD_COUNT || parts[0] !== VERSION)) return { ok: false, problem: "malformed" };
  const signature = parts[parts.length - 1]!;
  const payload = token.slice(0, token.length - signature.length - 1);
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "forged" };

  const fields = legacy ? [...parts.slice(0, -1), LEGACY_PAGE] : parts.slice(0, -1);
  const [, offerId, campaignId, creativeId, placementId, model, price, issued, country, deviceCode, viewer, capPeriod, page] = fields as [
    string, string, string, string, string, string, string, string, string, string, string, string, string,
  ];
  const pricingModel = MODELS_BY_CODE[model];
  const device = DEVICES_BY_CODE[deviceCode];
  const priceMicros = parseInt(price, 36);
  const issuedAt = parseInt(issued, 36);
  const capPeriodSeconds = parseInt(capPeriod, 36);
  // A valid signature over a malformed payload means our own bug or a leaked secret: refuse.
  if (
    ![offerId, campaignId, creativeId, placementId].every((id) => ID.test(id)) ||
    !pricingModel || !device || !COUNTRY.test(country) || !(viewer === "-" || ID.test(viewer)) ||
    !Number.isSafeInteger(priceMicros) || priceMicros < 0 || !Number.isSafeInteger(issuedAt) || !Number.isSafeInteger(capPeriodSeconds) ||
    !(page === "-" || page === LEGACY_PAGE || PAGE.test(page))
  ) {
    return { ok: false, problem: "malformed" };
  }
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (!options.ignoreAge && issuedAt > now + 60) return { ok: false, problem: "future" };
  if (!options.ignoreAge && now - issuedAt > options.maxAgeSeconds) return { ok: false, problem: "expired" };
  return {
    ok: true,
    offer: { offerId, campaignId, creativeId, placementId, pricingModel, priceMicros, issuedAt, country, device, viewer, capPeriodSeconds, page },
  };
}

/** The answer to a token that does not verify (the click route answers every problem alike). */
export function tokenError(problem: TokenProblem, use: "impression"): AppError {
  switch (problem) {
    case "malformed":
      return new AppError("bad_request", `The ${use} token is malformed.`);
    case "forged":
      return new AppError("forbidden", `The ${use} token's signature is not valid.`);
    case "expired":
      return new AppError("gone", `The ${use} token has expired: impressions count within ${IMPRESSION_MAX_AGE_SECONDS / 60} minutes of the ad being served.`);
    case "future":
      return new AppError("gone", `The ${use} token is dated in the future.`);
  }
}

/** How long after the decision an impression beacon is accepted. */
export const IMPRESSION_MAX_AGE_SECONDS = 60 * 60;
/** How long after the decision a click is counted (the redirect works for any valid token). */
export const CLICK_MAX_AGE_SECONDS = 24 * 60 * 60;
