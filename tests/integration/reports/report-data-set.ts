// A data set for the report tests, recorded the way production records it: through
// recordImpression / recordClick (lib/tracking), which insert the raw event and upsert its
// hourly rollup in one transaction — clicks onto the rollup row of their impression's hour.
//
// Two advertisers (A with four campaigns of every pricing kind, B with one), two publishers
// (P with two sites and three placements, Q with one), four countries, four devices, and
// traffic in four windows around the 2026 clock changes of Europe/Berlin (29 March,
// 25 October) and America/New_York (8 March, 1 November), at pseudo-random minutes, with
// clicks up to two hours after their impression (often in the next hour or the next day).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore } from "@/lib/redis/create-store";
import type { Offer } from "@/lib/offers/offer-token";
import { click, impression } from "@/tests/support/tracking";

const USD = 1_000_000;

export const ADVERTISER_A = "org-report-advertiser-a";
export const ADVERTISER_B = "org-report-advertiser-b";
export const PUBLISHER_P = "org-report-publisher-p";
export const PUBLISHER_Q = "org-report-publisher-q";

interface CampaignSpec {
  id: string;
  organizationId: string;
  pricingModel: "CPM" | "CPC";
  priceMicros: number;
  totalBudgetMicros: number;
  dailyBudgetMicros: number | null;
  endsAt: Date | null;
  creatives: string[];
  /** Relative share of the traffic. */
  weight: number;
}

export const CAMPAIGNS: CampaignSpec[] = [
  { id: "rep-a-cpm", organizationId: ADVERTISER_A, pricingModel: "CPM", priceMicros: 2 * USD, totalBudgetMicros: 1_000_000 * USD, dailyBudgetMicros: null, endsAt: null, creatives: ["rep-a-cpm-mpu", "rep-a-cpm-leader"], weight: 4 },
  { id: "rep-a-cpc", organizationId: ADVERTISER_A, pricingModel: "CPC", priceMicros: 500_000, totalBudgetMicros: 100_000 * USD, dailyBudgetMicros: 50 * USD, endsAt: null, creatives: ["rep-a-cpc-text"], weight: 3 },
  { id: "rep-a-house", organizationId: ADVERTISER_A, pricingModel: "CPM", priceMicros: 0, totalBudgetMicros: 0, dailyBudgetMicros: null, endsAt: null, creatives: ["rep-a-house-html"], weight: 1 },
  // Runs out of money after 10 impressions: the rest are recorded, not billable, not charged.
  { id: "rep-a-tight", organizationId: ADVERTISER_A, pricingModel: "CPM", priceMicros: 5 * USD, totalBudgetMicros: 50_000, dailyBudgetMicros: null, endsAt: new Date("2027-01-01T00:00:00Z"), creatives: ["rep-a-tight-mpu"], weight: 2 },
  { id: "rep-b-cpm", organizationId: ADVERTISER_B, pricingModel: "CPM", priceMicros: 3 * USD, totalBudgetMicros: 1_000_000 * USD, dailyBudgetMicros: null, endsAt: null, creatives: ["rep-b-cpm-mpu"], weight: 3 },
];

/** A name that CSV must quote (comma, double quotes) and one that spreadsheets would run as a formula. */
export const CAMPAIGN_NAMES: Record<string, string> = {
  "rep-a-house": 'House ad, "newsletter"',
  "rep-a-tight": "=1+1 tight budget",
};

export const SITES = [
  { id: "rep-site-p1", organizationId: PUBLISHER_P, name: "P One", domain: "p1.example" },
  { id: "rep-site-p2", organizationId: PUBLISHER_P, name: "P Two", domain: "p2.example" },
  { id: "rep-site-q1", organizationId: PUBLISHER_Q, name: "Q One", domain: "q1.example" },
];

export const PLACEMENTS = [
  { id: "rep-pl-p1-top", siteId: "rep-site-p1", name: "Top" },
  { id: "rep-pl-p1-side", siteId: "rep-site-p1", name: "Side" },
  { id: "rep-pl-p2-main", siteId: "rep-site-p2", name: "Main" },
  { id: "rep-pl-q1-main", siteId: "rep-site-q1", name: "Main" },
];

const COUNTRIES = ["DE", "US", "FR", "ZZ"];
const DEVICES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;

