// A frozen PostgreSQL (SIGSTOP: the port accepts, nothing answers) must make tracking fail
// within DATABASE_TIMEOUT_MS — so a beacon answers 503 — instead of hanging, and recover when
// it thaws. A private server, since this test freezes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import { createStore } from "@/lib/redis/create-store";
import type { Offer } from "@/lib/offers/offer-token";
import { migrateDatabase } from "@/scripts/db/migrations";
import { impression, testOffer } from "@/tests/support/tracking";
import { databaseSettings } from "@/tests/support/databases";
import { startPostgres, type PostgresServer } from "@/tests/support/services";

/** The deadline under test: met by a live server even on a busy CI machine, never by a frozen one. */
const TIMEOUT_MS = 3_000;
/** Far below the test's own timeout, which is where a call without a deadline would end. */
const GIVEN_UP_WITHIN_MS = TIMEOUT_MS + 15_000;

let postgres: PostgresServer;
let database: DatabaseHandle;
const store = createStore({ kind: "none" }).store;

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase("frozen_tracking");
  await migrateDatabase({ kind: "postgres", url });
  // Set-up with the default deadline; the short one is for the test.
  const setup = createDatabase(databaseSettings({ kind: "postgres", url }));
  try {
    await setup.prisma.organization.create({ data: { id: "org-frozen", name: "Frozen", kind: "ADVERTISER" } });
    await setup.prisma.campaign.create({
      data: {
        id: "campaign-frozen",
        organizationId: "org-frozen",
        name: "Frozen",
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        priceMicros: 1_000_000n,
        totalBudgetMicros: 1_000_000_000n,
        creatives: { create: [{ id: "creative-frozen", name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/", reviewStatus: "APPROVED" }] },
      },
    });
  } finally {
    await setup.close();
  }
  database = createDatabase(databaseSettings({ kind: "postgres", url }, { poolSize: 2, timeoutMs: TIMEOUT_MS }));
}, 60_000);

afterAll(async () => {
  postgres?.resume();
  await database?.close();
  await postgres?.stop();
});

function offer(): Offer {
  return testOffer({ campaignId: "campaign-frozen", creativeId: "creative-frozen" });
}

describe("tracking against a frozen PostgreSQL", () => {
  it("fails within DATABASE_TIMEOUT_MS instead of hanging, and counts the retry once the server thaws", async () => {
    const deps = { prisma: database.prisma, store };
    const shown = offer();
    expect(await impression(deps, offer())).toBe("counted"); // connections are open and warm

    postgres.pause();
    const startedAt = performance.now();
    await expect(impression(deps, shown)).rejects.toThrow();
    expect(performance.now() - startedAt).toBeLessThan(GIVEN_UP_WITHIN_MS);

    postgres.resume();
    // The statement the client gave up on was still queued in the server: once thawed it may
    // commit after all, and the retry then finds it ("duplicate"), or commit now ("counted").
    // Either way the impression is stored exactly once, and the 503 acknowledged nothing.
    await expect.poll(() => impression(deps, shown).catch(() => "failed"), { timeout: 30_000, interval: 250 }).not.toBe("failed");
    expect(await impression(deps, shown)).toBe("duplicate");
    expect(await database.prisma.impression.count({ where: { offerId: shown.offerId } })).toBe(1);
    const stats = await database.prisma.hourlyStat.aggregate({ where: { campaignId: "campaign-frozen" }, _sum: { impressions: true } });
    expect(stats._sum.impressions).toBe(2);
  }, 60_000);
});
