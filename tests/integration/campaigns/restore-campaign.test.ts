// Archive and Restore on both databases: Restore brings an archived campaign back PAUSED
// (recorded in the audit log, the active set dropped), only for a role that may write
// campaigns, and an archived campaign's creatives leave the operators' review queue until then.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { DomainDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/model/enums";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { seedDemoData } from "@/prisma/seed";
import { testActor } from "@/tests/support/actors";
import { formOf, redirectOf } from "@/tests/support/actions";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { runAtOnce } from "@/tests/support/deferred-work";

const browser = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string } }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/auth", () => ({
  auth: () => ({
    api: { getSession: async () => (browser.user ? { user: { ...browser.user, role: "user", emailVerified: true, twoFactorEnabled: false } } : null) },
  }),
}));

const { restoreCampaign } = await import("@/lib/campaigns/restore-campaign");
const { setCampaignStatus } = await import("@/lib/campaigns/set-campaign-status");
const { restoreCampaignAction } = await import("@/lib/campaigns/actions");
const { listPendingCreatives } = await import("@/lib/review/list-pending-creatives");

const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };
const ADVERTISER = "demo-org-advertiser";

describe.each(BOTH_DATABASES)("archive and restore on $name", ({ open }) => {
  let database: FreshDatabase;
  let store: KeyValueStore;
  let cache: ActiveCampaignsCache<ActiveSet>;
  let deps: DomainDeps;
  let invalidations = 0;

  beforeAll(async () => {
    for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
    database = await open();
    // lib/db's client (behind the session and the actions) is this database's.
    globalForDb.marqueeDb = database;
    await seedDemoData(database.prisma);
    store = new KeyValueStore(new MemoryStore());
    cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store, load: () => loadActiveSet(database.prisma) });
    deps = {
      prisma: database.prisma,
      invalidate: async () => {
        invalidations += 1;
        await cache.invalidate();
      },
    };
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await store?.close();
    await database?.close();
  });
  beforeEach(() => {
    browser.user = null;
  });

  /** An active campaign of the demo advertiser with one creative in the given review state. */
  async function campaignWith(reviewStatus: "APPROVED" | "PENDING") {
    return database.prisma.campaign.create({
      data: {
        organizationId: ADVERTISER,
        name: `Restorable ${randomUUID().slice(0, 8)}`,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        priceMicros: 1_000_000n,
        totalBudgetMicros: 100_000_000n,
        creatives: { create: { name: "Text", kind: "TEXT", width: 300, height: 250, headline: "Hi", landingUrl: "https://northwind.example/", reviewStatus } },
      },
      include: { creatives: true },
    });
  }

  const served = async () => (await cache.get()).campaigns.map((campaign) => campaign.id);
  const restoredEvents = (campaignId: string) => database.prisma.auditEvent.findMany({ where: { action: "campaign.restored", targetId: campaignId } });

  it("restores an archived campaign as PAUSED, records it once, and drops the active set", async () => {
    const campaign = await campaignWith("APPROVED");
    expect(await served()).toContain(campaign.id);
    await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
    expect(await served()).not.toContain(campaign.id);

    const before = invalidations;
    const result = await restoreCampaign(ADVERTISER, campaign.id, testActor, deps);
    expect(result).toMatchObject({ restored: true, campaign: { status: "PAUSED" } });
    expect(invalidations - before).toBe(1);
    expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("PAUSED");
    expect(await restoredEvents(campaign.id)).toEqual([
      expect.objectContaining({ organizationId: ADVERTISER, channel: "DASHBOARD", actorId: "test-user-member", targetType: "campaign", targetName: campaign.name }),
    ]);
    // Paused: it does not serve until resumed, then it does (the set was rebuilt).
    expect(await served()).not.toContain(campaign.id);
    await setCampaignStatus(ADVERTISER, campaign.id, "ACTIVE", testActor, deps);
    expect(await served()).toContain(campaign.id);
  });

  it("restoring twice (a double click) or a campaign that is not archived changes and records nothing", async () => {
    const campaign = await campaignWith("APPROVED");
    await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
    await restoreCampaign(ADVERTISER, campaign.id, testActor, deps);
    await setCampaignStatus(ADVERTISER, campaign.id, "ACTIVE", testActor, deps);
    const before = invalidations;
    expect(await restoreCampaign(ADVERTISER, campaign.id, testActor, deps)).toMatchObject({ restored: false, campaign: { status: "ACTIVE" } });
    expect(invalidations).toBe(before);
    expect(await restoredEvents(campaign.id)).toHaveLength(1);
  });

  it("does not find another organisation's campaign", async () => {
    const campaign = await campaignWith("APPROVED");
    await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
    await expect(restoreCampaign("demo-org-publisher", campaign.id, testActor, deps)).rejects.toMatchObject({ code: "not_found" });
    expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("ARCHIVED");
  });

  describe("the Restore button's action", () => {
    async function signedInAs(role: MemberRole) {
      const id = randomUUID();
      await database.prisma.user.create({ data: { id, name: `A ${role.toLowerCase()}`, email: `${id}@restore.test`, emailVerified: true } });
      await database.prisma.membership.create({ data: { organizationId: ADVERTISER, userId: id, role } });
      browser.user = { id, name: `A ${role.toLowerCase()}`, email: `${id}@restore.test` };
      return id;
    }

    it("refuses a viewer (no campaigns:write) and changes nothing", async () => {
      const campaign = await campaignWith("APPROVED");
      await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
      await signedInAs("VIEWER");
      expect(await redirectOf(restoreCampaignAction(formOf({ campaignId: campaign.id })))).toBe("/advertiser/campaigns?notice=not-permitted");
      expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("ARCHIVED");
      expect(await restoredEvents(campaign.id)).toEqual([]);
    });

    it("lets a member restore, back to the campaign's page with the notice, recorded as them", async () => {
      const campaign = await campaignWith("APPROVED");
      await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
      const userId = await signedInAs("MEMBER");
      expect(await redirectOf(restoreCampaignAction(formOf({ campaignId: campaign.id })))).toBe(`/advertiser/campaigns/${campaign.id}?notice=campaign-restored`);
      expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("PAUSED");
      expect(await restoredEvents(campaign.id)).toEqual([expect.objectContaining({ actorId: userId })]);
    });

    it("answers an unknown campaign with the not-found notice", async () => {
      await signedInAs("MEMBER");
      expect(await redirectOf(restoreCampaignAction(formOf({ campaignId: "no-such-campaign" })))).toBe("/advertiser/campaigns?notice=campaign-not-found");
    });
  });

  it("the review queue leaves out an archived campaign's creatives, and shows the pending ones again once it is restored", async () => {
    const campaign = await campaignWith("PENDING");
    const creativeId = campaign.creatives[0]!.id;
    const queued = async () => {
      const { creatives, total } = await listPendingCreatives(deps, { take: 1_000 });
      return { listed: creatives.some((creative) => creative.id === creativeId), total };
    };
    const before = await queued();
    expect(before.listed).toBe(true);

    await setCampaignStatus(ADVERTISER, campaign.id, "ARCHIVED", testActor, deps);
    expect(await queued()).toEqual({ listed: false, total: before.total - 1 });

    await restoreCampaign(ADVERTISER, campaign.id, testActor, deps);
    expect(await queued()).toEqual({ listed: true, total: before.total });
  });
});
