import { describe, expect, it } from "vitest";
import { buildAdIndex, buildAdIndexOnDemand, tierEntries, type PlacementIndex } from "@/lib/ads/ad-index";
import { activeSet, campaign, creative, DAY, NOW, placement } from "@/tests/support/active-set-fixtures";

/** A placement's part of the index as data: its tiers' entries made. */
const shape = (part: PlacementIndex | undefined) =>
  part && { ...part, tiers: part.tiers.map(({ tier, cumulative, total }, i) => ({ tier, cumulative, total, entries: tierEntries(part.tiers[i]!) })) };

const ids = (index: ReturnType<typeof buildAdIndex>, placementId = "placement") =>
  index.placements.get(placementId)!.tiers.flatMap((tier) => tierEntries(tier).map((entry) => entry.campaign.id));

describe("buildAdIndex", () => {
  it("keeps only campaigns with a creative of the placement's size", () => {
    const set = activeSet([
      campaign("fits"),
      campaign("wrong-size", { creatives: [creative({ id: "c", width: 728, height: 90 })] }),
    ]);
    expect(ids(buildAdIndex(set))).toEqual(["fits"]);
  });

  it("applies placement and size targeting", () => {
    const set = activeSet(
      [
        campaign("anywhere"),
        campaign("only-b", { targeting: { placementIds: ["b"] } }),
        campaign("only-728", { targeting: { sizes: ["728x90"] } }),
      ],
      [placement("a"), placement("b")],
    );
    const index = buildAdIndex(set);
    expect(ids(index, "a")).toEqual(["anywhere"]);
    expect(ids(index, "b")).toEqual(["anywhere", "only-b"]);
  });

  it("orders tiers sponsorship, standard, house", () => {
    const set = activeSet([campaign("house", { tier: "HOUSE", priceMicros: 0 }), campaign("standard"), campaign("sponsor", { tier: "SPONSORSHIP" })]);
    expect(buildAdIndex(set).placements.get("placement")!.tiers.map((tier) => tier.tier)).toEqual(["SPONSORSHIP", "STANDARD", "HOUSE"]);
  });

  it("drops paid campaigns under the placement's floor, compares CPC at the assumed CTR, and never floors house ads", () => {
    const set = activeSet(
      [
        campaign("cpm-above", { priceMicros: 3_000_000 }),
        campaign("cpm-below", { priceMicros: 1_000_000 }),
        campaign("cpc-above", { pricingModel: "CPC", priceMicros: 1_500_000 }), // eCPM 3.00
        campaign("cpc-below", { pricingModel: "CPC", priceMicros: 500_000 }), // eCPM 1.00
        campaign("house", { tier: "HOUSE", priceMicros: 0 }),
      ],
      [placement("placement", { floorPriceMicros: 2_000_000 })],
    );
    expect(ids(buildAdIndex(set)).sort()).toEqual(["cpc-above", "cpm-above", "house"]);
  });

  it("leaves out, on a placement whose site blocks a domain, every campaign with an ad leading to it or a subdomain — house ads too — and nothing elsewhere", () => {
    const to = (landingUrl: string, size: Partial<Parameters<typeof creative>[0]> = {}) => creative({ id: `k-${landingUrl}`, landingUrl, ...size });
    const set = activeSet(
      [
        campaign("rival", { creatives: [to("https://rival.example/spring")] }),
        campaign("rival-shop", { creatives: [to("https://Shop.Rival.example/cart?x=1")] }),
        // Its ad of this size leads elsewhere; its leaderboard leads to the blocked domain: the advertiser is blocked with all its ads.
        campaign("rival-leaderboard", { creatives: [to("https://partner.example/"), to("https://rival.example/", { width: 728, height: 90 })] }),
        campaign("rival-house", { tier: "HOUSE", priceMicros: 0, creatives: [to("https://rival.example/house")] }),
        campaign("look-alike", { creatives: [to("https://rival.example.org/"), to("https://notrival.example/")] }),
        campaign("other", { creatives: [to("https://advertiser.example/")] }),
      ],
      [placement("blocking", { blockedDomains: ["rival.example"] }), placement("open")],
    );
    for (const index of [buildAdIndex(set), buildAdIndexOnDemand(set)]) {
      expect(ids(index, "blocking").sort()).toEqual(["look-alike", "other"]);
      expect(ids(index, "open").sort()).toEqual(["look-alike", "other", "rival", "rival-house", "rival-leaderboard", "rival-shop"]);
    }
  });

  it("leaves out campaigns without budget for one more event, in total or today", () => {
    const set = activeSet([
      campaign("funded"),
      campaign("total-spent", { totalBudgetMicros: 10_000, spentMicros: 9_000 }), // next impression costs 2,000
      campaign("day-spent", { dailyBudgetMicros: 10_000, daySpentMicros: 9_000 }),
      campaign("house", { tier: "HOUSE", priceMicros: 0, totalBudgetMicros: 0 }),
    ]);
    expect(ids(buildAdIndex(set)).sort()).toEqual(["funded", "house"]);
  });

  it("leaves a campaign without budget out of every size it has creatives of, and a funded one in each", () => {
    const both = [creative({ id: "medium", width: 300, height: 250 }), creative({ id: "leader", width: 728, height: 90 })];
    const set = activeSet(
      [campaign("funded", { creatives: both }), campaign("total-spent", { creatives: both, totalBudgetMicros: 10_000, spentMicros: 9_000 })],
      [placement("medium"), placement("leader", { width: 728, height: 90 })],
    );
    const index = buildAdIndexOnDemand(set);
    expect(ids(index, "leader")).toEqual(["funded"]);
    expect(ids(index, "medium")).toEqual(["funded"]);
    expect(index.placements.get("medium")!.tiers[0]!.entry(0).creatives.map((entry) => entry.id)).toEqual(["medium"]);
  });

  it("a new UTC day frees the daily budget", () => {
    const set = activeSet([campaign("day-spent", { dailyBudgetMicros: 10_000, daySpentMicros: 9_000 })]);
    expect(ids(buildAdIndex(set, NOW))).toEqual([]);
    expect(ids(buildAdIndex(set, Date.parse("2026-06-11T00:00:00Z")))).toEqual(["day-spent"]);
  });

  it("a new day of the organisation's zone frees it, not a new UTC day", () => {
    // Spent on June 10 in New York (EDT, UTC−4): still June 10 there until 04:00Z on June 11.
    const set = activeSet([campaign("day-spent", { dailyBudgetMicros: 10_000, daySpentMicros: 9_000, spendDay: DAY, timeZone: "America/New_York" })]);
    expect(ids(buildAdIndex(set, Date.parse("2026-06-11T03:59:00Z")))).toEqual([]);
    expect(ids(buildAdIndex(set, Date.parse("2026-06-11T04:00:00Z")))).toEqual(["day-spent"]);
  });

  it("holds until the first local midnight among campaigns with a daily budget", () => {
    const set = activeSet([
      campaign("berlin", { dailyBudgetMicros: 10_000, timeZone: "Europe/Berlin" }),
      campaign("new-york", { dailyBudgetMicros: 10_000, timeZone: "America/New_York" }),
      campaign("tokyo-unlimited", { timeZone: "Asia/Tokyo" }),
    ]);
    const index = buildAdIndex(set, NOW);
    expect(new Date(index.validFrom).toISOString()).toBe("2026-06-10T04:00:00.000Z"); // New York's midnight
    expect(new Date(index.validUntil).toISOString()).toBe("2026-06-10T22:00:00.000Z"); // Berlin's next midnight
  });

  it("on demand, indexes a placement on its first lookup only, as the whole index does, and keeps it", () => {
    const set = activeSet(
      [campaign("anywhere"), campaign("only-b", { targeting: { placementIds: ["b"] } }), campaign("house", { tier: "HOUSE", priceMicros: 0 })],
      [placement("a"), placement("b")],
    );
    const onDemand = buildAdIndexOnDemand(set, NOW);
    const whole = buildAdIndex(set, NOW);
    const b = onDemand.placements.get("b");
    expect(shape(b)).toEqual(shape(whole.placements.get("b")));
    expect(onDemand.placements.get("b")).toBe(b);
    expect(shape(onDemand.placements.get("a"))).toEqual(shape(whole.placements.get("a")));
    expect(onDemand.placements.get("missing")).toBeUndefined();
    expect([onDemand.validFrom, onDemand.validUntil]).toEqual([whole.validFrom, whole.validUntil]);
  });

  it("makes a campaign's entry once per size, shared by the placements of that size, each with its own creatives of the size", () => {
    const twoSizes = [creative({ id: "medium" }), creative({ id: "leader", width: 728, height: 90 })];
    const set = activeSet(
      [campaign("both", { creatives: twoSizes, targeting: { keywords: ["Hiking"] } }), campaign("only-b", { targeting: { placementIds: ["b"] } })],
      [placement("a"), placement("b"), placement("high-floor", { floorPriceMicros: 1_000_000_000 }), placement("wide", { width: 728, height: 90 })],
    );
    const index = buildAdIndexOnDemand(set, NOW);
    const entry = (placementId: string, campaignId: string) =>
      index.placements.get(placementId)!.tiers.flatMap(tierEntries).find((candidate) => candidate.campaign.id === campaignId);
    expect(entry("a", "both")).toBe(entry("b", "both"));
    expect(entry("a", "both")!.creatives.map((c) => c.id)).toEqual(["medium"]);
    expect(entry("wide", "both")!.creatives.map((c) => c.id)).toEqual(["leader"]);
    expect(entry("wide", "both")!.keywords).toEqual(new Set(["hiking"]));
    expect(entry("wide", "both")!.keywords).toBe(entry("a", "both")!.keywords);
    expect(ids(index, "a")).toEqual(["both"]);
    expect(ids(index, "b")).toEqual(["both", "only-b"]);
    expect(ids(index, "high-floor")).toEqual([]);
  });
});
