import { describe, expect, it } from "vitest";
import { clickUrl, impressionUrl, tokenOfTrackingUrl } from "@/lib/offers/offer-urls";

describe("tracking URLs", () => {
  const token = "v2.offer-1.campaign_1.c.p.M.1k.abc.ZZ.D.-.0.-.c2lnbmF0dXJl";

  it("carry the token in the query, so every event has the same path", () => {
    expect(impressionUrl("https://ads.example", token)).toBe(`https://ads.example/api/i?t=${token}`);
    expect(clickUrl("https://ads.example", token)).toBe(`https://ads.example/c?t=${token}`);
    expect(new URL(impressionUrl("https://ads.example", "a")).pathname).toBe(new URL(impressionUrl("https://ads.example", "b")).pathname);
  });

  it("escape what a token should never hold, and read it back unchanged", () => {
    const odd = "a&t=b c/+%";
    expect(tokenOfTrackingUrl(impressionUrl("https://ads.example", odd))).toBe(odd);
    expect(tokenOfTrackingUrl(clickUrl("https://ads.example", odd))).toBe(odd);
  });

  it("read the token of the older path form too, and nothing from any other URL", () => {
    expect(tokenOfTrackingUrl(`https://ads.example/api/i/${token}`)).toBe(token);
    expect(tokenOfTrackingUrl(`https://ads.example/c/${token}`)).toBe(token);
    expect(tokenOfTrackingUrl("https://ads.example/api/serve?placement=p")).toBe("");
    expect(tokenOfTrackingUrl("https://ads.example/c/a/b")).toBe("");
  });
});
