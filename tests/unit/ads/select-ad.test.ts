import { describe, expect, it } from "vitest";
import { buildAdIndex } from "@/lib/ads/ad-index";
import type { ActiveCampaign } from "@/lib/ads/active-set";
import type { RequestContext } from "@/lib/ads/eligibility";
import type { PlacementIndex } from "@/lib/ads/ad-index";
import { firstUnderCap, rankCandidates, type Random } from "@/lib/ads/select-ad";
import { activeSet, campaign, NOW, seededRandom } from "@/tests/support/active-set-fixtures";

const context: RequestContext = { now: NOW, country: "DE", device: "DESKTOP", keywords: [] };

/** Every round of the ranking, in order. */
function roundsOf(placement: PlacementIndex, requestContext: RequestContext, random: Random) {
  const nextRound = rankCandidates(placement, requestContext, random);
  const all = [];
  for (let round = nextRound(); round.length > 0; round = nextRound()) all.push(round);
  return all;
}

/** The whole ranking: its rounds drained. */
function wholeRanking(placement: PlacementIndex, requestContext: RequestContext, random: Random) {
  return roundsOf(placement, requestContext, random).flat();
}

/** The campaign ids of each round. */
function rounds(placement: PlacementIndex, random: Random) {
  return roundsOf(placement, context, random).map((round) => round.map((entry) => entry.campaign.id));
}

function rank(campaigns: ActiveCampaign[], random = seededRandom(1), overrides: Partial<RequestContext> = {}) {
  const set = activeSet(campaigns);
  return wholeRanking(buildAdIndex(set).placements.get("placement")!, { ...context, ...overrides }, random);
}

function tally(campaigns: ActiveCampaign[], draws: number, seed = 42) {
  const set = activeSet(campaigns);
  const placement = buildAdIndex(set).placements.get("placement")!;
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let draw = 0; draw < draws; draw += 1) {
    const [winner] = wholeRanking(placement, context, random);
    counts.set(winner!.campaign.id, (counts.get(winner!.campaign.id) ?? 0) + 1);
  }
  return counts;
}

