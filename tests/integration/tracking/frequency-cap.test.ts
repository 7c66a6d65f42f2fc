// Frequency caps mean what they say: a cap of 3 a week holds across UTC days (the viewer id
// lives a week, aligned with the cap's window), on the real tracking path (serve → beacon →
// the database and the store's counter), and a new week starts a new allowance.
import { tokenOfTrackingUrl } from "@/lib/offers/offer-urls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { serveAd } from "@/lib/ads/serve-ad";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { verifyOffer } from "@/lib/offers/offer-token";
import { recordImpression } from "@/lib/tracking/record-impression";
import { activeSet, campaign, placement } from "@/tests/support/active-set-fixtures";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { DEFAULT_POLICY } from "@/tests/support/tracking";
import { runAtOnce } from "@/tests/support/deferred-work";

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const WEEK_START = Date.parse("2026-06-04T00:00:00Z"); // a Thursday: epoch weeks start on Thursdays
const DAY = 86_400_000;

let database: FreshDatabase;
let clock = WEEK_START;
const store = new KeyValueStore(new MemoryStore(() => clock));

beforeAll(async () => {
  database = await freshPglite();
});
afterAll(async () => {
  await database?.close();
});

describe("a frequency cap of 3 a week", () => {
  const flight = { startsAt: WEEK_START - DAY };
  const capped = campaign("weekly", { ...flight, tier: "SPONSORSHIP", frequencyCap: { count: 3, periodSeconds: 7 * 86_400 } });
  const house = campaign("house", { ...flight, tier: "HOUSE", priceMicros: 0 });
  const set: ActiveSet = activeSet([capped, house], [placement("placement")]);

  /** One page view at `at`: serve, then the beacon of what was served; the campaign shown. */
  async function view(at: number): Promise<string | null> {
    clock = at;
    const served = await serveAd(
      { activeSet: async () => set, store, secret: SECRET },
      { placementId: "placement", keywords: [], country: "DE", device: "DESKTOP", address: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64)", pageHost: "www.publisher.example", slot: 0, origin: "https://ads.example", now: at },
    );
    if (served.kind !== "ad") return null;
    const verified = verifyOffer(tokenOfTrackingUrl(served.response.impressionUrl), SECRET, { maxAgeSeconds: 3_600, now: at });
    if (!verified.ok) throw new Error(verified.problem);
    await recordImpression({ prisma: database.prisma, store, policy: DEFAULT_POLICY, defer: runAtOnce }, verified.offer, { validity: "VALID", client: verified.offer.viewer }, new Date(at));
    return verified.offer.campaignId;
  }

  it("shows the capped campaign on three days of the week, then not on the fourth UTC day", async () => {
    expect(await view(WEEK_START + 10 * 3_600_000)).toBe("weekly");
    expect(await view(WEEK_START + DAY + 10 * 3_600_000)).toBe("weekly");
    expect(await view(WEEK_START + 2 * DAY + 23 * 3_600_000)).toBe("weekly");
    // A new UTC day, the same week: the cap still holds.
    expect(await view(WEEK_START + 3 * DAY + 9 * 3_600_000)).toBe("house");
    expect(await view(WEEK_START + 6 * DAY + 23 * 3_600_000)).toBe("house");
  });

  it("starts a new allowance with the next week", async () => {
    expect(await view(WEEK_START + 7 * DAY + 3_600_000)).toBe("weekly");
  });
});
