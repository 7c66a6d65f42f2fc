import { describe, expect, it } from "vitest";
import { buildAdIndexOnDemand, tierEntries, type AdIndex } from "@/lib/ads/ad-index";
import type { ActiveSet } from "@/lib/ads/active-set";
import { activeSetParts, CHUNK_SIZE, DamagedCopyError, readRestOfActiveSet } from "@/lib/ads/active-set-parts";
import { serveAd, type ServeRequest } from "@/lib/ads/serve-ad";
import { decodeEnvelope, encodeEnvelope } from "@/lib/cache/active-campaigns-envelope";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { activeSet, campaign, creative, DAY, NOW, placement, seededRandom } from "@/tests/support/active-set-fixtures";

const HOUR = 3_600_000;
const SIZES = [
  [300, 250],
  [728, 90],
  [160, 600],
] as const;

/** A mixed set: tiers, prices, pricing models, sizes, placement and other targeting, daily budgets (some spent), zones. */
function mixedSet(count: number): ActiveSet {
  const random = seededRandom(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const placements = [
    placement("p-medium"),
    placement("p-medium-floor", { floorPriceMicros: 3_000_000, keywords: ["news"] }),
    placement("p-leader", { width: 728, height: 90 }),
    placement("p-sky", { width: 160, height: 600 }),
    // A site that blocks an advertiser's domain (every seventh campaign's ads lead there or to a subdomain).
    placement("p-medium-blocking", { blockedDomains: ["rival.example"] }),
  ];
  const campaigns = Array.from({ length: count }, (_, i) => {
    const sizes = SIZES.filter(() => random() < 0.5);
    const tier = pick(["SPONSORSHIP", "STANDARD", "STANDARD", "STANDARD", "HOUSE"] as const);
    return campaign(`c-${i}`, {
      tier,
      weight: 1 + Math.floor(random() * 10),
      pricingModel: random() < 0.3 ? "CPC" : "CPM",
      priceMicros: tier === "HOUSE" ? 0 : 500_000 + Math.floor(random() * 9_000_000),
      dailyBudgetMicros: random() < 0.4 ? 50_000_000 : null,
      // Some have spent today's budget already: out of the index until their day turns.
      daySpentMicros: random() < 0.2 ? 50_000_000 : 0,
      spendDay: DAY,
      timeZone: pick(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
      pacing: random() < 0.5 ? "EVEN" : "ASAP",
      creatives: (sizes.length ? sizes : [SIZES[0]]).map(([width, height], k) =>
        creative({ id: `c-${i}-k${k}`, width, height, ...(i % 7 === 0 ? { landingUrl: k === 0 ? "https://rival.example/" : "https://shop.rival.example/x" } : {}) }),
      ),
      targeting: {
        placementIds: tier === "SPONSORSHIP" ? [pick(placements).id] : [],
        countriesInclude: random() < 0.2 ? ["US"] : [],
        keywords: random() < 0.2 ? [pick(["news", "Sports"])] : [],
        hours: random() < 0.1 ? [9, 10, 11, 12, 13] : [],
      },
    });
  });
  return { ...activeSet(campaigns, placements), builtAt: NOW };
}

/**
 * The set as another instance reads it back from the shared copy, with a count of the parts it
 * decodes; the parts `damaged` names cannot be decoded (as a broken gzip), and `reports`
 * counts the damage reported to the reader.
 */
function readBack(set: ActiveSet, writtenAt: number, damaged: (index: number) => boolean = () => false) {
  const codec = activeSetParts(() => writtenAt);
  const stored = codec.split(set).map((part) => JSON.parse(JSON.stringify(part)) as unknown);
  const read: number[] = [];
  const loaded: number[] = [];
  let reports = 0;
  const decode = (index: number) => {
    if (damaged(index)) throw new Error("incorrect header check");
    return stored[index];
  };
  const value = codec.join(stored[0], {
    count: stored.length,
    get(index) {
      read.push(index);
      return decode(index);
    },
    async load(index) {
      loaded.push(index);
      return decode(index);
    },
    reportDamage: () => (reports += 1),
  });
  return { value, read, loaded, parts: stored.length, reports: () => reports };
}

const asData = (index: AdIndex, placementId: string) =>
  index.placements.get(placementId)?.tiers.map((tier) => ({ tier: tier.tier, total: tier.total, cumulative: [...tier.cumulative], entries: tierEntries(tier) }));

const request = (i: number): ServeRequest => ({
  placementId: ["p-medium", "p-medium-floor", "p-leader", "p-sky"][i % 4]!,
  keywords: i % 3 === 0 ? ["sports"] : [],
  country: i % 2 === 0 ? "US" : "DE",
  device: "DESKTOP",
  address: `198.51.100.${i % 250}`,
  userAgent: "Mozilla/5.0",
  pageHost: undefined,
  slot: 0,
  origin: "https://ads.example",
  now: NOW + (i % 7) * 60_000,
});

describe("the active set in parts (lib/ads/active-set-parts.ts)", () => {
  const set = mixedSet(3 * CHUNK_SIZE + 17);

  it("indexes every placement exactly as the whole set does", () => {
    const { value } = readBack(set, NOW);
    const whole = buildAdIndexOnDemand(set, NOW);
    const parts = buildAdIndexOnDemand(value, NOW);
    expect([parts.validFrom, parts.validUntil]).toEqual([whole.validFrom, whole.validUntil]);
    for (const { id } of set.placements) {
      expect(asData(parts, id)).toEqual(asData(whole, id));
      expect(asData(parts, id)!.length).toBeGreaterThan(0);
    }
    // The blocking placement: the campaigns its open twin has (but those targeted at either), less the blocked advertiser's.
    const campaignsOf = (id: string) =>
      asData(parts, id)!.flatMap((tier) => tier.entries.filter((entry) => entry.campaign.targeting.placementIds.length === 0).map((entry) => Number(entry.campaign.id.slice(2))));
    const open = campaignsOf("p-medium");
    expect(open.filter((i) => i % 7 === 0).length).toBeGreaterThan(10);
    expect(campaignsOf("p-medium-blocking")).toEqual(open.filter((i) => i % 7 !== 0));
  });

  it("decides every request as the whole set does, reading only the campaigns the lottery draws", async () => {
    const { value, read, parts } = readBack(set, NOW);
    const store = new KeyValueStore({ kind: "memory", ...bind(new MemoryStore()) });
    const serve = (activeSet: ActiveSet, i: number) => serveAd({ activeSet: async () => activeSet, store, secret: "s".repeat(32) }, request(i));
    // The first ad: the head, the campaign table, one size's list and the drawn campaigns' parts.
    expect(await serve(value, 0)).toEqual(await serve(set, 0));
    const firstSizePart = 2;
    const chunksRead = read.filter((index) => index >= firstSizePart + SIZES.length);
    expect(read.filter((index) => index < firstSizePart + SIZES.length)).toEqual([1, firstSizePart]);
    expect(chunksRead.length).toBeLessThan(parts - firstSizePart - SIZES.length);
    expect(new Set(read).size).toBe(read.length);
    let filled = 0;
    for (let i = 1; i < 200; i++) {
      const answer = await serve(value, i);
      expect(answer).toEqual(await serve(set, i));
      if (answer.kind === "ad") filled += 1;
    }
    expect(filled).toBeGreaterThan(150);
  });

  it("reads the whole set once its writer's budget check no longer holds (a local day has turned)", () => {
    const { value } = readBack(set, NOW);
    const index = buildAdIndexOnDemand(value, NOW);
    const tomorrow = index.validUntil + HOUR;
    expect(Number.isFinite(index.validUntil)).toBe(true);
    const next = buildAdIndexOnDemand(value, tomorrow);
    const whole = buildAdIndexOnDemand(set, tomorrow);
    for (const { id } of set.placements) expect(asData(next, id)).toEqual(asData(whole, id));
    // Yesterday's spend no longer counts: campaigns left out today are back.
    const count = (i: AdIndex) => set.placements.reduce((sum, { id }) => sum + asData(i, id)!.reduce((n, tier) => n + tier.entries.length, 0), 0);
    expect(count(next)).toBeGreaterThan(count(index));
  });

  it("gives the whole list of campaigns to whatever asks for it, reading every part once", () => {
    const { value, read, parts } = readBack(set, NOW);
    expect(value.campaigns).toEqual(set.campaigns);
    expect(value.campaigns).toBe(value.campaigns);
    expect(JSON.stringify(value)).toBe(JSON.stringify(set));
    expect([...read].sort((a, b) => a - b)).toEqual(Array.from({ length: parts - 2 - SIZES.length }, (_, i) => i + 2 + SIZES.length));
  });

  it("reads the rest ahead, part by part, the parts a decision read not again", async () => {
    const { value, read, loaded, parts } = readBack(set, NOW);
    const index = buildAdIndexOnDemand(value, NOW);
    const drawn = tierEntries(index.placements.get("p-leader")!.tiers[0]!).length;
    expect(drawn).toBeGreaterThan(0);
    const readByDecisions = read.filter((part) => part >= 2 + SIZES.length);
    await readRestOfActiveSet(value);
    const campaignParts = Array.from({ length: parts - 2 - SIZES.length }, (_, i) => i + 2 + SIZES.length);
    expect([...readByDecisions, ...loaded].sort((a, b) => a - b)).toEqual(campaignParts);
    const before = read.length;
    expect(value.campaigns).toEqual(set.campaigns);
    expect(read.length).toBe(before);
    // The entries made before keep their campaigns: the whole list holds the same objects.
    expect(value.campaigns).toContain(tierEntries(index.placements.get("p-leader")!.tiers[0]!)[0]!.campaign);
    await readRestOfActiveSet(activeSet([]));
  });

  it("holds the budget check for ever when no campaign has a daily budget", () => {
    const noDaily = activeSet([campaign("a"), campaign("b", { dailyBudgetMicros: null })]);
    const { value } = readBack(noDaily, NOW);
    const index = buildAdIndexOnDemand(value, NOW + 400 * 24 * HOUR);
    expect([index.validFrom, index.validUntil]).toEqual([-Infinity, Infinity]);
    expect(asData(index, "placement")).toEqual(asData(buildAdIndexOnDemand(noDaily, NOW), "placement"));
  });

  it("round-trips through the stored envelope, and refuses a copy whose parts do not match its head", async () => {
    const codec = activeSetParts(() => NOW);
    const stored = await encodeEnvelope({ generation: "3", build: "b", value: set }, codec);
    const decoded = await decodeEnvelope(stored, codec);
    expect(decoded?.value.campaigns).toEqual(set.campaigns);
    const missingPart = stored.slice(0, stored.lastIndexOf(","));
    expect(await decodeEnvelope(missingPart, codec)).toBeUndefined();
  });

  it("says which part is damaged when a campaign part does not hold its campaigns, and reports it to its reader", () => {
    const codec = activeSetParts(() => NOW);
    const stored = codec.split(set).map((part) => JSON.parse(JSON.stringify(part)) as unknown);
    const get = (index: number) => (index === stored.length - 1 ? [] : stored[index]);
    let reports = 0;
    const value = codec.join(stored[0], { count: stored.length, get, load: async (index) => get(index), reportDamage: () => (reports += 1) });
    expect(() => value.campaigns).toThrow(new DamagedCopyError("The shared copy's campaign part 3 is damaged."));
    expect(reports).toBe(1);
  });

  describe("a part that cannot be decoded", () => {
    const firstCampaignPart = 2 + SIZES.length;
    const store = new KeyValueStore({ kind: "memory", ...bind(new MemoryStore()) });
    const secret = "s".repeat(32);

    it("fails the decision that meets it as damage, reported to the reader; serveAd decides again on the set that replaces it", async () => {
      const { value, reports } = readBack(set, NOW, (index) => index >= firstCampaignPart);
      // Every campaign part is damaged: whichever campaign a decision draws, it meets one.
      await expect(serveAd({ activeSet: async () => value, store, secret }, request(0))).rejects.toThrow(DamagedCopyError);
      expect(reports()).toBeGreaterThan(0);
      const sets = [value, set];
      let asked = 0;
      for (let i = 0; i < 20; i++) {
        const answer = await serveAd({ activeSet: async () => sets[Math.min(asked++, 1)]!, store, secret }, request(i));
        expect(answer).toEqual(await serveAd({ activeSet: async () => set, store, secret }, request(i)));
      }
      // Only the first decision met the damaged set; each later one asked once.
      expect(asked).toBe(21);
    });

    it("fails the first decision when the campaign table is damaged, and the read of the whole list", async () => {
      const { value, reports } = readBack(set, NOW, (index) => index === 1);
      await expect(serveAd({ activeSet: async () => value, store, secret }, request(0))).rejects.toThrow("The shared copy's part 1 cannot be read.");
      // Once by each decision: given the same set again, serveAd's second one met it too.
      expect(reports()).toBe(2);
      const whole = readBack(set, NOW, (index) => index === firstCampaignPart + 1);
      expect(() => whole.value.campaigns).toThrow(DamagedCopyError);
      expect(whole.reports()).toBe(1);
    });

    it("is reported by the read-ahead, which then ends without failing (its caller has nothing left to do)", async () => {
      const lastPart = firstCampaignPart + Math.ceil(set.campaigns.length / CHUNK_SIZE) - 1;
      const { value, reports, loaded, parts } = readBack(set, NOW, (index) => index === lastPart);
      expect(parts).toBe(lastPart + 1);
      await readRestOfActiveSet(value);
      expect(reports()).toBe(1);
      expect(loaded).toContain(lastPart);
    });

    it("leaves any other failure of a decision alone: not retried", async () => {
      let asked = 0;
      const failing = serveAd({ activeSet: async () => (asked++ === 0 ? ({ ...set, placements: null } as unknown as ActiveSet) : set), store, secret }, request(0));
      await expect(failing).rejects.toThrow(TypeError);
      expect(asked).toBe(1);
    });
  });
});

function bind(memory: MemoryStore) {
  return { exec: memory.exec.bind(memory), ping: memory.ping.bind(memory), close: memory.close.bind(memory) };
}
