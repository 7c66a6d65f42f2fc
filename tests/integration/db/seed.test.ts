import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { demoAccounts, seedDemoData, seedIfEmpty } from "@/prisma/seed";
import { verifyPassword } from "better-auth/crypto";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";

/** Every row of every table the seed writes, in a stable order. */
async function snapshot(prisma: PrismaClient) {
  return {
    users: await prisma.user.findMany({ orderBy: { id: "asc" } }),
    accounts: await prisma.account.findMany({ orderBy: { id: "asc" } }),
    organizations: await prisma.organization.findMany({ orderBy: { id: "asc" } }),
    memberships: await prisma.membership.findMany({ orderBy: { id: "asc" } }),
    sites: await prisma.site.findMany({ orderBy: { id: "asc" } }),
    placements: await prisma.placement.findMany({ orderBy: { id: "asc" } }),
    campaigns: await prisma.campaign.findMany({ orderBy: { id: "asc" } }),
    creatives: await prisma.creative.findMany({ orderBy: { id: "asc" } }),
  };
}

describe("demo seed", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshPglite();
  });
  afterAll(async () => {
    await database?.close();
  });

  // Hashing the demo passwords is CPU-bound: 4 s on an idle CI machine, 40 s on a busy one.
  it("seeds an empty database, and only an empty one", { timeout: 180_000 }, async () => {
    expect(await seedIfEmpty(database.prisma)).toBe(true);
    expect(await seedIfEmpty(database.prisma)).toBe(false);
  });

  it("creates an advertiser, a publisher with a site and IAB placements, and active campaigns with approved creatives", async () => {
    const data = await snapshot(database.prisma);
    expect(data.organizations.map((organization) => organization.kind).sort()).toEqual(["ADVERTISER", "PUBLISHER"]);
    expect(data.sites).toHaveLength(1);
    expect(data.placements.map((placement) => `${placement.width}x${placement.height}`).sort()).toEqual(["300x250", "300x600", "320x50", "728x90"]);
    expect(data.campaigns.filter((campaign) => campaign.status === "ACTIVE").length).toBeGreaterThanOrEqual(2);
    expect(data.creatives.length).toBeGreaterThan(0);
    expect(data.creatives.every((creative) => creative.reviewStatus === "APPROVED")).toBe(true);
  });

  it("stores passwords the authentication library can verify, never in clear", async () => {
    for (const account of demoAccounts) {
      const credential = await database.prisma.account.findFirstOrThrow({ where: { userId: account.id, providerId: "credential" } });
      expect(credential.password).not.toContain(account.password);
      expect(await verifyPassword({ hash: credential.password!, password: account.password })).toBe(true);
    }
  });

  it("is idempotent: running it again changes nothing", async () => {
    const before = await snapshot(database.prisma);
    await seedDemoData(database.prisma);
    await seedDemoData(database.prisma);
    expect(await snapshot(database.prisma)).toEqual(before);
  });
});