/** Traffic windows (UTC), each around a clock change. */
export const WINDOWS = [
  { from: "2026-03-07T00:00:00Z", to: "2026-03-09T14:00:00Z" },
  { from: "2026-03-27T18:00:00Z", to: "2026-03-30T06:00:00Z" },
  { from: "2026-10-23T18:00:00Z", to: "2026-10-26T06:00:00Z" },
  { from: "2026-10-31T00:00:00Z", to: "2026-11-02T14:00:00Z" },
];

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function createReportFixtures(prisma: PrismaClient): Promise<void> {
  for (const [id, kind] of [
    [ADVERTISER_A, "ADVERTISER"],
    [ADVERTISER_B, "ADVERTISER"],
    [PUBLISHER_P, "PUBLISHER"],
    [PUBLISHER_Q, "PUBLISHER"],
  ] as const) {
    await prisma.organization.create({ data: { id, name: id, kind } });
  }
  for (const site of SITES) await prisma.site.create({ data: site });
  for (const placement of PLACEMENTS) await prisma.placement.create({ data: { ...placement, width: 300, height: 250 } });
  for (const { creatives, weight: _weight, ...campaign } of CAMPAIGNS) {
    await prisma.campaign.create({
      data: {
        ...campaign,
        name: CAMPAIGN_NAMES[campaign.id] ?? `Campaign ${campaign.id}`,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        priceMicros: BigInt(campaign.priceMicros),
        totalBudgetMicros: BigInt(campaign.totalBudgetMicros),
        dailyBudgetMicros: campaign.dailyBudgetMicros === null ? null : BigInt(campaign.dailyBudgetMicros),
        creatives: {
          create: creatives.map((id) => ({ id, name: `Creative ${id}`, kind: "TEXT" as const, width: 300, height: 250, headline: id, landingUrl: "https://example.com/", reviewStatus: "APPROVED" as const })),
        },
      },
    });
  }
}

/** Records the traffic; returns how many impressions and clicks were sent. */
export async function recordReportTraffic(prisma: PrismaClient, seed = 20_260_329): Promise<{ impressions: number; clicks: number }> {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const totalWeight = CAMPAIGNS.reduce((sum, campaign) => sum + campaign.weight, 0);
  const pickCampaign = () => {
    let ticket = next() * totalWeight;
    for (const campaign of CAMPAIGNS) {
      ticket -= campaign.weight;
      if (ticket < 0) return campaign;
    }
    return CAMPAIGNS[0]!;
  };

  type Event = { at: number; kind: "impression" | "click"; offer: Offer };
  const events: Event[] = [];
  let sequence = 0;
  for (const window of WINDOWS) {
    for (let hour = Date.parse(window.from); hour < Date.parse(window.to); hour += 3_600_000) {
      const count = Math.floor(next() * 5); // 0–4 impressions an hour
      for (let index = 0; index < count; index++) {
        const campaign = pickCampaign();
        // Whole seconds, sometimes exactly on the hour (a boundary case).
        const at = hour + (next() < 0.1 ? 0 : Math.floor(next() * 3_600) * 1_000);
        const offer: Offer = {
          offerId: `rep-offer-${seed}-${sequence++}`,
          campaignId: campaign.id,
          creativeId: pick(campaign.creatives),
          placementId: pick(PLACEMENTS).id,
          pricingModel: campaign.pricingModel,
          priceMicros: campaign.priceMicros,
          issuedAt: Math.floor(at / 1_000),
          country: pick(COUNTRIES),
          device: pick(DEVICES),
          viewer: "-",
          capPeriodSeconds: 0,
          page: "-",
        };
        events.push({ at, kind: "impression", offer });
        if (next() < 0.35) events.push({ at: at + 1_000 + Math.floor(next() * 7_200) * 1_000, kind: "click", offer });
      }
    }
  }
  events.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "impression" ? -1 : 1));

  const { store } = createStore({ kind: "none" });
  const deps = { prisma, store };
  let impressions = 0;
  let clicks = 0;
  for (const event of events) {
    if (event.kind === "impression") {
      if ((await impression(deps, event.offer, new Date(event.at))) !== "counted") throw new Error(`impression ${event.offer.offerId} not counted`);
      impressions++;
    } else {
      if ((await click(deps, event.offer, new Date(event.at))) !== "counted") throw new Error(`click ${event.offer.offerId} not counted`);
      clicks++;
    }
  }
  await store.close();
  return { impressions, clicks };
}
