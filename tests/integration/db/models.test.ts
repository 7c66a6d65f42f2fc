// Every model of schema.prisma can be created, read and deleted through the Prisma client,
// on the embedded PGlite database and on a real PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";

const databases = [
  { name: "PGlite", open: freshPglite },
  { name: "PostgreSQL", open: freshPostgres },
];

const hour = new Date("2026-03-01T10:00:00Z");

/** One row per model, in dependency order; each knows how to read and delete itself. */
function rows(prisma: PrismaClient) {
  return [
    {
      model: "User",
      create: () => prisma.user.create({ data: { id: "u1", name: "Una", email: "una@example.com", role: "admin" } }),
      read: () => prisma.user.findUnique({ where: { id: "u1" } }),
      remove: () => prisma.user.delete({ where: { id: "u1" } }),
    },
    {
      model: "Session",
      create: () => prisma.session.create({ data: { id: "s1", token: "tok", userId: "u1", expiresAt: new Date(Date.now() + 3_600_000) } }),
      read: () => prisma.session.findUnique({ where: { token: "tok" } }),
      remove: () => prisma.session.delete({ where: { id: "s1" } }),
    },
    {
      model: "Account",
      create: () => prisma.account.create({ data: { id: "a1", accountId: "u1", providerId: "credential", userId: "u1", password: "hash" } }),
      read: () => prisma.account.findUnique({ where: { id: "a1" } }),
      remove: () => prisma.account.delete({ where: { id: "a1" } }),
    },
    {
      model: "Verification",
      create: () => prisma.verification.create({ data: { id: "v1", identifier: "una@example.com", value: "code", expiresAt: new Date() } }),
      read: () => prisma.verification.findUnique({ where: { id: "v1" } }),
      remove: () => prisma.verification.delete({ where: { id: "v1" } }),
    },
    {
      model: "RateLimit",
      create: () => prisma.rateLimit.create({ data: { id: "r1", key: "sign-in:1.2.3.4", count: 1, lastRequest: 1_700_000_000_000n } }),
      read: () => prisma.rateLimit.findUnique({ where: { key: "sign-in:1.2.3.4" } }),
      remove: () => prisma.rateLimit.delete({ where: { id: "r1" } }),
    },
    {
      model: "Organization",
      create: () => prisma.organization.create({ data: { id: "o1", name: "Acme", kind: "ADVERTISER" } }),
      read: () => prisma.organization.findUnique({ where: { id: "o1" } }),
      remove: () => prisma.organization.delete({ where: { id: "o1" } }),
    },
    {
      model: "Membership",
      create: () => prisma.membership.create({ data: { id: "m1", organizationId: "o1", userId: "u1", role: "OWNER" } }),
      read: () => prisma.membership.findUnique({ where: { organizationId_userId: { organizationId: "o1", userId: "u1" } } }),
      remove: () => prisma.membership.delete({ where: { id: "m1" } }),
    },
    {
      model: "ApiKey",
      create: () => prisma.apiKey.create({ data: { id: "k1", organizationId: "o1", name: "CI", prefix: "mq_live_ab", hashedKey: "sha256" } }),
      read: () => prisma.apiKey.findUnique({ where: { hashedKey: "sha256" } }),
      remove: () => prisma.apiKey.delete({ where: { id: "k1" } }),
    },
    {
      model: "Campaign",
      create: () =>
        prisma.campaign.create({
          data: {
            id: "c1",
            organizationId: "o1",
            name: "Spring",
            status: "ACTIVE",
            startsAt: hour,
            priceMicros: 2_500_000n,
            totalBudgetMicros: 9_007_199_254_740_993n, // beyond 2^53: BigInt round-trips exactly
            dailyBudgetMicros: 100_000_000n,
            tier: "SPONSORSHIP",
            frequencyCapCount: 3,
            frequencyCapPeriodSeconds: 86_400,
            targetSizes: ["300x250"],
            countriesInclude: ["DE", "FR"],
            devices: ["MOBILE", "TABLET"],
            keywords: ["hiking"],
            weekdays: [1, 2, 3],
            hours: [8, 9, 10],
            spendDay: hour,
          },
        }),
      read: () => prisma.campaign.findUnique({ where: { id: "c1" } }),
      remove: () => prisma.campaign.delete({ where: { id: "c1" } }),
    },
    {
      model: "Creative",
      create: () =>
        prisma.creative.create({
          data: { id: "cr1", campaignId: "c1", name: "MPU", kind: "HTML", width: 300, height: 250, html: "<b>hi</b>", landingUrl: "https://example.com/", reviewedById: "u1" },
        }),
      read: () => prisma.creative.findUnique({ where: { id: "cr1" } }),
      remove: () => prisma.creative.delete({ where: { id: "cr1" } }),
    },
    {
      model: "Site",
      create: () => prisma.site.create({ data: { id: "st1", organizationId: "o1", name: "Blog", domain: "blog.example" } }),
      read: () => prisma.site.findUnique({ where: { id: "st1" } }),
      remove: () => prisma.site.delete({ where: { id: "st1" } }),
    },
    {
      model: "Placement",
      create: () => prisma.placement.create({ data: { id: "p1", siteId: "st1", name: "Sidebar", width: 300, height: 250, keywords: ["a"], floorPriceMicros: 500_000n } }),
      read: () => prisma.placement.findUnique({ where: { id: "p1" } }),
      remove: () => prisma.placement.delete({ where: { id: "p1" } }),
    },
    {
      model: "Impression",
      create: () => prisma.impression.create({ data: { offerId: "offer-1", campaignId: "c1", creativeId: "cr1", placementId: "p1", country: "DE", device: "MOBILE", costMicros: 2_500n } }),
      read: () => prisma.impression.findUnique({ where: { offerId: "offer-1" } }),
      remove: () => prisma.impression.delete({ where: { offerId: "offer-1" } }),
    },
    {
      model: "Click",
      create: () => prisma.click.create({ data: { offerId: "offer-1", campaignId: "c1", creativeId: "cr1", placementId: "p1" } }),
      read: () => prisma.click.findUnique({ where: { offerId: "offer-1" } }),
      remove: () => prisma.click.delete({ where: { offerId: "offer-1" } }),
    },
    {
      model: "HourlyStat",
      create: () => prisma.hourlyStat.create({ data: { hour, campaignId: "c1", creativeId: "cr1", placementId: "p1", country: "DE", device: "MOBILE", impressions: 1, clicks: 1, spendMicros: 2_500n } }),
      read: () =>
        prisma.hourlyStat.findUnique({
          where: { hour_campaignId_creativeId_placementId_country_device_validity: { hour, campaignId: "c1", creativeId: "cr1", placementId: "p1", country: "DE", device: "MOBILE", validity: "VALID" } },
        }),
      remove: () => prisma.hourlyStat.deleteMany({ where: { campaignId: "c1" } }),
    },
    {
      model: "ScheduledJob",
      create: () => prisma.scheduledJob.create({ data: { name: "test-job", lastSuccessAt: hour, lastSummary: "deleted 3 impressions" } }),
      read: () => prisma.scheduledJob.findUnique({ where: { name: "test-job" } }),
      remove: () => prisma.scheduledJob.delete({ where: { name: "test-job" } }),
    },
  ];
}

