import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { archivePlacement } from "@/lib/placements/archive-placement";
import { createPlacement } from "@/lib/placements/create-placement";
import { getPlacement } from "@/lib/placements/get-placement";
import { updatePlacement } from "@/lib/placements/update-placement";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { placementSchema } from "@/lib/zod/schemas/placements";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { testActor } from "@/tests/support/actors";
import { countingInvalidate, createSecondPublisher, OTHER_PLACEMENT, OTHER_SITE, OWN_ORG, OWN_PLACEMENT, OWN_SITE } from "./second-publisher";
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

/** A form as the action receives it, parsed by the same schema. */
const input = (fields: { name?: string; size?: string; keywords?: string; floorPrice?: string } = {}) =>
  placementSchema.parse({ name: "Footer", size: "970x250", keywords: "Camping, gear", floorPrice: "0.29", ...fields });

const placementRow = (id: string) => database.prisma.placement.findUniqueOrThrow({ where: { id } });
const activePlacement = async (id: string) => (await loadActiveSet(database.prisma)).placements.find((placement) => placement.id === id);

describe("createPlacement", () => {
  it("adds a placement to the organisation's site with the floor in exact micro-units", async () => {
    const { calls, invalidate } = countingInvalidate();
    const placement = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate });
    expect(await placementRow(placement.id)).toMatchObject({
      siteId: OWN_SITE,
      name: "Footer",
      width: 970,
      height: 250,
      keywords: ["camping", "gear"],
      floorPriceMicros: 290_000n,
      archivedAt: null,
    });
    expect(calls.count).toBe(1);
  });

  it("makes the new placement part of the active set", async () => {
    const { invalidate } = countingInvalidate();
    const placement = await createPlacement(OWN_ORG, OWN_SITE, input({ floorPrice: "1.5" }), testActor, { prisma: database.prisma, invalidate });
    expect(await activePlacement(placement.id)).toEqual({ id: placement.id, width: 970, height: 250, keywords: ["camping", "gear"], floorPriceMicros: 1_500_000, domains: ["trailhead.example"], label: "Ad" });
  });

  it("refuses another organisation's site: nothing is created, nothing invalidated", async () => {
    const { calls, invalidate } = countingInvalidate();
    const before = await database.prisma.placement.count();
    await expect(createPlacement(OWN_ORG, OTHER_SITE, input(), testActor, { prisma: database.prisma, invalidate })).rejects.toMatchObject({
      code: "not_found",
      message: "Site not found.",
    });
    expect(await database.prisma.placement.count()).toBe(before);
    expect(calls.count).toBe(0);
  });
});

describe("updatePlacement", () => {
  it("changes the organisation's placement and invalidates the active set", async () => {
    const { calls, invalidate } = countingInvalidate();
    const created = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate });
    const updated = await updatePlacement(OWN_ORG, created.id, input({ name: "Footer wide", size: "728x90", keywords: "", floorPrice: "3" }), testActor, {
      prisma: database.prisma,
      invalidate,
    });
    expect(updated).toMatchObject({ id: created.id, name: "Footer wide", width: 728, height: 90, keywords: [], floorPriceMicros: 3_000_000n });
    expect(calls.count).toBe(2);
    expect(await activePlacement(created.id)).toEqual({ id: created.id, width: 728, height: 90, keywords: [], floorPriceMicros: 3_000_000, domains: ["trailhead.example"], label: "Ad" });
  });

  it("treats another organisation's placement as not found and leaves it unchanged", async () => {
    const { calls, invalidate } = countingInvalidate();
    const before = await placementRow(OTHER_PLACEMENT);
    await expect(updatePlacement(OWN_ORG, OTHER_PLACEMENT, input({ floorPrice: "0" }), testActor, { prisma: database.prisma, invalidate })).rejects.toMatchObject({
      code: "not_found",
      message: "Placement not found.",
    });
    expect(await placementRow(OTHER_PLACEMENT)).toEqual(before);
    expect(calls.count).toBe(0);
  });

  it("refuses to change an archived placement", async () => {
    const { calls, invalidate } = countingInvalidate();
    const created = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate });
    await archivePlacement(OWN_ORG, created.id, testActor, { prisma: database.prisma, invalidate });
    await expect(updatePlacement(OWN_ORG, created.id, input({ name: "Revived" }), testActor, { prisma: database.prisma, invalidate })).rejects.toMatchObject({
      code: "conflict",
      message: "This placement is archived and can no longer be changed.",
    });
    expect((await placementRow(created.id)).name).toBe("Footer");
    expect(calls.count).toBe(2);
  });
});

describe("archivePlacement", () => {
  it("takes the placement out of the active set, keeping the row for reports", async () => {
    const { calls, invalidate } = countingInvalidate();
    const created = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate });
    const at = new Date("2026-03-04T05:06:07Z");
    const archived = await archivePlacement(OWN_ORG, created.id, testActor, { prisma: database.prisma, invalidate }, at);
    expect(archived).toMatchObject({ id: created.id, siteId: OWN_SITE, archivedAt: at });
    expect(calls.count).toBe(2);
    expect(await activePlacement(created.id)).toBeUndefined();
  });

  it("archiving twice keeps the first date and does not invalidate again", async () => {
    const { calls, invalidate } = countingInvalidate();
    const created = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate });
    const first = new Date("2026-03-04T05:06:07Z");
    await archivePlacement(OWN_ORG, created.id, testActor, { prisma: database.prisma, invalidate }, first);
    const again = await archivePlacement(OWN_ORG, created.id, testActor, { prisma: database.prisma, invalidate }, new Date("2026-04-01T00:00:00Z"));
    expect(again.archivedAt).toEqual(first);
    expect(calls.count).toBe(2);
  });

  it("treats another organisation's placement as not found and leaves it serving", async () => {
    const { calls, invalidate } = countingInvalidate();
    const before = await placementRow(OTHER_PLACEMENT);
    await expect(archivePlacement(OWN_ORG, OTHER_PLACEMENT, testActor, { prisma: database.prisma, invalidate })).rejects.toMatchObject({
      code: "not_found",
      message: "Placement not found.",
    });
    expect(await placementRow(OTHER_PLACEMENT)).toEqual(before);
    expect(await activePlacement(OTHER_PLACEMENT)).toBeDefined();
    expect(calls.count).toBe(0);
  });

  it("with the real cache: the archived placement is gone from the next read, not after the TTL", async () => {
    const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce,
      store: new KeyValueStore(new MemoryStore()),
      load: () => loadActiveSet(database.prisma),
      localTtlMs: 60_000,
    });
    const created = await createPlacement(OWN_ORG, OWN_SITE, input(), testActor, { prisma: database.prisma, invalidate: () => cache.invalidate() });
    expect((await cache.get()).placements.map((placement) => placement.id)).toContain(created.id);
    await archivePlacement(OWN_ORG, created.id, testActor, { prisma: database.prisma, invalidate: () => cache.invalidate() });
    expect((await cache.get()).placements.map((placement) => placement.id)).not.toContain(created.id);
  });
});

describe("getPlacement", () => {
  it("returns the organisation's placement with its site", async () => {
    expect(await getPlacement(OWN_ORG, OWN_PLACEMENT, { prisma: database.prisma })).toMatchObject({
      id: OWN_PLACEMENT,
      width: 300,
      height: 250,
      site: { id: OWN_SITE, name: "Trailhead Daily", domain: "trailhead.example" },
    });
  });

  it("returns null for another organisation's placement", async () => {
    expect(await getPlacement(OWN_ORG, OTHER_PLACEMENT, { prisma: database.prisma })).toBeNull();
  });
});
