// Validity in the database, on PGlite and PostgreSQL: invalid events are stored exactly once,
// rolled up under their reason and charge nothing; the per-client rates are decided against the
// events already stored (so they hold across instances); a click is valid only if its view is.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStore } from "@/lib/redis/create-store";
import type { EventValidity } from "@/lib/model/enums";
import type { Judgement } from "@/lib/tracking/invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClick } from "@/lib/tracking/record-click";
import { recordImpression } from "@/lib/tracking/record-impression";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { DEFAULT_POLICY } from "@/tests/support/tracking";
import { runAtOnce } from "@/tests/support/deferred-work";

const databases = BOTH_DATABASES;

describe.each(databases)("invalid traffic on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  const deps = () => ({ prisma, store: createStore({ kind: "none" }).store, policy: DEFAULT_POLICY, defer: runAtOnce });

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: "org-ivt", name: "IVT advertiser", kind: "ADVERTISER" } });
    await prisma.campaign.create({
      data: {
        id: "campaign-ivt",
        organizationId: "org-ivt",
        name: "IVT",
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        pricingModel: "CPM",
        priceMicros: 2_000_000n,
        totalBudgetMicros: 1_000_000_000n,
        creatives: { create: [{ id: "creative-ivt", name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }] },
      },
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  const offer = (overrides: Partial<Offer> = {}): Offer => ({
    offerId: randomBytes(12).toString("base64url"),
    campaignId: "campaign-ivt",
    creativeId: "creative-ivt",
    placementId: "placement-ivt",
    pricingModel: "CPM",
    priceMicros: 2_000_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: "v",
    capPeriodSeconds: 0,
    page: "-",
    ...overrides,
  });
  const verdict = (validity: Judgement["validity"], client: string, pageHost?: string): Judgement => ({ validity, client, pageHost });
  const stored = (offerId: string) => prisma.impression.findUniqueOrThrow({ where: { offerId }, select: { validity: true, billable: true, costMicros: true } });

  it("stores an invalid impression once, under its reason, and charges nothing", async () => {
    const shown = offer();
    expect(await recordImpression(deps(), shown, verdict("BOT", "bot-client"))).toEqual({ outcome: "counted", validity: "BOT" });
    expect(await recordImpression(deps(), shown, verdict("BOT", "bot-client"))).toEqual({ outcome: "duplicate", validity: "BOT" });
    expect(await stored(shown.offerId)).toEqual({ validity: "BOT", billable: false, costMicros: 0n });
    const rows = await prisma.hourlyStat.findMany({ where: { campaignId: "campaign-ivt", validity: "BOT" } });
    expect(rows.map((row) => ({ impressions: row.impressions, spend: row.spendMicros }))).toEqual([{ impressions: 1, spend: 0n }]);
  });

  it("bills a client's first five views of a placement in five minutes, then records the rest as RATE_LIMIT", async () => {
    const client = `client-${randomBytes(4).toString("hex")}`;
    const at = new Date();
    const results: EventValidity[] = [];
    for (let view = 0; view < 8; view += 1) results.push((await recordImpression(deps(), offer(), verdict("VALID", client), new Date(at.getTime() + view * 1000))).validity);
    expect(results).toEqual(["VALID", "VALID", "VALID", "VALID", "VALID", "RATE_LIMIT", "RATE_LIMIT", "RATE_LIMIT"]);
    // Another placement, and the same placement after the window, are billed again.
    expect((await recordImpression(deps(), offer({ placementId: "placement-other" }), verdict("VALID", client), at)).validity).toBe("VALID");
    expect((await recordImpression(deps(), offer(), verdict("VALID", client), new Date(at.getTime() + 5 * 60_000 + 10_000))).validity).toBe("VALID");
  });

  it("keeps the rate across instances: concurrent views of one client from two processes' worth of calls", async () => {
    const client = `client-${randomBytes(4).toString("hex")}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => recordImpression(deps(), offer(), verdict("VALID", client))));
    const valid = results.filter((result) => result.validity === "VALID").length;
    // Concurrent inserts may each see the others not yet committed: a few over, never the flood.
    expect(valid).toBeGreaterThanOrEqual(5);
    expect(valid).toBeLessThanOrEqual(10);
  });

  it("makes a click of an invalid view invalid too, and never bills it", async () => {
    const shown = offer({ pricingModel: "CPC", priceMicros: 500_000 });
    await recordImpression(deps(), shown, verdict("CLIENT_MISMATCH", "relay"));
    expect(await recordClick(deps(), shown, verdict("VALID", `c-${shown.offerId}`))).toEqual({ outcome: "counted", validity: "CLIENT_MISMATCH" });
    expect(await prisma.click.findUniqueOrThrow({ where: { offerId: shown.offerId }, select: { billable: true, costMicros: true } })).toEqual({ billable: false, costMicros: 0n });
  });

  it("bills one click a minute per client and records the next as RATE_LIMIT", async () => {
    const client = `clicker-${randomBytes(4).toString("hex")}`;
    const at = Date.now();
    const first = offer();
    const second = offer();
    const third = offer();
    expect((await recordClick(deps(), first, verdict("VALID", client), new Date(at))).validity).toBe("VALID");
    expect((await recordClick(deps(), second, verdict("VALID", client), new Date(at + 10_000))).validity).toBe("RATE_LIMIT");
    expect((await recordClick(deps(), third, verdict("VALID", client), new Date(at + 70_000))).validity).toBe("VALID");
  });

  it("keeps valid clicks ≤ valid impressions in every rollup row, invalid ones in rows of their own", async () => {
    const rows = await prisma.hourlyStat.findMany({ where: { campaignId: "campaign-ivt" } });
    for (const row of rows.filter((row) => row.validity === "VALID")) expect(row.clicks).toBeLessThanOrEqual(row.impressions);
    for (const row of rows.filter((row) => row.validity !== "VALID")) expect(row.spendMicros).toBe(0n);
  });

  it("counts where a placement was seen off its domains, by host", async () => {
    const host = `copy-${randomBytes(3).toString("hex")}.example`;
    await recordImpression(deps(), offer({ placementId: "placement-off" }), verdict("OFF_DOMAIN", "a", host));
    await recordImpression(deps(), offer({ placementId: "placement-off" }), verdict("OFF_DOMAIN", "b", host));
    await recordImpression(deps(), offer({ placementId: "placement-off" }), verdict("OFF_DOMAIN", "c"));
    const stats = await prisma.offDomainStat.findMany({ where: { placementId: "placement-off" }, orderBy: { host: "asc" } });
    expect(stats.map((stat) => [stat.host, stat.impressions])).toEqual([
      ["", 1],
      [host, 2],
    ]);
    expect(await prisma.impression.count({ where: { placementId: "placement-off", pageHost: host } })).toBe(2);
  });

  it("records everything as valid when filtering is off", async () => {
    const off = { ...deps(), policy: { ...DEFAULT_POLICY, enabled: false } };
    const client = `off-${randomBytes(4).toString("hex")}`;
    const results = [];
    for (let view = 0; view < 7; view += 1) results.push((await recordImpression(off, offer(), verdict("VALID", client))).validity);
    expect(results.every((validity) => validity === "VALID")).toBe(true);
  });
});
