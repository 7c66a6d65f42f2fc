import { describe, expect, it } from "vitest";
import { healthWarnings } from "@/lib/admin/health-warnings";
import type { SystemHealth } from "@/lib/admin/system-health-report";

type Report = Omit<SystemHealth, "warnings">;

/** A healthy instance with a shared Redis. */
function healthy(): Report {
  return {
    status: "ok",
    checkedAt: "2026-12-03T10:00:00.000Z",
    instance: { version: "0.1.0", buildId: "build", uptimeSeconds: 60 },
    database: { state: "ok", latencyMs: 1.2 },
    store: { kind: "redis", shared: true, state: "ok", latencyMs: 0.4, breaker: { state: "closed", since: "2026-12-03T09:00:00.000Z", consecutiveFailures: 0 } },
    activeSet: { source: "redis", generation: "3", sharedGeneration: "3", ageSeconds: 0.4, invalidationPending: false, stats: { localHits: 9, redisHits: 1, databaseLoads: 1, versionChecks: 0, invalidations: 0, hitRate: 10 / 11 } },
    parkedClicks: { count: 0, keptIn: "redis" },
    parkedImpressions: { count: 0 },
    invalidTraffic: { since: "2026-12-03T09:00:00.000Z", impressions: { valid: 900, invalid: 50 }, clicks: { valid: 40, invalid: 10 }, rate: 0.06 },
  };
}

const ids = (report: Report) => healthWarnings(report).map((warning) => `${warning.level}:${warning.id}`);

describe("healthWarnings", () => {
  it("says nothing about a healthy instance with Redis", () => {
    expect(healthWarnings(healthy())).toEqual([]);
  });

  it("a database that does not answer is critical, and so are clicks parked meanwhile", () => {
    const report = healthy();
    report.database = { state: "down", latencyMs: null };
    report.parkedClicks = { count: 3, keptIn: "redis" };
    expect(ids(report)).toEqual(["critical:database-down", "critical:parked-clicks"]);
    expect(healthWarnings(report)[1]!.title).toBe("3 clicks wait to be replayed");
  });

  it("impressions parked in Redis are critical while the database is down, a warning once it answers", () => {
    const report = healthy();
    report.database = { state: "down", latencyMs: null };
    report.parkedImpressions = { count: 1 };
    report.parkedClicks = { count: 2, keptIn: "redis" };
    expect(ids(report)).toEqual(["critical:database-down", "critical:parked-clicks", "critical:parked-impressions"]);
    expect(healthWarnings(report)[2]!.title).toBe("1 impression waits to be replayed");
    report.database = { state: "ok", latencyMs: 1.1 };
    report.parkedClicks = { count: 0, keptIn: "redis" };
    report.parkedImpressions = { count: 40 };
    expect(healthWarnings(report)).toMatchObject([{ id: "parked-impressions", level: "warning", title: "40 impressions wait to be replayed" }]);
    expect(healthWarnings(report)[0]!.meaning).toContain("not in the reports or the budgets yet");
  });

  it("a slow database is a warning naming the measured time", () => {
    const report = healthy();
    report.database = { state: "ok", latencyMs: 812.4 };
    expect(healthWarnings(report)).toMatchObject([{ id: "database-slow", level: "warning", title: "The database took 812 ms to answer SELECT 1" }]);
  });

  it("Redis down is a warning with the breaker's time; its parked clicks are unknown, not zero", () => {
    const report = healthy();
    report.store = { ...report.store, state: "down", latencyMs: null, breaker: { state: "open", since: "2026-12-03T09:58:00.000Z", consecutiveFailures: 4 } };
    report.parkedClicks = { count: null, keptIn: "redis" };
    report.parkedImpressions = { count: null };
    expect(healthWarnings(report)).toMatchObject([{ id: "redis-down", level: "warning", title: "Redis does not answer (circuit breaker open since 2026-12-03 09:58:00 UTC)" }]);
  });

  it("clicks waiting while the database is up are a warning; in process memory they are critical", () => {
    const report = healthy();
    report.parkedClicks = { count: 1, keptIn: "redis" };
    expect(ids(report)).toEqual(["warning:parked-clicks"]);
    report.store = { kind: "memory", shared: false, state: "ok", latencyMs: 0, breaker: null };
    report.parkedClicks = { count: 1, keptIn: "memory" };
    expect(ids(report)).toEqual(["critical:parked-clicks", "notice:store-not-shared"]);
  });

  it("an invalidation that missed Redis is a warning", () => {
    const report = healthy();
    report.activeSet.invalidationPending = true;
    expect(ids(report)).toEqual(["warning:invalidation-pending"]);
  });

  it("a high invalid share is a warning only with enough events to mean something", () => {
    const report = healthy();
    report.invalidTraffic = { since: "2026-12-03T09:00:00.000Z", impressions: { valid: 100, invalid: 80 }, clicks: { valid: 0, invalid: 19 }, rate: 99 / 199 };
    expect(ids(report)).toEqual([]);
    report.invalidTraffic.impressions.valid = 101;
    report.invalidTraffic.rate = 99 / 200;
    expect(healthWarnings(report)).toMatchObject([{ id: "invalid-traffic-high", title: "49.5 % of the last hour's events were invalid" }]);
  });
});
