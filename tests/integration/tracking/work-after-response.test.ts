// What the tracking path does after the response (issue 14): on serverless an instance may be
// frozen once its response is sent, so the reaction to a spent budget is handed to after()
// (TrackingDeps.defer), never left floating. Here the deferred work is collected: it has not
// happened before the "response", and it does happen after. Recording itself leaves nothing
// for later: the database decides, and no Redis mark follows it (issue 16).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore } from "@/lib/redis/create-store";
import type { KeyValueStore } from "@/lib/redis/store";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClick } from "@/lib/tracking/record-click";
import { recordImpression, type TrackingDeps } from "@/lib/tracking/record-impression";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { deferredWork } from "@/tests/support/deferred-work";
import { DEFAULT_POLICY, validVerdict } from "@/tests/support/tracking";

describe("tracking work after the response", () => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  let store: KeyValueStore;

  beforeAll(async () => {
    database = await freshPglite();
    prisma = database.prisma;
    store = createStore({ kind: "none" }).store;
    await prisma.organization.create({ data: { id: "org-after", name: "After", kind: "ADVERTISER" } });
    for (const [id, budget] of [["campaign-after", 1_000_000_000n], ["campaign-spent", 2_000n]] as const) {
      await prisma.campaign.create({
        data: {
          id,
          organizationId: "org-after",
          name: id,
          status: "ACTIVE",
          startsAt: new Date("2026-01-01T00:00:00Z"),
          pricingModel: "CPM",
          priceMicros: 2_000_000n,
          totalBudgetMicros: budget,
          creatives: { create: [{ id: `${id}-creative`, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }] },
        },
      });
    }
  });

  afterAll(async () => {
    await store?.close();
    await database?.close();
  });

  const offer = (campaignId = "campaign-after"): Offer => ({
    offerId: randomBytes(12).toString("base64url"),
    campaignId,
    creativeId: `${campaignId}-creative`,
    placementId: "placement-after",
    pricingModel: "CPM",
    priceMicros: 2_000_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: "v",
    capPeriodSeconds: 0,
    page: "-",
  });

  function deps(onBudgetExhausted?: (campaignId: string) => unknown) {
    const work = deferredWork();
    const full: TrackingDeps = { prisma, store, policy: DEFAULT_POLICY, defer: work.defer, onBudgetExhausted };
    return { deps: full, work };
  }

  it("leaves no work for after the response when an impression and its click are recorded", async () => {
    const { deps: tracking, work } = deps();
    const shown = offer();
    expect((await recordImpression(tracking, shown, validVerdict(shown))).outcome).toBe("counted");
    expect((await recordClick(tracking, shown, validVerdict(shown))).outcome).toBe("counted");
    expect(work.count()).toBe(0);
  });

  it("stops delivering a spent campaign after the response, once", async () => {
    const stopped: string[] = [];
    const { deps: tracking, work } = deps(async (campaignId) => {
      stopped.push(campaignId);
    });
    const shown = offer("campaign-spent");
    expect((await recordImpression(tracking, shown, validVerdict(shown))).outcome).toBe("counted");
    expect(stopped).toEqual([]);
    await work.settle();
    expect(stopped).toEqual(["campaign-spent"]);
  });

  it("a failing reaction to a spent budget is caught after the response, the event stays counted", async () => {
    const { deps: tracking, work } = deps(() => Promise.reject(new Error("Redis down")));
    const shown = offer("campaign-spent");
    // The budget is spent: counted (not billable), and the reaction fires again.
    expect((await recordImpression(tracking, shown, validVerdict(shown))).outcome).toBe("counted");
    await expect(work.settle()).resolves.toBeUndefined();
  });
});
