import { describe, expect, it } from "vitest";
import { clientId, viewerId } from "@/lib/offers/viewer";
import { hostTag } from "@/lib/http/page";
import { HEADER_MEMO_SIZE } from "@/lib/http/header-memo";
import { isNonBrowser, isSpeculative, judgeEvent, type EventEvidence } from "@/lib/tracking/invalid-traffic";
import { LEGACY_PAGE, type Offer } from "@/lib/offers/offer-token";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
const CUBOT_PHONE = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";

describe("isNonBrowser (isbot)", () => {
  it.each([
    ["desktop Chrome", CHROME],
    ["iPhone Safari", SAFARI_IPHONE],
    ["Firefox", FIREFOX],
    ["a phone whose model name contains 'bot' (Cubot)", CUBOT_PHONE],
  ])("takes %s for a person's browser", (_name, userAgent) => {
    expect(isNonBrowser(userAgent)).toBe(false);
  });

  it.each([
    ["Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
    ["AhrefsBot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"],
    ["Facebook's link preview", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["Slack's unfurler", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["headless Chrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"],
    ["curl", "curl/8.5.0"],
    ["python-requests", "python-requests/2.32.3"],
    ["Go's HTTP client", "Go-http-client/1.1"],
    ["Node's fetch", "node"],
    ["undici", "undici"],
    ["axios", "axios/1.7.2"],
    ["no User-Agent", ""],
    ["a blank User-Agent", "   "],
  ])("takes %s for a non-browser client", (_name, userAgent) => {
    expect(isNonBrowser(userAgent)).toBe(true);
  });
});

describe("isNonBrowser's memo of verdicts", () => {
  it("gives the same verdict the second time, from memory, for browsers and bots alike", () => {
    for (const userAgent of [CHROME, "curl/8.5.0", "", CUBOT_PHONE, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"]) {
      const first = isNonBrowser(userAgent);
      expect(isNonBrowser(userAgent)).toBe(first);
    }
    expect(isNonBrowser(CHROME)).toBe(false);
    expect(isNonBrowser("curl/8.5.0")).toBe(true);
  });

  it("stays bounded when every request brings another User-Agent, and still judges each one", () => {
    for (let i = 0; i < HEADER_MEMO_SIZE * 3; i++) {
      expect(isNonBrowser(`python-requests/2.${i}`)).toBe(true);
      expect(isNonBrowser(`${CHROME} build/${i}`)).toBe(false);
      expect(isNonBrowser.size).toBeLessThanOrEqual(HEADER_MEMO_SIZE);
    }
  });
});

describe("isSpeculative", () => {
  const speculative = (headers: Record<string, string>, method = "GET") => isSpeculative(new Headers(headers), method);

  it("is HEAD, whatever the client", () => {
    expect(speculative({ "user-agent": CHROME }, "HEAD")).toBe(true);
    expect(speculative({ "user-agent": CHROME }, "head")).toBe(true);
  });

  it.each([
    ["Purpose: prefetch", { purpose: "prefetch" }],
    ["Sec-Purpose: prefetch;prerender", { "sec-purpose": "prefetch;prerender" }],
    ["Sec-Purpose: prefetch;anonymous-client-ip", { "sec-purpose": "prefetch;anonymous-client-ip" }],
    ["X-Moz: prefetch", { "x-moz": "prefetch" }],
    ["X-Purpose: PREVIEW", { "x-purpose": "PREVIEW" }],
  ])("is a speculative load (%s)", (_name, headers) => {
    expect(speculative({ "user-agent": CHROME, ...headers })).toBe(true);
  });

  it("is not a request whose purpose headers name nothing speculative", () => {
    expect(speculative({ "user-agent": CHROME, "sec-purpose": "", "x-purpose": "navigate" }, "POST")).toBe(false);
  });
});

describe("judgeEvent", () => {
  const SECRET = "a-test-secret-that-is-at-least-32-characters";
  const ISSUED = 1_780_000_000;
  const SERVED = "203.0.113.7";
  const PAGE = "https://news.publisher.example/story";
  const offer = (overrides: Partial<Offer> = {}): Offer => ({
    offerId: "offer-1",
    campaignId: "campaign",
    creativeId: "creative",
    placementId: "placement",
    pricingModel: "CPM",
    priceMicros: 2_000_000,
    issuedAt: ISSUED,
    country: "DE",
    device: "DESKTOP",
    viewer: viewerId({ address: SERVED, userAgent: CHROME, atSeconds: ISSUED }, SECRET),
    capPeriodSeconds: 0,
    page: hostTag("news.publisher.example"),
    ...overrides,
  });
  const judge = ({ headers, ...overrides }: Partial<Omit<EventEvidence, "headers">> & { headers?: Record<string, string> } = {}) =>
    judgeEvent({
      kind: "impression",
      address: SERVED,
      offer: offer(),
      secret: SECRET,
      ...overrides,
      headers: new Headers(headers ?? { "user-agent": CHROME, origin: "https://news.publisher.example" }),
    });

  it("is VALID for the browser that was served, on the page it was served to", () => {
    expect(judge()).toEqual({ validity: "VALID", client: clientId({ address: SERVED, atSeconds: ISSUED }, SECRET) });
  });

  it("is BOT for a non-browser client, before anything else", () => {
    expect(judge({ headers: { "user-agent": "curl/8.5.0", origin: "https://evil.example" }, address: "198.51.100.1" }).validity).toBe("BOT");
  });

  it("is CLIENT_MISMATCH for a beacon from another address or another User-Agent", () => {
    expect(judge({ address: "198.51.100.1" }).validity).toBe("CLIENT_MISMATCH");
    expect(judge({ headers: { "user-agent": FIREFOX, origin: "https://news.publisher.example" } }).validity).toBe("CLIENT_MISMATCH");
  });

  it("counts a client's rates by its address alone: another User-Agent is the same client", () => {
    const firefox = judge({ headers: { "user-agent": FIREFOX, origin: "https://news.publisher.example" } });
    expect(firefox.client).toBe(judge().client);
    expect(judge({ address: "198.51.100.1" }).client).not.toBe(judge().client);
  });

  it("takes the same IPv6 /64 network for the same client (privacy addresses change)", () => {
    const v6 = offer({ viewer: viewerId({ address: "2001:db8:1:2::1", userAgent: CHROME, atSeconds: ISSUED }, SECRET) });
    expect(judge({ offer: v6, address: "2001:db8:1:2:abcd:ef01:2345:6789" }).validity).toBe("VALID");
    expect(judge({ offer: v6, address: "2001:db8:1:3::1" }).validity).toBe("CLIENT_MISMATCH");
  });

  it("is OFF_DOMAIN, with the page's host, when the event comes from another page than the one served", () => {
    expect(judge({ headers: { "user-agent": CHROME, origin: "https://copycat.example" } })).toMatchObject({ validity: "OFF_DOMAIN", pageHost: "copycat.example" });
    expect(judge({ headers: { "user-agent": CHROME, referer: "https://copycat.example/page" } })).toMatchObject({ validity: "OFF_DOMAIN", pageHost: "copycat.example" });
  });

  it("is OFF_DOMAIN when the ad was served to a page off the placement's site", () => {
    expect(judge({ offer: offer({ page: "-" }), headers: { "user-agent": CHROME, origin: "https://copycat.example" } })).toMatchObject({ validity: "OFF_DOMAIN", pageHost: "copycat.example" });
  });

  it("is OFF_DOMAIN for a beacon that names no page, but not for a click whose referrer was stripped", () => {
    expect(judge({ headers: { "user-agent": CHROME } })).toMatchObject({ validity: "OFF_DOMAIN", pageHost: undefined });
    expect(judge({ kind: "click", headers: { "user-agent": CHROME } }).validity).toBe("VALID");
    expect(judge({ kind: "click", headers: { "user-agent": CHROME, referer: PAGE } }).validity).toBe("VALID");
  });

  it("takes any page for a token minted before pages were checked, but still checks the client", () => {
    expect(judge({ offer: offer({ page: LEGACY_PAGE }), headers: { "user-agent": CHROME } }).validity).toBe("VALID");
    expect(judge({ offer: offer({ page: LEGACY_PAGE, viewer: "-" }), headers: { "user-agent": "curl/8" } }).validity).toBe("BOT");
  });

  it("is VALID for everything when filtering is off", () => {
    expect(judge({ enabled: false, headers: { "user-agent": "curl/8.5.0" }, address: "198.51.100.1" }).validity).toBe("VALID");
  });
});
