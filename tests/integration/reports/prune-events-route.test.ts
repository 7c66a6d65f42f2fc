// GET /api/cron/prune-events as Vercel Cron calls it, on PostgreSQL: the bearer secret, the
// answer when no secret is configured, and what a run deletes (raw events past 90 days,
// never rollups); and as Marquee's own scheduler calls it at its start, `?missed=`: run only
// when no run has succeeded since that minute.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/create-client";
import { pruneEvents } from "@/lib/events/prune-events";
import { freshPostgres, type FreshPostgres } from "@/tests/support/databases";

const SECRET = "cron-secret-for-the-tests-0123456789";
const DAY = 86_400_000;

let database: FreshPostgres;

beforeAll(async () => {
  database = await freshPostgres();
  vi.stubEnv("DATABASE_URL", database.url);
});

afterAll(async () => {
  // The route's own client (lib/db keeps it on globalThis).
  await (globalThis as { marqueeDb?: DatabaseHandle }).marqueeDb?.close();
  vi.unstubAllEnvs();
  await database?.close();
});

/** The route module as a fresh server instance would load it, with CRON_SECRET set or not. */
async function route(secret: string | undefined) {
  vi.resetModules();
  vi.stubEnv("CRON_SECRET", secret ?? "");
  return import("@/app/api/cron/prune-events/route");
}

const call = async (secret: string | undefined, authorization?: string, query = "") => {
  const { GET } = await route(secret);
  const headers = authorization === undefined ? undefined : { Authorization: authorization };
  return GET(new Request(`http://localhost/api/cron/prune-events${query}`, { headers }));
};

