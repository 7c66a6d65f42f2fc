// DATABASE_DRIVER=neon: the app's Prisma client on Neon's serverless driver, which speaks the
// Postgres protocol inside WebSocket frames — here through a local WebSocket → TCP proxy (as
// Neon's edge runs one) to the suite's PostgreSQL. A query, transactions that commit and roll
// back, and the tracking path's own interactive transaction run through it.
import { neonConfig } from "@neondatabase/serverless";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import { createStore } from "@/lib/redis/create-store";
import { databaseSettings, freshPostgres, type FreshPostgres } from "@/tests/support/databases";
import { startNeonWsProxy, useNeonWsProxy, type NeonWsProxy } from "@/tests/support/neon-ws-proxy";
import { impression, testOffer } from "@/tests/support/tracking";

let postgres: FreshPostgres;
let proxy: NeonWsProxy;
let neon: DatabaseHandle;

beforeAll(async () => {
  postgres = await freshPostgres();
  proxy = await startNeonWsProxy();
  useNeonWsProxy(proxy);
  neon = createDatabase(databaseSettings({ kind: "postgres", url: postgres.url }, { driver: "neon", poolSize: 2 }));
  // Fixtures through the ordinary node-postgres client.
  await postgres.prisma.organization.create({ data: { id: "org-neon", name: "Neon advertiser", kind: "ADVERTISER" } });
  await postgres.prisma.campaign.create({
    data: {
      id: "campaign-neon",
      organizationId: "org-neon",
      name: "Over WebSockets",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      priceMicros: 1_000_000n,
      totalBudgetMicros: 1_000_000_000n,
      creatives: { create: [{ id: "creative-neon", name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/", reviewStatus: "APPROVED" }] },
    },
  });
}, 60_000);

afterAll(async () => {
  await neon?.close();
  await proxy?.close();
  await postgres?.close();
});

describe("Prisma on Neon's serverless driver (DATABASE_DRIVER=neon)", () => {
  it("answers a query through the WebSocket proxy, with the ws constructor the app installed", async () => {
    const before = proxy.bytesToPostgres();
    const rows = await neon.prisma.$queryRaw<{ answer: number }[]>`SELECT 6 * 7 AS answer`;
    expect(rows).toEqual([{ answer: 42 }]);
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
    expect(proxy.bytesToPostgres()).toBeGreaterThan(before);
    expect(neonConfig.webSocketConstructor).toBe(WebSocket);
  });

  it("commits an interactive transaction, and rolls back one that throws", async () => {
    await neon.prisma.$transaction(async (tx) => {
      await tx.organization.create({ data: { id: "org-kept", name: "Kept", kind: "PUBLISHER" } });
      await tx.organization.update({ where: { id: "org-kept" }, data: { name: "Kept, renamed" } });
    });
    await expect(
      neon.prisma.$transaction(async (tx) => {
        await tx.organization.create({ data: { id: "org-undone", name: "Undone", kind: "PUBLISHER" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");

    const seen = await postgres.prisma.organization.findMany({ where: { id: { in: ["org-kept", "org-undone"] } }, select: { id: true, name: true } });
    expect(seen).toEqual([{ id: "org-kept", name: "Kept, renamed" }]);
  });

  it("records an impression once through the tracking path, as the app does", async () => {
    const offer = testOffer({ campaignId: "campaign-neon", creativeId: "creative-neon" });
    const deps = { prisma: neon.prisma, store: createStore({ kind: "none" }).store };
    expect(await impression(deps, offer)).toBe("counted");
    expect(await impression(deps, offer)).toBe("duplicate");

    expect(await postgres.prisma.impression.count({ where: { offerId: offer.offerId } })).toBe(1);
    const campaign = await postgres.prisma.campaign.findUniqueOrThrow({ where: { id: "campaign-neon" }, select: { spentMicros: true } });
    expect(campaign.spentMicros).toBe(1_000n);
  });
});
