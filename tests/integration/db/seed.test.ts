import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { demoAccounts, demoDataWanted, prepareDemoData, seedDemoData, seedIfEmpty } from "@/prisma/seed";
import { verifyPassword } from "better-auth/crypto";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { parseEnv } from "@/lib/config/env";

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

describe("where start-up seeds the demo data", () => {
  it("wants it on the embedded default and wherever MARQUEE_DEMO=1 asks, never in a Postgres database by default nor where MARQUEE_DEMO=0 declines", () => {
    const url = "postgres://marquee@db.example/marquee";
    expect(demoDataWanted(parseEnv({}))).toBe(true);
    // A single-instance install on the embedded database can say no.
    expect(demoDataWanted(parseEnv({ MARQUEE_DEMO: "0" }))).toBe(false);
    expect(demoDataWanted(parseEnv({ MARQUEE_DEMO: "1" }))).toBe(true);
    expect(demoDataWanted(parseEnv({ DATABASE_URL: url }))).toBe(false);
    expect(demoDataWanted(parseEnv({ DATABASE_URL: url, MARQUEE_DEMO: "0" }))).toBe(false);
    expect(demoDataWanted(parseEnv({ DATABASE_URL: url, MARQUEE_DEMO: "1" }))).toBe(true);
    // The names the Postgres integrations set are databases of a deployment as well.
    expect(demoDataWanted(parseEnv({ POSTGRES_PRISMA_URL: url }))).toBe(false);
    expect(demoDataWanted(parseEnv({ DATABASE_URL_POOLED: url }))).toBe(false);
  });

  it("refuses a MARQUEE_DEMO that is neither 1 nor 0, naming the variable", () => {
    expect(() => parseEnv({ MARQUEE_DEMO: "yes" })).toThrow(/MARQUEE_DEMO: must be 1 \(seed the demo data\) or 0/);
  });

  // The embedded default as `npm start` prepares it (scripts/db/prepare.ts): still seeded, accounts named.
  it("seeds the embedded default's empty database and names the demo accounts", { timeout: 180_000 }, async () => {
    const database = await freshPglite();
    try {
      const lines = await prepareDemoData(database.prisma, parseEnv({}));
      expect(lines[0]).toBe("Seeded the demo data into the empty database.");
      expect(lines[1]).toContain("admin@marquee.local");
      expect(await database.prisma.user.count({ where: { id: { in: demoAccounts.map((account) => account.id) } } })).toBe(demoAccounts.length);
    } finally {
      await database.close();
    }
  });

  it("leaves an empty DATABASE_URL database empty, and never prints a demo password", async () => {
    const database = await freshPostgres();
    try {
      const lines = await prepareDemoData(database.prisma, parseEnv({ DATABASE_URL: database.url }));
      expect(lines.join("\n")).not.toMatch(/marquee\.local|marquee-admin|marquee-advertiser|marquee-publisher/);
      expect(await database.prisma.user.count()).toBe(0);
      expect(await database.prisma.organization.count()).toBe(0);
    } finally {
      await database.close();
    }
  });

  it("seeds a DATABASE_URL database when MARQUEE_DEMO=1", { timeout: 180_000 }, async () => {
    const database = await freshPostgres();
    try {
      const lines = await prepareDemoData(database.prisma, parseEnv({ DATABASE_URL: database.url, MARQUEE_DEMO: "1" }));
      expect(lines[0]).toBe("Seeded the demo data into the empty database.");
      expect(await database.prisma.user.findUnique({ where: { email: "admin@marquee.local" }, select: { role: true } })).toEqual({ role: "admin" });
    } finally {
      await database.close();
    }
  });
});
