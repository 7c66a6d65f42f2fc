// Demo data: one advertiser, one publisher, one operator, a site with common IAB
// placements and active campaigns with approved creatives. Fixed ids and upserts that
// never overwrite make it idempotent: a second run changes nothing.
import { hashPassword } from "better-auth/crypto";
import type { Env } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const demoAccounts = [
  { id: "demo-user-advertiser", role: "user", name: "Ada Advertiser", email: "advertiser@marquee.local", password: "marquee-advertiser" },
  { id: "demo-user-publisher", role: "user", name: "Pat Publisher", email: "publisher@marquee.local", password: "marquee-publisher" },
  { id: "demo-user-admin", role: "admin", name: "Otto Operator", email: "admin@marquee.local", password: "marquee-admin" },
] as const;

const USD = 1_000_000n;
const flightStart = new Date("2026-01-01T00:00:00Z");

const placements = [
  { id: "demo-placement-sidebar", name: "Sidebar (medium rectangle)", width: 300, height: 250, keywords: ["outdoor", "hiking"] },
  { id: "demo-placement-leaderboard", name: "Top leaderboard", width: 728, height: 90, keywords: ["news"] },
  { id: "demo-placement-mobile", name: "Mobile banner", width: 320, height: 50, keywords: [] },
  { id: "demo-placement-halfpage", name: "Half page", width: 300, height: 600, keywords: ["gear"] },
];

const campaigns = [
  {
    id: "demo-campaign-spring",
    name: "Spring trail shoes",
    tier: "STANDARD" as const,
    pricingModel: "CPM" as const,
    priceMicros: 4n * USD,
    totalBudgetMicros: 5_000n * USD,
    dailyBudgetMicros: 200n * USD,
    creatives: [
      { id: "demo-creative-spring-mpu", kind: "IMAGE" as const, width: 300, height: 250, imageUrl: "/demo/trail-shoes-300x250.svg", altText: "Spring trail shoes — 20% off" },
      { id: "demo-creative-spring-leaderboard", kind: "IMAGE" as const, width: 728, height: 90, imageUrl: "/demo/trail-shoes-728x90.svg", altText: "Spring trail shoes — 20% off" },
    ],
  },
  {
    id: "demo-campaign-tents",
    name: "Ultralight tents",
    tier: "STANDARD" as const,
    pricingModel: "CPC" as const,
    priceMicros: 600_000n,
    totalBudgetMicros: 2_000n * USD,
    dailyBudgetMicros: 100n * USD,
    creatives: [
      { id: "demo-creative-tents-text", kind: "TEXT" as const, width: 300, height: 250, headline: "Sleep under the stars", body: "Ultralight two-person tents from 1.1 kg. Free returns." },
      { id: "demo-creative-tents-mobile", kind: "TEXT" as const, width: 320, height: 50, headline: "Ultralight tents", body: "From 1.1 kg — shop now" },
    ],
  },
  {
    id: "demo-campaign-house",
    name: "Newsletter (house ad)",
    tier: "HOUSE" as const,
    pricingModel: "CPM" as const,
    priceMicros: 0n,
    totalBudgetMicros: 0n,
    dailyBudgetMicros: null,
    creatives: [
      {
        id: "demo-creative-house-html",
        kind: "HTML" as const,
        width: 300,
        height: 600,
        html: '<div style="font-family:sans-serif;padding:24px;background:#0f172a;color:#fff;height:100%;box-sizing:border-box"><h2>The Trailhead newsletter</h2><p>Routes, gear and stories every Friday.</p></div>',
      },
    ],
  },
];

