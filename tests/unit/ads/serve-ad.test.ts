import { tokenOfTrackingUrl } from "@/lib/offers/offer-urls";
import { describe, expect, it } from "vitest";
import { frequencyCapKey } from "@/lib/offers/frequency-cap";
import { REPEAT_OFFER_SECONDS, serveAd, type ServeRequest } from "@/lib/ads/serve-ad";
import { hostTag } from "@/lib/http/page";
import { viewerId } from "@/lib/offers/viewer";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore, type StoreBackend, type StoreCommand } from "@/lib/redis/store";
import { verifyOffer } from "@/lib/offers/offer-token";
import { activeSet, campaign, creative, DAY, NOW, placement, seededRandom } from "@/tests/support/active-set-fixtures";
import type { ActiveSet } from "@/lib/ads/active-set";

const SECRET = "a-test-secret-that-is-at-least-32-characters";

/** The in-process store, counting round trips. */
class CountingBackend implements StoreBackend {
  readonly kind = "memory" as const;
  roundTrips = 0;
  /** The keys of each MGET, in order. */
  readonly reads: string[][] = [];
  /** Set: every round trip fails, as with Redis down. */
  failing = false;
  readonly inner = new MemoryStore(() => NOW);
  exec(commands: readonly StoreCommand[]) {
    this.roundTrips += 1;
    for (const command of commands) if (command.op === "mget") this.reads.push(command.keys);
    if (this.failing) return Promise.reject(new Error("Redis is down"));
    return this.inner.exec(commands);
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}

const request: ServeRequest = {
  placementId: "placement",
  keywords: [],
  country: "DE",
  device: "DESKTOP",
  address: "203.0.113.7",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
  pageHost: "www.publisher.example",
  slot: 0,
  origin: "https://ads.example",
  now: NOW,
};

/** The verified offer of an answer's impression URL at NOW (null for no ad). */
function offerNow(result: Awaited<ReturnType<typeof serveAd>>) {
  return result.kind === "ad" ? verifyOffer(tokenOfTrackingUrl(result.response.impressionUrl), SECRET, { maxAgeSeconds: 60, now: NOW }) : null;
}

/** Ten standard campaigns, each capped at one impression an hour. */
const ONE_AN_HOUR = { count: 1, periodSeconds: 3_600 };
const cappedStandard = () => Array.from({ length: 10 }, (_, i) => campaign(`standard-${i}`, { frequencyCap: ONE_AN_HOUR }));

function setup(set: ActiveSet) {
  const backend = new CountingBackend();
  const deps = { activeSet: async () => set, store: new KeyValueStore(backend), secret: SECRET, random: seededRandom(7) };
  return { backend, deps, serve: (overrides: Partial<ServeRequest> = {}) => serveAd(deps, { ...request, ...overrides }) };
}

describe("serveAd", () => {
  it("answers with the creative, absolute URLs and a signed offer for this placement", async () => {
    const { serve } = setup(activeSet([campaign("spring", { priceMicros: 4_000_000 })]));
    const result = await serve();
    expect(result.kind).toBe("ad");
    if (result.kind !== "ad") return;
    expect(result.response.ad).toEqual({
      kind: "IMAGE",
      width: 300,
      height: 250,
      imageUrl: "https://ads.example/assets/ad.png",
      altText: "An ad",
      headline: null,
      body: null,
      html: null,
    });
    const token = tokenOfTrackingUrl(result.response.impressionUrl);
    expect(result.response.impressionUrl).toBe(`https://ads.example/api/i?t=${token}`);
    expect(result.response.clickUrl).toBe(`https://ads.example/c?t=${token}`);
    const verified = verifyOffer(token, SECRET, { maxAgeSeconds: 60, now: NOW });
    expect(verified).toMatchObject({
      ok: true,
      offer: { campaignId: "spring", creativeId: "spring-creative", placementId: "placement", pricingModel: "CPM", priceMicros: 4_000_000, country: "DE", device: "DESKTOP", capPeriodSeconds: 0, page: hostTag("www.publisher.example") },
    });
  });

  it("carries the placement's site's disclosure wording, for the snippet to show on the ad", async () => {
    const { serve } = setup(activeSet([campaign("spring")], [placement("placement", { label: "Sponsored" })]));
    const result = await serve();
    expect(result.kind === "ad" && result.response.label).toBe("Sponsored");
  });

  it("mints a different offer id for every client (and every few seconds)", async () => {
    const { serve } = setup(activeSet([campaign("spring")]));
    const urls = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const result = await serve({ address: `198.51.100.${i}`, now: NOW + (i % 5) * REPEAT_OFFER_SECONDS * 1000 });
      if (result.kind === "ad") urls.add(result.response.impressionUrl);
    }
    expect(urls.size).toBe(50);
  });

  it("reports an unknown placement", async () => {
    const { serve } = setup(activeSet([campaign("spring")]));
    expect(await serve({ placementId: "nope" })).toEqual({ kind: "unknown_placement" });
  });

  it("gives no ad to a slot narrower than its placement, and fills one as wide or wider", async () => {
    const { serve, backend } = setup(activeSet([campaign("spring", { frequencyCap: ONE_AN_HOUR })]));
    expect(await serve({ room: 299 })).toEqual({ kind: "does_not_fit" });
    expect(await serve({ room: 0 })).toEqual({ kind: "does_not_fit" });
    // Decided before the lottery: no frequency cap was read for a slot that cannot show the ad.
    expect(backend.roundTrips).toBe(0);
    expect((await serve({ room: 300 })).kind).toBe("ad");
    expect((await serve({ room: 1_280 })).kind).toBe("ad");
    expect((await serve({ room: undefined })).kind).toBe("ad");
    // An unknown placement is still reported as one, whatever the width.
    expect(await serve({ placementId: "nope", room: 10 })).toEqual({ kind: "unknown_placement" });
  });

  it("answers no fill when nothing is eligible", async () => {
    const { serve } = setup(activeSet([campaign("us-only", { targeting: { countriesInclude: ["US"] } })]));
    expect(await serve()).toEqual({ kind: "no_fill" });
  });

  it("makes no Redis round trip when no candidate has a frequency cap", async () => {
    const { serve, backend } = setup(activeSet([campaign("spring")]));
    await serve();
    await serve();
    expect(backend.roundTrips).toBe(0);
  });

  it("reads the viewer's counters in one round trip and respects the cap", async () => {
    const capped = campaign("capped", { tier: "SPONSORSHIP", frequencyCap: { count: 2, periodSeconds: 3_600 } });
    const house = campaign("house", { tier: "HOUSE", priceMicros: 0, creatives: [creative({ id: "house-creative" })] });
    const { serve, backend, deps } = setup(activeSet([capped, house]));
    const first = await serve();
    expect(backend.roundTrips).toBe(1);
    expect(offerNow(first)).toMatchObject({
      ok: true,
      offer: { campaignId: "capped", capPeriodSeconds: 3_600 },
    });

    // Two counted impressions (what tracking increments) reach the cap.
    const viewer = viewerId({ address: request.address, userAgent: request.userAgent, atSeconds: NOW / 1000 }, SECRET);
    await deps.store.incrBy(frequencyCapKey(viewer, "capped", 3_600, NOW / 1000), 2, 3_600);
    const afterCap = await serve();
    expect(afterCap.kind === "ad" && afterCap.response.impressionUrl).toBeTruthy();
    const offer = offerNow(afterCap);
    expect(offer).toMatchObject({ ok: true, offer: { campaignId: "house" } });

    // Another viewer is not capped.
    const other = await serve({ address: "198.51.100.1" });
    expect(offerNow(other)).toMatchObject({
      ok: true,
      offer: { campaignId: "capped" },
    });
  });

  it("reads the counters of the first 8 capped candidates, and ranks on only when the viewer is capped out of all of them", async () => {
    const standard = cappedStandard();
    const house = campaign("house", { tier: "HOUSE", priceMicros: 0, frequencyCap: ONE_AN_HOUR, creatives: [creative({ id: "house-creative" })] });
    const { serve, backend, deps } = setup(activeSet([...standard, house]));
    const first = await serve();
    expect(first.kind).toBe("ad");
    expect(backend.reads).toHaveLength(1);
    expect(backend.reads[0]).toHaveLength(8);

    // The viewer has seen every standard campaign up to its cap: a second read, of the house tier.
    const viewer = viewerId({ address: request.address, userAgent: request.userAgent, atSeconds: NOW / 1000 }, SECRET);
    for (const { id } of standard) await deps.store.incrBy(frequencyCapKey(viewer, id, 3_600, NOW / 1000), 1, 3_600);
    backend.reads.length = 0;
    const cappedOut = await serve();
    expect(backend.reads.map((keys) => keys.length)).toEqual([8, 1]);
    expect(offerNow(cappedOut)).toMatchObject({
      ok: true,
      offer: { campaignId: "house" },
    });
  });

  it("asks Redis once when it cannot answer, and then fills only with an uncapped campaign", async () => {
    const standard = cappedStandard();
    const cappedHouse = campaign("capped-house", { tier: "HOUSE", priceMicros: 0, frequencyCap: ONE_AN_HOUR });
    const { serve, backend } = setup(activeSet([...standard, cappedHouse]));
    backend.failing = true;
    expect(await serve()).toEqual({ kind: "no_fill" });
    expect(backend.roundTrips).toBe(1);

    const house = campaign("house", { tier: "HOUSE", priceMicros: 0, creatives: [creative({ id: "house-creative" })] });
    const withHouse = setup(activeSet([...standard, house]));
    withHouse.backend.failing = true;
    const answer = await withHouse.serve();
    expect(withHouse.backend.roundTrips).toBe(1);
    expect(offerNow(answer)).toMatchObject({
      ok: true,
      offer: { campaignId: "house" },
    });
  });

  it("propagates a failure of the active set (the route answers no fill)", async () => {
    const { deps } = setup(activeSet([]));
    await expect(serveAd({ ...deps, activeSet: async () => Promise.reject(new Error("database down")) }, request)).rejects.toThrow("database down");
  });
});

