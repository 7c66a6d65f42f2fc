import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { getSystemHealth } from "@/lib/admin/get-system-health";
import { listAccounts } from "@/lib/admin/list-accounts";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { createSecondPublisher, OTHER_ORG } from "../publisher/second-publisher";
import { runAtOnce } from "@/tests/support/deferred-work";

let database: FreshDatabase;

beforeAll(async () => {
  database = await freshPglite();
  await seedDemoData(database.prisma);
  await createSecondPublisher(database.prisma);
});

afterAll(async () => {
  await database?.close();
});

describe("listAccounts", () => {
  it("lists every user with organisations and platform role", async () => {
    const { users, userCount } = await listAccounts({ prisma: database.prisma });
    expect(userCount).toBe(4);
    const byEmail = Object.fromEntries(users.map((user) => [user.email, user]));
    expect(Object.keys(byEmail).sort()).toEqual(["admin@marquee.local", "advertiser@marquee.local", "other@publisher.example", "publisher@marquee.local"]);
    expect(byEmail["admin@marquee.local"]).toMatchObject({ role: "admin", memberships: [] });
    expect(byEmail["publisher@marquee.local"]).toMatchObject({
      role: "user",
      memberships: [{ role: "OWNER", organization: { id: "demo-org-publisher", name: "Trailhead Daily", kind: "PUBLISHER" } }],
    });
    expect(byEmail["other@publisher.example"]?.memberships.map((membership) => membership.organization.id)).toEqual([OTHER_ORG]);
  });

  it("lists every organisation with its kind and counts of members, campaigns and sites", async () => {
    const { organizations, organizationCount } = await listAccounts({ prisma: database.prisma });
    expect(organizationCount).toBe(3);
    const byId = Object.fromEntries(organizations.map((organization) => [organization.id, organization]));
    expect(byId["demo-org-advertiser"]).toMatchObject({ kind: "ADVERTISER", _count: { memberships: 1, campaigns: 3, sites: 0 } });
    expect(byId["demo-org-publisher"]).toMatchObject({ kind: "PUBLISHER", _count: { memberships: 1, campaigns: 0, sites: 1 } });
    expect(byId[OTHER_ORG]).toMatchObject({ kind: "PUBLISHER", _count: { memberships: 1, campaigns: 0, sites: 1 } });
  });

  it("pages: the first N, and the totals", async () => {
    const { users, userCount, organizations } = await listAccounts({ prisma: database.prisma }, 2);
    expect(users).toHaveLength(2);
    expect(organizations).toHaveLength(2);
    expect(userCount).toBe(4);
  });
});

describe("getSystemHealth", () => {
  it("without Redis: the database's latency, this process's store, the active set from the database, the scheduled jobs off, and the two notices", async () => {
    const store = new KeyValueStore(new MemoryStore());
    // As lib/cache wires it without Redis: no shared store, the database's version decides.
    const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: null, load: () => loadActiveSet(database.prisma), localTtlMs: 60_000 });
    await cache.get();
    await cache.get();
    await cache.get();
    const checkedAt = new Date(Date.now() + 2_000);
    const health = await getSystemHealth({
      prisma: database.prisma,
      store: { store },
      activeSet: cache,
      build: () => ({ version: "1.2.3", buildId: "test-build" }),
      uptimeSeconds: () => 42.7,
      cronSecretSet: false,
      // The shape is under test here, not the deadline: one no loaded machine misses.
      probeDeadlineMs: 30_000,
      now: () => checkedAt,
    });
    expect(health).toMatchObject({
      status: "ok",
      checkedAt: checkedAt.toISOString(),
      instance: { version: "1.2.3", buildId: "test-build", uptimeSeconds: 42 },
      database: { state: "ok" },
      store: { kind: "memory", shared: false, state: "ok", breaker: null },
      activeSet: {
        source: "database",
        generation: null,
        sharedGeneration: null,
        invalidationPending: false,
        stats: { localHits: 2, redisHits: 0, databaseLoads: 1, versionChecks: 0, invalidations: 0, hitRate: 2 / 3 },
      },
      parkedClicks: { count: 0, keptIn: "memory" },
      parkedImpressions: { count: 0 },
      invalidTraffic: { impressions: { valid: 0, invalid: 0 }, clicks: { valid: 0, invalid: 0 }, rate: null },
      scheduledJobs: {
        scheduled: false,
        jobs: [
          { name: "prune-events", path: "/api/cron/prune-events", every: "daily at 03:00 UTC", lastSuccessAt: null, lastSummary: null, lastFailureAt: null, late: false },
          { name: "campaign-mail", path: "/api/cron/campaign-mail", every: "daily at 07:00 UTC", lastSuccessAt: null, lastSummary: null, lastFailureAt: null, late: false },
        ],
      },
    });
    expect(health.database.latencyMs).toBeGreaterThan(0);
    expect(health.activeSet.ageSeconds).toBeGreaterThanOrEqual(2);
    expect(health.warnings.map((warning) => warning.id)).toEqual(["scheduled-jobs-off", "store-not-shared"]);
  });
});
