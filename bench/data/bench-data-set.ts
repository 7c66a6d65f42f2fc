// The benchmark's active set: N campaigns over P placements, generated from a seed so that
// every run (and the database and in-memory variants of one run) holds the same campaigns.
// Built with the decision-engine test fixtures, so it is exactly what the cache holds.
//
// Its shape aims at a realistic mix rather than a best case: most campaigns are standard,
// about ten sponsorships buy one or two placements each, a tenth are house ads; a fifth target
// countries, some devices, keywords, weekdays or hours (so the lottery meets ineligible
// draws); some placements have floors. Budgets are large enough that nothing runs out.
import type { CreativeKind } from "@/lib/model/enums";
import type { ActiveCampaign, ActiveCreative, ActivePlacement, ActiveSet } from "@/lib/ads/active-set";
import { campaign as campaignFixture, creative as creativeFixture, placement as placementFixture, seededRandom } from "@/tests/support/active-set-fixtures";

/** The zones of the campaigns' organisations: day-parting, daily budgets and pacing read each one's clock. */
const BENCH_TIME_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"] as const;

export interface BenchDataSetOptions {
  campaigns: number;
  placements: number;
  /** Frequency cap on every campaign (the capped scenario), or none. */
  frequencyCaps?: boolean;
  /** Epoch ms the flights are built around (campaigns started 30 days before). */
  now: number;
  seed?: number;
}

export const BENCH_ORGANIZATION_ADVERTISER = "demo-org-advertiser";
export const BENCH_ORGANIZATION_PUBLISHER = "demo-org-publisher";
export const BENCH_SITE_ID = "bench-site";
/** The bench site's registered domain: the load's pages are on it, so its offers are "on site". */
export const BENCH_SITE_DOMAIN = "bench.example";
/** What the capped variant sets on every campaign: 3 impressions per viewer per hour. */
export const BENCH_FREQUENCY_CAP = { count: 3, periodSeconds: 3_600 } as const;

/** IAB sizes and how common they are among placements. */
const SIZES: readonly { width: number; height: number; share: number }[] = [
  { width: 300, height: 250, share: 0.4 },
  { width: 728, height: 90, share: 0.2 },
  { width: 320, height: 50, share: 0.15 },
  { width: 300, height: 600, share: 0.15 },
  { width: 160, height: 600, share: 0.1 },
];
const KEYWORDS = ["outdoor", "hiking", "news", "gear", "travel", "finance", "sports", "tech"];
/** Countries the load generator sends (x-vercel-ip-country). */
export const REQUEST_COUNTRIES = ["US", "GB", "DE", "FR", "CA", "NL"] as const;

const USD = 1_000_000;
const DAY_MS = 86_400_000;

