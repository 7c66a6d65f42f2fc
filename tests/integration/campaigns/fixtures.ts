// A fresh PGlite with the demo data, a second advertiser organisation, and the app's real
// active-set cache (in-process store) behind a counting invalidate().
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import type { DomainDeps } from "@/lib/db/deps";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import type { CampaignInput } from "@/lib/model/campaign";
import type { CreativeInput } from "@/lib/model/creative";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { runAtOnce } from "@/tests/support/deferred-work";

export const DEMO_ORG = "demo-org-advertiser";
export const OTHER_ORG = "test-org-other-advertiser";
export const OTHER_CAMPAIGN = "test-campaign-other";
export const OTHER_CREATIVE = "test-creative-other";

export interface World {
  database: FreshDatabase;
  prisma: PrismaClient;
  store: KeyValueStore;
  cache: ActiveCampaignsCache<ActiveSet>;
  deps: DomainDeps;
  invalidations: () => number;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const database = await freshPglite();
  const { prisma } = database;
  await seedDemoData(prisma);
  await prisma.organization.create({ data: { id: OTHER_ORG, name: "Other Outfitters", kind: "ADVERTISER" } });
  await prisma.campaign.create({
    data: {
      id: OTHER_CAMPAIGN,
      organizationId: OTHER_ORG,
      name: "Other's campaign",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      priceMicros: 1_000_000n,
      totalBudgetMicros: 100_000_000n,
      creatives: {
        create: {
          id: OTHER_CREATIVE,
          name: "Other's text",
          kind: "TEXT",
          width: 300,
          height: 250,
          headline: "Other",
          landingUrl: "https://other.example/",
          reviewStatus: "APPROVED",
        },
      },
    },
  });
  const store = new KeyValueStore(new MemoryStore());
  const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store, load: () => loadActiveSet(prisma) });
  let count = 0;
  return {
    database,
    prisma,
    store,
    cache,
    deps: {
      prisma,
      invalidate: async () => {
        count += 1;
        await cache.invalidate();
      },
    },
    invalidations: () => count,
    async close() {
      await store.close();
      await database.close();
    },
  };
}

/** What the campaign form yields for a plain standard CPM campaign. */
export function campaignInput(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: "Autumn jackets",
    status: "DRAFT",
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: null,
    pricingModel: "CPM",
    priceMicros: 3_000_000n,
    totalBudgetMicros: 500_000_000n,
    dailyBudgetMicros: 50_000_000n,
    pacing: "EVEN",
    tier: "STANDARD",
    weight: 5,
    frequencyCap: { count: 3, periodSeconds: 86_400 },
    targetPlacementIds: ["demo-placement-sidebar"],
    targetSizes: ["300x250"],
    countriesInclude: ["US", "CA"],
    countriesExclude: ["FR"],
    devices: ["DESKTOP"],
    keywords: ["hiking"],
    weekdays: [1, 2],
    hours: [9, 10],
    ...overrides,
  };
}

export function textCreativeInput(overrides: Partial<CreativeInput> = {}): CreativeInput {
  return {
    name: "Jackets text",
    kind: "TEXT",
    width: 300,
    height: 250,
    imageUrl: null,
    altText: null,
    headline: "Warm jackets",
    body: "Down jackets from 400 g.",
    html: null,
    landingUrl: "https://northwind.example/jackets",
    ...overrides,
  };
}

/** Everything an organisation owns on the advertising side, to compare before and after. */
export function snapshot(prisma: PrismaClient, organizationId: string) {
  return prisma.campaign.findMany({ where: { organizationId }, include: { creatives: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });
}

/** Ids of the campaigns the active set would serve now. */
export async function servedCampaignIds(world: World): Promise<string[]> {
  return (await world.cache.get()).campaigns.map((campaign) => campaign.id);
}