describe("serveAd's offers", () => {
  const offerOf = (result: Awaited<ReturnType<typeof serveAd>>) =>
    result.kind === "ad" ? verifyOffer(tokenOfTrackingUrl(result.response.impressionUrl), SECRET, { maxAgeSeconds: 3_600, now: NOW + 60_000 }) : null;
  const set = activeSet(Array.from({ length: 20 }, (_, index) => campaign(`campaign-${index}`)));
  const serveSeeded = (overrides: Partial<ServeRequest> = {}) =>
    serveAd({ activeSet: async () => set, store: new KeyValueStore(new MemoryStore(() => NOW)), secret: SECRET }, { ...request, ...overrides });

  it("gives the same client the same offer for the same slot within a few seconds, on every instance", async () => {
    const first = await serveSeeded();
    const again = await serveSeeded({ now: NOW + (REPEAT_OFFER_SECONDS - 1) * 1000 - (NOW % (REPEAT_OFFER_SECONDS * 1000)) });
    expect(first).toEqual(again);
  });

  it("gives a new offer to another client, another slot, or after the window", async () => {
    const first = offerOf(await serveSeeded());
    const ids = await Promise.all([
      serveSeeded({ address: "198.51.100.1" }),
      serveSeeded({ userAgent: "Mozilla/5.0 (Macintosh)" }),
      serveSeeded({ slot: 1 }),
      serveSeeded({ now: NOW + REPEAT_OFFER_SECONDS * 1000 }),
    ]);
    for (const result of ids) expect(offerOf(result)).not.toMatchObject({ offer: { offerId: first && first.ok ? first.offer.offerId : "" } });
  });

  it("signs the client's viewer into every offer, capped or not", async () => {
    const offer = offerOf(await serveSeeded());
    expect(offer).toMatchObject({ ok: true, offer: { viewer: viewerId({ address: request.address, userAgent: request.userAgent, atSeconds: NOW / 1000 }, SECRET) } });
  });

  it("tags the page when it is on the placement's site or a subdomain, and marks it off the site otherwise", async () => {
    expect(offerOf(await serveSeeded({ pageHost: "publisher.example" }))).toMatchObject({ offer: { page: hostTag("publisher.example") } });
    expect(offerOf(await serveSeeded({ pageHost: "www.publisher.example" }))).toMatchObject({ offer: { page: hostTag("www.publisher.example") } });
    expect(offerOf(await serveSeeded({ pageHost: "publisher.example.evil.example" }))).toMatchObject({ offer: { page: "-" } });
    expect(offerOf(await serveSeeded({ pageHost: "notpublisher.example" }))).toMatchObject({ offer: { page: "-" } });
    expect(offerOf(await serveSeeded({ pageHost: undefined }))).toMatchObject({ offer: { page: "-" } });
  });
});