describe("GET /api/cron/prune-events", () => {
  beforeEach(async () => {
    await database.prisma.click.deleteMany();
    await database.prisma.impression.deleteMany();
    await database.prisma.hourlyStat.deleteMany();
  });

  it("answers 503 with a clear error when CRON_SECRET is not configured", async () => {
    const response = await call(undefined, `Bearer ${SECRET}`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "unavailable", message: "CRON_SECRET is not configured: set it (16 or more random characters) to enable scheduled jobs." },
    });
  });

  it.each([
    ["no Authorization header", undefined],
    ["a wrong secret", "Bearer not-the-cron-secret-at-all"],
    ["the secret with another scheme", `Basic ${SECRET}`],
    ["the bare secret", SECRET],
    ["a prefix of the secret", `Bearer ${SECRET.slice(0, -1)}`],
    ["the secret with more after it", `Bearer ${SECRET}x`],
    ["an empty bearer", "Bearer "],
  ])("answers 401 to %s", async (_name, authorization) => {
    const response = await call(SECRET, authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Missing or wrong cron secret." } });
  });

  it("with the secret, deletes the events older than 90 days and keeps the rollups", async () => {
    const { prisma } = database;
    const now = Date.now();
    const event = (offerId: string, ageDays: number) => ({
      offerId,
      campaignId: "c",
      creativeId: "k",
      placementId: "p",
      occurredAt: new Date(now - ageDays * DAY),
    });
    await prisma.impression.createMany({ data: [event("old-1", 120), event("old-2", 91), event("new-1", 89), event("new-2", 1)] });
    await prisma.click.createMany({ data: [event("old-1", 120), event("new-1", 89)] });
    await prisma.hourlyStat.create({ data: { hour: new Date(now - 120 * DAY), campaignId: "c", creativeId: "k", placementId: "p", impressions: 2, clicks: 1 } });

    const response = await call(SECRET, `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ deleted: { impressions: 2, clicks: 1 }, complete: true });
    expect(Math.abs(Date.parse(body.cutoff) - (now - 90 * DAY))).toBeLessThan(60_000);
    expect((await prisma.impression.findMany({ orderBy: { offerId: "asc" } })).map((row) => row.offerId)).toEqual(["new-1", "new-2"]);
    expect((await prisma.click.findMany()).map((row) => row.offerId)).toEqual(["new-1"]);
    expect(await prisma.hourlyStat.count()).toBe(1);
    // The run is recorded for the operators' health page.
    const job = await prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prune-events" } });
    expect(job).toMatchObject({ lastSummary: "deleted 2 impressions and 1 click", lastFailureAt: null });
    expect(Math.abs(job.lastSuccessAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("GET /api/cron/prune-events?missed= (a starting server catching up)", () => {
  const due = "2026-12-07T03:00:00Z";

  beforeEach(async () => {
    await database.prisma.impression.deleteMany();
    await database.prisma.scheduledJob.update({
      where: { name: "prune-events" },
      data: { expectedSince: new Date("2026-11-01T00:00:00Z"), lastSuccessAt: new Date("2026-12-06T03:00:04Z"), lastSummary: "deleted 0 impressions and 0 clicks", lastFailureAt: null },
    });
    await database.prisma.impression.create({ data: { offerId: "old", campaignId: "c", creativeId: "k", placementId: "p", occurredAt: new Date(Date.now() - 120 * DAY) } });
  });

  afterEach(async () => {
    await database.prisma.impression.deleteMany();
  });

  it("runs the job when no instance ran it since the minute it was due, and records that it caught up", async () => {
    const response = await call(SECRET, `Bearer ${SECRET}`, `?missed=${due}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ deleted: { impressions: 1, clicks: 0 }, complete: true });
    const job = await database.prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prune-events" } });
    expect(job.lastSummary).toBe("deleted 1 impression and 0 clicks; caught up the run due 2026-12-07 03:00 UTC");
    expect(job.lastSuccessAt!.getTime()).toBeGreaterThan(Date.parse(due));

    // The next server to start finds it made.
    const again = await call(SECRET, `Bearer ${SECRET}`, `?missed=${due}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ran: false, missed: "2026-12-07T03:00:00.000Z", reason: "Not missed: a run succeeded since then, or the job was not expected yet." });
  });

  it("does nothing when a run succeeded at or after that minute, and changes no record", async () => {
    await database.prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastSuccessAt: new Date("2026-12-07T03:00:02Z") } });
    const before = await database.prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prune-events" } });
    const response = await call(SECRET, `Bearer ${SECRET}`, "?missed=2026-12-07T04:00:00%2B01:00");
    expect(await response.json()).toMatchObject({ ran: false, missed: "2026-12-07T03:00:00.000Z" });
    expect(await database.prisma.impression.count()).toBe(1);
    expect(await database.prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prune-events" } })).toEqual(before);
  });

  it("answers 422 to a `missed` that is no date, and 401 without the secret before reading it", async () => {
    const response = await call(SECRET, `Bearer ${SECRET}`, "?missed=yesterday");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "unprocessable_entity", details: [{ path: "missed", message: "missed must be a date and time, e.g. 2026-12-07T03:00:00Z." }] } });
    expect((await call(SECRET, "Bearer wrong-secret-0123456789", "?missed=yesterday")).status).toBe(401);
    expect(await database.prisma.impression.count()).toBe(1);
  });
});

describe("pruneEvents", () => {
  it("refuses a retention shorter than a click token's life (2 days)", async () => {
    await expect(pruneEvents(database.prisma, { olderThanDays: 1 })).rejects.toThrow(/at least 2/);
  });

  it("stops when its time budget is spent and says so", async () => {
    const { prisma } = database;
    await prisma.impression.createMany({
      data: Array.from({ length: 10 }, (_, index) => ({ offerId: `budget-${index}`, campaignId: "c", creativeId: "k", placementId: "p", occurredAt: new Date("2020-01-01") })),
    });
    const result = await pruneEvents(prisma, { timeBudgetMs: 0 });
    expect(result).toMatchObject({ impressions: 0, clicks: 0, complete: false });
    expect(await pruneEvents(prisma, { batchSize: 3 })).toMatchObject({ impressions: 10, complete: true });
  });
});
