// The operators' deep health check, on real stores: a redis-server of its own (stopped and
// started again), PGlite with rollups of the last hours, parked clicks and impressions in Redis; and the route
// GET /api/health/deep with its lock — the bearer token, an operator's session, anyone else.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { getSystemHealth } from "@/lib/admin/get-system-health";
import type { SystemHealth } from "@/lib/admin/system-health-report";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { Offer } from "@/lib/offers/offer-token";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { parkEvent, PENDING_KEYS } from "@/lib/tracking/event-buffer";
import { freshPglite, freshPostgres, type FreshDatabase, type FreshPostgres } from "@/tests/support/databases";
import { runAtOnce } from "@/tests/support/deferred-work";
import { startRedis, waitFor, type RedisServer } from "@/tests/support/services";
import { validVerdict } from "@/tests/support/tracking";

const HOUR = 3_600_000;

function offer(): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: "campaign-health",
    creativeId: "creative-health",
    placementId: "placement-health",
    pricingModel: "CPC",
    priceMicros: 500_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: `viewer-${randomBytes(6).toString("base64url")}`,
    capPeriodSeconds: 0,
    page: "-",
  };
}

describe("getSystemHealth with a real Redis", () => {
  let database: FreshDatabase;
  let redis: RedisServer;
  let handle: StoreHandle;
  let cache: ActiveCampaignsCache<ActiveSet>;
  const logLines: string[] = [];

  beforeAll(async () => {
    [database, redis] = await Promise.all([freshPglite(), startRedis()]);
    // A deadline no busy machine misses: the outage below is a refused connection, not a slow one.
    handle = createStore({ kind: "redis", url: redis.url, timeoutMs: 5_000 }, { log: (line) => logLines.push(line) });
    cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce, store: handle.store, load: () => loadActiveSet(database.prisma) });
  });

  afterAll(async () => {
    await handle?.store.close();
    await redis?.stop();
    await database?.close();
  });

  beforeEach(async () => {
    await handle.store.del(PENDING_KEYS.click, PENDING_KEYS.impression);
    await database.prisma.hourlyStat.deleteMany();
  });

  const health = (now?: Date): Promise<SystemHealth> =>
    getSystemHealth({
      prisma: database.prisma,
      store: handle,
      activeSet: cache,
      build: () => ({ version: "0.1.0", buildId: "test-build" }),
      uptimeSeconds: () => 5,
      cronSecretSet: true,
      // The states are under test here, not the deadline: one no loaded machine misses.
      probeDeadlineMs: 30_000,
      ...(now ? { now: () => now } : {}),
    });

  it("Redis up: the ping measured, the breaker closed, this instance's copy of the same generation as Redis", async () => {
    await cache.get();
    await cache.invalidate(); // generation 1 in Redis; the next read loads under it
    await cache.get();
    const report = await health();
    expect(report).toMatchObject({
      status: "ok",
      database: { state: "ok" },
      store: { kind: "redis", shared: true, state: "ok", breaker: { state: "closed", consecutiveFailures: 0 } },
      activeSet: { source: "redis", generation: "1", sharedGeneration: "1", invalidationPending: false, stats: { databaseLoads: 2, invalidations: 1 } },
      parkedClicks: { count: 0, keptIn: "redis" },
      parkedImpressions: { count: 0 },
      warnings: [],
    });
    expect(report.store.latencyMs).toBeGreaterThan(0);
    expect(report.store.breaker?.since).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });

  it("counts the clicks and impressions parked in Redis (each offer once) and says what to do about them", async () => {
    const parked = [offer(), offer(), offer()];
    for (const shown of [...parked, parked[0]!]) await parkEvent(handle.store, "click", shown, validVerdict(shown), new Date());
    await parkEvent(handle.store, "impression", parked[1]!, validVerdict(parked[1]!), new Date());
    const report = await health();
    expect(report.parkedClicks).toEqual({ count: 3, keptIn: "redis" });
    expect(report.parkedImpressions).toEqual({ count: 1 });
    expect(report.warnings).toMatchObject([
      { id: "parked-clicks", level: "warning", title: "3 clicks wait to be replayed" },
      { id: "parked-impressions", level: "warning", title: "1 impression waits to be replayed" },
    ]);
  });

  it("the invalid-traffic rate of this hour and the one before, from the rollups", async () => {
    const now = new Date();
    const thisHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    const row = (hour: Date, validity: "VALID" | "BOT" | "RATE_LIMIT", impressions: number, clicks: number) => ({
      hour,
      campaignId: "campaign-health",
      creativeId: "creative-health",
      placementId: "placement-health",
      validity,
      impressions,
      clicks,
    });
    await database.prisma.hourlyStat.createMany({
      data: [
        row(thisHour, "VALID", 150, 10),
        row(thisHour, "BOT", 40, 5),
        row(new Date(thisHour.getTime() - HOUR), "RATE_LIMIT", 60, 0),
        row(new Date(thisHour.getTime() - 3 * HOUR), "BOT", 1_000, 100), // outside the window
      ],
    });
    const report = await health(now);
    expect(report.invalidTraffic).toEqual({
      since: new Date(thisHour.getTime() - HOUR).toISOString(),
      impressions: { valid: 150, invalid: 100 },
      clicks: { valid: 10, invalid: 5 },
      rate: 105 / 265,
    });
    expect(report.warnings).toMatchObject([{ id: "invalid-traffic-high", title: "39.6 % of the last hour's events were invalid" }]);
  });

  it("Redis stopped: the breaker opens, the store is down, parked clicks are unknown; all back once Redis is", async () => {
    await redis.kill();
    try {
      await waitFor(async () => ((await health()).store.breaker?.state === "open" ? true : undefined), { timeout: 30_000, interval: 100, description: "the breaker to open" });
      const report = await health();
      expect(report).toMatchObject({
        status: "degraded",
        database: { state: "ok" },
        store: { kind: "redis", shared: true, state: "down", latencyMs: null, breaker: { state: "open" } },
        activeSet: { sharedGeneration: null },
        parkedClicks: { count: null, keptIn: "redis" },
        parkedImpressions: { count: null },
      });
      expect(report.warnings.map((warning) => warning.id)).toEqual(["redis-down"]);
      expect(report.warnings[0]!.title).toMatch(/^Redis does not answer \(circuit breaker open since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
      expect(logLines).toContainEqual(expect.stringMatching(/^Redis connection error \(serving from database\)/));
    } finally {
      await redis.start();
    }
    await waitFor(async () => ((await health()).status === "ok" ? true : undefined), { timeout: 30_000, interval: 200, description: "health ok once Redis is back" });
    expect((await health()).store.breaker?.state).toBe("closed");
  });
});