describe("rankCandidates", () => {
  it("always prefers an eligible sponsorship over standard and house ads", () => {
    const counts = tally([campaign("sponsor", { tier: "SPONSORSHIP", weight: 1 }), campaign("standard", { weight: 1_000 }), campaign("house", { tier: "HOUSE", priceMicros: 0 })], 1_000);
    expect(counts).toEqual(new Map([["sponsor", 1_000]]));
  });

  it("falls to the next tier when the higher one has nothing eligible here", () => {
    const [winner] = rank([campaign("sponsor", { tier: "SPONSORSHIP", targeting: { countriesInclude: ["US"] } }), campaign("standard")]);
    expect(winner!.campaign.id).toBe("standard");
  });

  it("draws in proportion to weight × price inside a tier (seeded, 20,000 draws, within 3 %)", () => {
    const counts = tally(
      [
        campaign("a", { weight: 1, priceMicros: 1_000_000 }), // 1
        campaign("b", { weight: 2, priceMicros: 1_000_000 }), // 2
        campaign("c", { weight: 1, priceMicros: 3_000_000 }), // 3
        campaign("d", { weight: 4, priceMicros: 1_000_000 }), // 4
      ],
      20_000,
    );
    const share = (id: string) => (counts.get(id) ?? 0) / 20_000;
    expect(share("a")).toBeCloseTo(0.1, 1);
    expect(Math.abs(share("a") - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(share("b") - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(share("c") - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(share("d") - 0.4)).toBeLessThan(0.03);
  });

  it("scales the lottery by pacing: a campaign far ahead of plan wins much less often", () => {
    const daily = 48_000_000;
    const counts = tally(
      [
        campaign("on-plan", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 0 }),
        campaign("ahead", { pacing: "EVEN", dailyBudgetMicros: daily, daySpentMicros: 47_000_000 }), // factor ≈ 0.28
      ],
      10_000,
    );
    const aheadShare = (counts.get("ahead") ?? 0) / 10_000;
    const factor = (25_000_000 / 47_000_000) ** 2;
    expect(Math.abs(aheadShare - factor / (1 + factor))).toBeLessThan(0.03);
  });

  it("finds the one eligible campaign among many that targeting rejects", () => {
    const campaigns = Array.from({ length: 500 }, (_, i) => campaign(`us-${i}`, { targeting: { countriesInclude: ["US"] } }));
    campaigns.push(campaign("de", { weight: 1 }));
    for (let seed = 1; seed <= 20; seed += 1) expect(rank(campaigns, seededRandom(seed))[0]!.campaign.id).toBe("de");
  });

  it("ranks nothing when no campaign is eligible", () => {
    expect(rank([campaign("us", { targeting: { countriesInclude: ["US"] } })])).toEqual([]);
  });

  it("stops at the first campaign without a frequency cap", () => {
    const ranked = rank([campaign("uncapped")]);
    expect(ranked.map((entry) => entry.campaign.id)).toEqual(["uncapped"]);
  });

  it("draws several capped campaigns from a tier that targeting mostly rejects: each eligible, none twice, at most 8", () => {
    const cap = { count: 1, periodSeconds: 3600 };
    const campaigns = Array.from({ length: 2_000 }, (_, i) => campaign(`us-${i}`, { targeting: { countriesInclude: ["US"] }, frequencyCap: cap }));
    for (let i = 0; i < 5; i++) campaigns.push(campaign(`de-${i}`, { frequencyCap: cap }));
    for (let seed = 1; seed <= 20; seed += 1) {
      const ids = rank(campaigns, seededRandom(seed)).map((entry) => entry.campaign.id);
      expect(ids).toHaveLength(5);
      expect(new Set(ids)).toEqual(new Set(["de-0", "de-1", "de-2", "de-3", "de-4"]));
    }
    const many = [...campaigns, ...Array.from({ length: 20 }, (_, i) => campaign(`de-more-${i}`, { frequencyCap: cap }))];
    const ranked = rank(many, seededRandom(7)).map((entry) => entry.campaign.id);
    expect(ranked).toHaveLength(8);
    expect(new Set(ranked).size).toBe(8);
    expect(ranked.every((id) => id.startsWith("de-"))).toBe(true);
  });

  it("scans a tier at most once per request, however many capped campaigns it draws from it", () => {
    const cap = { count: 1, periodSeconds: 3600 };
    const campaigns = Array.from({ length: 1_000 }, (_, i) => campaign(`us-${i}`, { targeting: { countriesInclude: ["US"] }, frequencyCap: cap }));
    for (let i = 0; i < 10; i++) campaigns.push(campaign(`de-${i}`, { frequencyCap: cap }));
    const placement = buildAdIndex(activeSet(campaigns)).placements.get("placement")!;
    let reads = 0;
    const counted = {
      ...placement,
      tiers: placement.tiers.map((tier) => ({
        ...tier,
        entry: (i: number) => {
          reads += 1;
          return tier.entry(i);
        },
      })),
    };
    const ranked = wholeRanking(counted, context, seededRandom(3));
    expect(ranked).toHaveLength(8);
    // The rejection tries of the first draw (16 at most) and one scan of the 1,010 entries.
    expect(reads).toBeLessThanOrEqual(16 + 1_010);
  });

  it("keeps the lottery's proportions when capped draws come from the scan (second pick, 20,000 rankings, within 3 %)", () => {
    const cap = { count: 1, periodSeconds: 3600 };
    const campaigns = [
      ...Array.from({ length: 300 }, (_, i) => campaign(`us-${i}`, { targeting: { countriesInclude: ["US"] }, frequencyCap: cap })),
      campaign("a", { weight: 1, frequencyCap: cap }),
      campaign("b", { weight: 2, frequencyCap: cap }),
      campaign("c", { weight: 3, frequencyCap: cap }),
    ];
    const placement = buildAdIndex(activeSet(campaigns)).placements.get("placement")!;
    const random = seededRandom(11);
    const firsts = new Map<string, number>();
    const secondsAfterC = new Map<string, number>();
    let afterC = 0;
    for (let draw = 0; draw < 20_000; draw += 1) {
      const [first, second] = wholeRanking(placement, context, random).map((entry) => entry.campaign.id);
      firsts.set(first!, (firsts.get(first!) ?? 0) + 1);
      if (first === "c") {
        afterC += 1;
        secondsAfterC.set(second!, (secondsAfterC.get(second!) ?? 0) + 1);
      }
    }
    expect(Math.abs((firsts.get("a") ?? 0) / 20_000 - 1 / 6)).toBeLessThan(0.03);
    expect(Math.abs((firsts.get("c") ?? 0) / 20_000 - 3 / 6)).toBeLessThan(0.03);
    // With c drawn, a and b share the rest 1 : 2.
    expect(Math.abs((secondsAfterC.get("a") ?? 0) / afterC - 1 / 3)).toBeLessThan(0.03);
  });

  it("lists capped campaigns before the first uncapped one so that one Redis read decides", () => {
    const ranked = rank([campaign("capped", { frequencyCap: { count: 2, periodSeconds: 3600 } }), campaign("house", { tier: "HOUSE", priceMicros: 0 })]);
    expect(ranked.map((entry) => entry.campaign.id)).toEqual(["capped", "house"]);
  });

  it("hands out the ranking in rounds that end with the tier in which 8 capped campaigns are reached", () => {
    const cap = { count: 1, periodSeconds: 3600 };
    const campaigns = [
      ...Array.from({ length: 2 }, (_, i) => campaign(`sponsor-${i}`, { tier: "SPONSORSHIP", frequencyCap: cap })),
      ...Array.from({ length: 12 }, (_, i) => campaign(`standard-${i}`, { frequencyCap: cap })),
      ...Array.from({ length: 3 }, (_, i) => campaign(`house-${i}`, { tier: "HOUSE", priceMicros: 0, frequencyCap: cap })),
    ];
    const placement = buildAdIndex(activeSet(campaigns)).placements.get("placement")!;
    for (let seed = 1; seed <= 10; seed += 1) {
      const [first, second, ...rest] = rounds(placement, seededRandom(seed));
      // The sponsorships, then 8 standard campaigns: the tier that reached 8 is drawn whole.
      expect(first!.slice(0, 2).sort()).toEqual(["sponsor-0", "sponsor-1"]);
      expect(first!.slice(2)).toHaveLength(8);
      expect(first!.slice(2).every((id) => id.startsWith("standard-"))).toBe(true);
      // Only if the viewer is capped out of all of them: the house tier.
      expect(second!.sort()).toEqual(["house-0", "house-1", "house-2"]);
      expect(rest).toEqual([]);
    }
  });

  it("ends the last round at the first uncapped campaign, whichever tier it is in", () => {
    const cap = { count: 1, periodSeconds: 3600 };
    const campaigns = [...Array.from({ length: 9 }, (_, i) => campaign(`standard-${i}`, { frequencyCap: cap })), campaign("house", { tier: "HOUSE", priceMicros: 0 })];
    const placement = buildAdIndex(activeSet(campaigns)).placements.get("placement")!;
    const [first, second, ...rest] = rounds(placement, seededRandom(2));
    expect(first).toHaveLength(8);
    expect(second).toEqual(["house"]);
    expect(rest).toEqual([]);
  });
});

describe("firstUnderCap", () => {
  const capped = campaign("capped", { frequencyCap: { count: 2, periodSeconds: 3600 } });
  const ranked = rank([capped, campaign("house", { tier: "HOUSE", priceMicros: 0 })]);

  it("chooses a capped campaign while the viewer is under its cap", () => {
    expect(firstUnderCap(ranked, new Map([["capped", 1]]))!.campaign.id).toBe("capped");
  });

  it("skips it once the viewer reached the cap", () => {
    expect(firstUnderCap(ranked, new Map([["capped", 2]]))!.campaign.id).toBe("house");
  });

  it("skips capped campaigns when the counts cannot be read (no over-delivery while Redis is down)", () => {
    expect(firstUnderCap(ranked, null)!.campaign.id).toBe("house");
  });

  it("fills nothing when every candidate is capped out", () => {
    expect(firstUnderCap(rank([capped]), new Map([["capped", 5]]))).toBeNull();
  });
});