export function benchDataSet(options: BenchDataSetOptions): ActiveSet {
  const random = seededRandom(options.seed ?? 20_261_125);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const pickSize = () => {
    let r = random();
    for (const size of SIZES) {
      r -= size.share;
      if (r < 0) return size;
    }
    return SIZES[0]!;
  };

  const placements: ActivePlacement[] = [];
  for (let i = 0; i < options.placements; i += 1) {
    // Sizes in proportion, deterministic: the first 40 % are 300×250, and so on.
    const size = sizeAt(i / options.placements);
    placements.push(
      placementFixture(benchPlacementId(i), {
        width: size.width,
        height: size.height,
        keywords: chance(0.6) ? [pick(KEYWORDS)] : [],
        floorPriceMicros: chance(0.2) ? 1 * USD : 0,
        domains: [BENCH_SITE_DOMAIN],
      }),
    );
  }

  const campaigns: ActiveCampaign[] = [];
  const sponsorshipShare = Math.min(0.01, 10 / options.campaigns);
  for (let i = 0; i < options.campaigns; i += 1) {
    const id = benchCampaignId(i);
    // About ten sponsorships whatever the size of the set (more would decide most requests
    // in the sponsorship tier and make a bigger set look cheaper), 10 % house ads.
    const roll = random();
    const tier = roll < sponsorshipShare ? "SPONSORSHIP" : roll < 0.9 ? "STANDARD" : "HOUSE";
    const house = tier === "HOUSE";
    const pricingModel = !house && chance(0.3) ? "CPC" : "CPM";
    const priceMicros = house ? 0 : pricingModel === "CPM" ? between(0.5 * USD, 10 * USD) : between(0.1 * USD, 2 * USD);
    const sizes = new Map<string, { width: number; height: number }>();
    const creativeCount = between(1, 3);
    while (sizes.size < creativeCount) {
      const size = pickSize();
      sizes.set(`${size.width}x${size.height}`, size);
    }
    const creatives: ActiveCreative[] = [...sizes.values()].map((size, position) =>
      benchCreative(`${id}-k${position + 1}`, id, size.width, size.height, pick(["IMAGE", "IMAGE", "IMAGE", "TEXT", "HTML"] as const)),
    );
    campaigns.push(
      campaignFixture(id, {
        tier,
        weight: between(1, 10),
        pricingModel,
        priceMicros,
        totalBudgetMicros: house ? 0 : 1_000_000 * USD,
        dailyBudgetMicros: !house && chance(0.3) ? 100_000 * USD : null,
        pacing: chance(0.5) ? "EVEN" : "ASAP",
        startsAt: options.now - 30 * DAY_MS,
        endsAt: chance(0.3) ? options.now + 60 * DAY_MS : null,
        frequencyCap: options.frequencyCaps ? { ...BENCH_FREQUENCY_CAP } : null,
        // Organisations in several zones, by position (no draw, so the rest of the set is as before).
        timeZone: BENCH_TIME_ZONES[i % BENCH_TIME_ZONES.length]!,
        creatives,
        targeting: {
          // Sponsorships buy one or two placements of their creatives' sizes.
          placementIds:
            tier === "SPONSORSHIP" ? sponsoredPlacements(placements.filter((p) => sizes.has(`${p.width}x${p.height}`)), between(1, 2), random) : [],
          countriesInclude: chance(0.2) ? ["US", "CA", "GB"] : [],
          countriesExclude: chance(0.05) ? ["DE"] : [],
          devices: chance(0.1) ? ["MOBILE", "TABLET"] : [],
          keywords: chance(0.15) ? [pick(KEYWORDS), pick(KEYWORDS)] : [],
          weekdays: chance(0.05) ? [1, 2, 3, 4, 5] : [],
          hours: chance(0.05) ? Array.from({ length: 16 }, (_, h) => h + 6) : [],
        },
      }),
    );
  }

  return { builtAt: options.now, campaigns, placements };
}

function sponsoredPlacements(candidates: ActivePlacement[], count: number, random: () => number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, candidates.length)) chosen.add(candidates[Math.floor(random() * candidates.length)]!.id);
  return [...chosen];
}

function sizeAt(fraction: number) {
  let sum = 0;
  for (const size of SIZES) {
    sum += size.share;
    if (fraction < sum - 1e-9) return size;
  }
  return SIZES[SIZES.length - 1]!;
}

function benchCreative(id: string, campaignId: string, width: number, height: number, kind: CreativeKind): ActiveCreative {
  return creativeFixture({
    id,
    kind,
    width,
    height,
    imageUrl: kind === "IMAGE" ? `/bench/${id}-${width}x${height}.png` : null,
    altText: kind === "IMAGE" ? `Bench ad ${id}` : null,
    headline: kind === "TEXT" ? `Bench headline ${id}` : null,
    body: kind === "TEXT" ? "A short body text of about the usual length for a text ad." : null,
    html: kind === "HTML" ? `<div style="font:14px sans-serif;padding:8px">Bench HTML ad ${id}</div>` : null,
    landingUrl: `https://advertiser.example/bench/${campaignId}?creative=${id}`,
  });
}

export function benchCampaignId(index: number): string {
  return `bench-c-${String(index).padStart(5, "0")}`;
}

export function benchPlacementId(index: number): string {
  return `bench-p-${String(index).padStart(3, "0")}`;
}