describe("GET /api/health/deep", () => {
  const TOKEN = "deep-health-token-0123456789";
  let database: FreshPostgres;
  let auth: typeof import("@/lib/auth/auth").auth;

  beforeAll(async () => {
    database = await freshPostgres();
    vi.stubEnv("DATABASE_URL", database.url);
    for (const name of ["REDIS_URL", "REDIS_HOST", "KV_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");
    ({ auth } = await import("@/lib/auth/auth"));
  });

  afterAll(async () => {
    await (globalThis as { marqueeDb?: DatabaseHandle }).marqueeDb?.close();
    vi.unstubAllEnvs();
    await database?.close();
  });

  /** The route as a fresh instance loads it, with HEALTH_CHECK_TOKEN set or not. */
  async function deep(headers: Record<string, string>, token: string | null = TOKEN): Promise<Response> {
    vi.resetModules();
    vi.stubEnv("HEALTH_CHECK_TOKEN", token ?? "");
    const { GET } = await import("@/app/api/health/deep/route");
    return GET(new Request("http://localhost/api/health/deep", { headers }));
  }

  /** A session cookie of a new account; an operator's when `operator`. */
  async function signedIn(operator: boolean): Promise<Record<string, string>> {
    const email = `health-${randomBytes(4).toString("hex")}@example.test`;
    const password = "violet-harbour-lantern-7";
    await auth().api.signUpEmail({ body: { name: "Health Reader", email, password }, headers: new Headers() });
    await database.prisma.user.update({ where: { email }, data: { emailVerified: true, role: operator ? "admin" : "user" } });
    const { headers } = await auth().api.signInEmail({ body: { email, password }, headers: new Headers(), returnHeaders: true });
    const cookie = headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    return { cookie };
  }

  it("refuses a request with neither token nor session: 401, saying how to get in", async () => {
    const response = await deep({});
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="health"');
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in as an operator, or send Authorization: Bearer <HEALTH_CHECK_TOKEN>." } });
  });

  it("refuses a wrong token with 401", async () => {
    const response = await deep({ authorization: "Bearer not-the-token-0123456789" });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe("Wrong health check token: send Authorization: Bearer <HEALTH_CHECK_TOKEN>.");
  });

  it("refuses any token with 401 when HEALTH_CHECK_TOKEN is not set", async () => {
    const response = await deep({ authorization: `Bearer ${TOKEN}` }, null);
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/^Token access to the deep health check is not enabled on this server/);
  });

  it("refuses a signed-in person who is not an operator with 403", async () => {
    const response = await deep(await signedIn(false));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Only operators may read the deep health check." } });
  });

  it("answers a monitor with the token: every section, never cached, nothing secret", async () => {
    const response = await deep({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const body = JSON.parse(text) as SystemHealth;
    expect(Object.keys(body).sort()).toEqual(["activeSet", "checkedAt", "database", "instance", "invalidTraffic", "parkedClicks", "parkedImpressions", "scheduledJobs", "status", "store", "warnings"]);
    expect(body).toMatchObject({
      status: "ok",
      database: { state: "ok" },
      store: { kind: "memory", shared: false, state: "ok", breaker: null },
      parkedClicks: { count: 0, keptIn: "memory" },
      parkedImpressions: { count: 0 },
      invalidTraffic: { rate: null },
      instance: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      // No CRON_SECRET in this process: the jobs are off, and the report says so.
      scheduledJobs: { scheduled: false, jobs: [{ name: "prune-events", lastSuccessAt: null, late: false }, { name: "campaign-mail", lastSuccessAt: null, late: false }] },
    });
    expect(body.warnings.map((warning) => warning.id)).toEqual(["scheduled-jobs-off", "store-not-shared"]);
    expect(body.database.latencyMs).toBeGreaterThan(0);
    expect(body.instance.uptimeSeconds).toBeGreaterThanOrEqual(0);
    for (const secret of [TOKEN, database.url, "postgresql://", "127.0.0.1"]) expect(text).not.toContain(secret);
  });

  it("answers a signed-in operator", async () => {
    const response = await deep(await signedIn(true));
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("ok");
  });
});
