import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CLICK_MAX_AGE_SECONDS,
  IMPRESSION_MAX_AGE_SECONDS,
  LEGACY_PAGE,
  signOffer,
  verifyOffer,
  type Offer,
} from "@/lib/offers/offer-token";

const SECRET = "a".repeat(32) + "-this-deployment";
const OTHER_DEPLOYMENT = "b".repeat(32) + "-another-deployment";
const NOW_MS = Date.parse("2026-11-25T12:00:00Z");
const NOW_S = NOW_MS / 1000;

const offer: Offer = {
  offerId: "oFfEr_123-abc",
  campaignId: "demo-campaign-spring",
  creativeId: "demo-creative-spring-mpu",
  placementId: "demo-placement-sidebar",
  pricingModel: "CPM",
  priceMicros: 4_000_000,
  issuedAt: NOW_S - 30,
  country: "DE",
  device: "MOBILE",
  viewer: "Vw3r_-x",
  capPeriodSeconds: 86_400,
  page: "pAgEtAg1",
};

const verify = (token: string, options: { secret?: string; maxAgeSeconds?: number; now?: number } = {}) =>
  verifyOffer(token, options.secret ?? SECRET, { maxAgeSeconds: options.maxAgeSeconds ?? IMPRESSION_MAX_AGE_SECONDS, now: options.now ?? NOW_MS });

/** Replaces one dot-separated field of a token, keeping its signature. */
function withField(token: string, index: number, value: string): string {
  const parts = token.split(".");
  parts[index] = value;
  return parts.join(".");
}

describe("offer tokens", () => {
  it("round-trips every field of the offer", () => {
    expect(verify(signOffer(offer, SECRET))).toEqual({ ok: true, offer });
  });

  it("round-trips a CPC offer without a cap, served off its site", () => {
    const cpc: Offer = { ...offer, pricingModel: "CPC", priceMicros: 600_000, capPeriodSeconds: 0, device: "OTHER", country: "ZZ", page: "-" };
    expect(verify(signOffer(cpc, SECRET))).toEqual({ ok: true, offer: cpc });
  });

  it("refuses a token signed by another deployment (different secret) as forged", () => {
    expect(verify(signOffer(offer, OTHER_DEPLOYMENT))).toEqual({ ok: false, problem: "forged" });
  });

  it.each([
    ["offer id", 1, "another-offer"],
    ["campaign", 2, "other-campaign"],
    ["creative", 3, "other-creative"],
    ["placement", 4, "other-placement"],
    ["pricing model", 5, "c"],
    ["price", 6, (1).toString(36)],
    ["issued-at", 7, (NOW_S - 10).toString(36)],
    ["country", 8, "US"],
    ["device", 9, "d"],
    ["viewer", 10, "someone-else"],
    ["cap period", 11, "0"],
    ["page", 12, "-"],
  ])("refuses a token whose %s was altered as forged", (_field, index, value) => {
    const token = signOffer(offer, SECRET);
    expect(verify(withField(token, index, value))).toEqual({ ok: false, problem: "forged" });
  });

  it("refuses a token whose signature was altered as forged", () => {
    const token = signOffer(offer, SECRET);
    const signature = token.split(".").at(-1)!;
    const altered = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verify(withField(token, 13, altered))).toEqual({ ok: false, problem: "forged" });
  });

  it("refuses a truncated signature as forged", () => {
    const token = signOffer(offer, SECRET);
    expect(verify(token.slice(0, -3))).toEqual({ ok: false, problem: "forged" });
  });

  it("refuses a token missing its last field as malformed", () => {
    const token = signOffer(offer, SECRET);
    expect(verify(token.slice(0, token.lastIndexOf(".")))).toEqual({ ok: false, problem: "malformed" });
  });

  it.each([
    ["empty", ""],
    ["garbage", "not-a-token"],
    ["wrong version", withField(signOffer(offer, SECRET), 0, "3")],
    ["version 1 with the fields of version 2", withField(signOffer(offer, SECRET), 0, "1")],
    ["too long", "1." + "x".repeat(600)],
    ["an extra field", `${signOffer(offer, SECRET)}.extra`],
  ])("refuses a malformed token (%s)", (_name, token) => {
    expect(verify(token)).toEqual({ ok: false, problem: "malformed" });
  });

  it("honours a token of version 1 (minted before pages were checked) as served to any page", () => {
    const fields = signOffer(offer, SECRET).split(".").slice(0, 12);
    fields[0] = "1";
    const payload = fields.join(".");
    const signature = createHmac("sha256", SECRET).update(payload).digest().subarray(0, 16).toString("base64url");
    expect(verify(`${payload}.${signature}`)).toEqual({ ok: true, offer: { ...offer, page: LEGACY_PAGE } });
  });

  it("refuses a well-signed token with an invalid field as malformed", () => {
    expect(verify(signOffer({ ...offer, page: "not a tag" }, SECRET))).toEqual({ ok: false, problem: "malformed" });
    expect(verify(signOffer({ ...offer, country: "germany" }, SECRET))).toEqual({ ok: false, problem: "malformed" });
    expect(verify(signOffer({ ...offer, offerId: "has spaces" }, SECRET))).toEqual({ ok: false, problem: "malformed" });
  });

  it("accepts an impression up to its maximum age and refuses it after as expired", () => {
    const atLimit = signOffer({ ...offer, issuedAt: NOW_S - IMPRESSION_MAX_AGE_SECONDS }, SECRET);
    const pastLimit = signOffer({ ...offer, issuedAt: NOW_S - IMPRESSION_MAX_AGE_SECONDS - 1 }, SECRET);
    expect(verify(atLimit).ok).toBe(true);
    expect(verify(pastLimit)).toEqual({ ok: false, problem: "expired" });
  });

  it("gives clicks a longer life than impressions", () => {
    const token = signOffer({ ...offer, issuedAt: NOW_S - 2 * 3600 }, SECRET);
    expect(verify(token)).toEqual({ ok: false, problem: "expired" });
    expect(verify(token, { maxAgeSeconds: CLICK_MAX_AGE_SECONDS }).ok).toBe(true);
  });

  it("tolerates a minute of clock skew and refuses tokens further in the future", () => {
    expect(verify(signOffer({ ...offer, issuedAt: NOW_S + 60 }, SECRET)).ok).toBe(true);
    expect(verify(signOffer({ ...offer, issuedAt: NOW_S + 61 }, SECRET))).toEqual({ ok: false, problem: "future" });
  });

  it("checks everything but the age with ignoreAge (the click redirect of an expired link)", () => {
    const old = signOffer({ ...offer, issuedAt: NOW_S - 30 * 86_400 }, SECRET);
    const future = signOffer({ ...offer, issuedAt: NOW_S + 3600 }, SECRET);
    const anyAge = { maxAgeSeconds: 60, now: NOW_S * 1000, ignoreAge: true };
    expect(verifyOffer(old, SECRET, anyAge).ok).toBe(true);
    expect(verifyOffer(future, SECRET, anyAge).ok).toBe(true);
    expect(verifyOffer(old, OTHER_DEPLOYMENT, anyAge)).toEqual({ ok: false, problem: "forged" });
  });
});
