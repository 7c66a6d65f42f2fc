import { describe, expect, it } from "vitest";
import { buildAdIndex } from "@/lib/ads/ad-index";
import type { ActiveCampaign } from "@/lib/ads/active-set";
import type { RequestContext } from "@/lib/ads/eligibility";
import { firstUnderCap, rankCandidates } from "@/lib/ads/select-ad";
import { activeSet, campaign, NOW, seededRandom } from "@/tests/support/active-set-fixtures";

const context: RequestContext = { now: NOW, country: "DE", device: "DESKTOP", keywords: [] };

function rank(campaigns: ActiveCampaign[], random = seededRandom(1), overrides: Partial<RequestContext> = {}) {
  const set = activeSet(campaigns);
  return rankCandidates(buildAdIndex(set).placements.get("placement")!, { ...context, ...overrides }, random);
}

function tally(campaigns: ActiveCampaign[], draws: number, seed = 42) {
  const set = activeSet(campaigns);
  const placement = buildAdIndex(set).placements.get("placement")!;
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let draw = 0; draw < draws; draw += 1) {
    const [winner] = rankCandidates(placement, context, random);
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

  it("lists capped campaigns before the first uncapped one so that one Redis read decides", () => {
    const ranked = rank([campaign("capped", { frequencyCap: { count: 2, periodSeconds: 3600 } }), campaign("house", { tier: "HOUSE", priceMicros: 0 })]);
    expect(ranked.map((entry) => entry.campaign.id)).toEqual(["capped", "house"]);
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