describe.each(databases)("models on $name", ({ open }) => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates, reads and deletes a row of every model", async () => {
    const all = rows(database.prisma);
    for (const row of all) {
      const created = await row.create();
      expect(await row.read(), row.model).toEqual(created);
    }
    for (const row of [...all].reverse()) {
      await row.remove();
      expect(await row.read(), row.model).toBeNull();
    }
  });

  it("keeps money exact beyond 2^53 and arrays in order", async () => {
    const prisma = database.prisma;
    await prisma.organization.create({ data: { id: "o2", name: "Money", kind: "ADVERTISER" } });
    const campaign = await prisma.campaign.create({
      data: { organizationId: "o2", name: "Big", startsAt: hour, priceMicros: 1n, totalBudgetMicros: 9_007_199_254_740_993n, hours: [23, 0, 5] },
    });
    const read = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(read.totalBudgetMicros).toBe(9_007_199_254_740_993n);
    expect(read.hours).toEqual([23, 0, 5]);
    await prisma.organization.delete({ where: { id: "o2" } });
    expect(await prisma.campaign.count({ where: { id: campaign.id } })).toBe(0);
  });

  it("refuses a second event with the same offer id", async () => {
    const prisma = database.prisma;
    const event = { offerId: "dup", campaignId: "c", creativeId: "cr", placementId: "p" };
    await prisma.impression.create({ data: event });
    await expect(prisma.impression.create({ data: event })).rejects.toThrow(/Unique constraint/i);
    expect(await prisma.impression.count({ where: { offerId: "dup" } })).toBe(1);
  });
});