export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  for (const account of demoAccounts) {
    await prisma.user.upsert({
      where: { id: account.id },
      update: {},
      create: { id: account.id, name: account.name, email: account.email, emailVerified: true, role: account.role },
    });
    const existing = await prisma.account.findFirst({ where: { userId: account.id, providerId: "credential" } });
    if (!existing) {
      await prisma.account.create({
        data: {
          id: `${account.id}-credential`,
          accountId: account.id,
          providerId: "credential",
          userId: account.id,
          password: await hashPassword(account.password),
        },
      });
    }
  }

  await prisma.organization.upsert({
    where: { id: "demo-org-advertiser" },
    update: {},
    create: { id: "demo-org-advertiser", name: "Northwind Outdoor", kind: "ADVERTISER" },
  });
  await prisma.organization.upsert({
    where: { id: "demo-org-publisher" },
    update: {},
    create: { id: "demo-org-publisher", name: "Trailhead Daily", kind: "PUBLISHER" },
  });
  for (const [organizationId, userId] of [
    ["demo-org-advertiser", "demo-user-advertiser"],
    ["demo-org-publisher", "demo-user-publisher"],
  ] as const) {
    await prisma.membership.upsert({
      where: { organizationId_userId: { organizationId, userId } },
      update: {},
      create: { organizationId, userId, role: "OWNER" },
    });
  }

  await prisma.site.upsert({
    where: { id: "demo-site-trailhead" },
    update: {},
    create: { id: "demo-site-trailhead", organizationId: "demo-org-publisher", name: "Trailhead Daily", domain: "trailhead.example" },
  });
  for (const placement of placements) {
    await prisma.placement.upsert({
      where: { id: placement.id },
      update: {},
      create: { ...placement, siteId: "demo-site-trailhead" },
    });
  }

  for (const { creatives, ...campaign } of campaigns) {
    await prisma.campaign.upsert({
      where: { id: campaign.id },
      update: {},
      create: {
        ...campaign,
        organizationId: "demo-org-advertiser",
        status: "ACTIVE",
        startsAt: flightStart,
        pacing: "EVEN",
        weight: 1,
      },
    });
    for (const creative of creatives) {
      await prisma.creative.upsert({
        where: { id: creative.id },
        update: {},
        create: {
          ...creative,
          name: `${campaign.name} ${creative.width}×${creative.height}`,
          campaignId: campaign.id,
          landingUrl: `https://northwind.example/${campaign.id.replace("demo-campaign-", "")}`,
          reviewStatus: "APPROVED",
          reviewedAt: flightStart,
          reviewedById: "demo-user-admin",
        },
      });
    }
  }
}

/** What the seeding decision reads of the configuration (lib/config/env.ts). */
type DemoConfig = Pick<Env, "database" | "MARQUEE_DEMO">;

/**
 * Whether a start-up seeds the demo data: as MARQUEE_DEMO says (1 or 0), else on the embedded
 * default (no database URL) only. Never by default into Postgres — DATABASE_URL or any name an
 * integration sets — which is what a deployment runs on: the demo passwords are in the README.
 */
export function demoDataWanted(config: DemoConfig): boolean {
  return config.MARQUEE_DEMO ?? config.database.kind === "pglite";
}

/**
 * What `npm start` (scripts/db/prepare.ts) does about the demo data, as lines for its log: the
 * demo accounts are named only where they exist, i.e. where this seeding was asked for.
 */
export async function prepareDemoData(prisma: PrismaClient, config: DemoConfig): Promise<string[]> {
  if (!demoDataWanted(config)) return ["No demo data (MARQUEE_DEMO=1 seeds it); the first operator signs up through the setup link in the server's log."];
  const lines = (await seedIfEmpty(prisma)) ? ["Seeded the demo data into the empty database."] : [];
  return [...lines, `Demo accounts (password after the e-mail):\n${describeDemoAccounts()}`];
}

/** Seeds only a database without any organisation (the first start of a fresh install). */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.organization.count()) > 0) return false;
  await seedDemoData(prisma);
  return true;
}

export function describeDemoAccounts(): string {
  return demoAccounts.map((account) => `  ${account.email.padEnd(26)} ${account.password}`).join("\n");
}

async function main() {
  const { parseEnv } = await import("@/lib/config/env");
  const { createDatabase } = await import("@/lib/db/create-client");
  const database = createDatabase(parseEnv());
  try {
    await seedDemoData(database.prisma);
    console.log(`Demo data is in place. Sign in with:\n${describeDemoAccounts()}`);
  } finally {
    await database.close();
  }
}

// Run as `npm run db:seed` (tsx prisma/seed.ts). Matched by name, not by import.meta.url: bundled
// into the image's database preparation (scripts/standalone/assemble.mjs), this module's URL is the
// bundle's, which is the file run there, and a second seeding would start beside the migrations.
if (/[\\/]prisma[\\/]seed\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
