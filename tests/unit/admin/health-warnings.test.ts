import { describe, expect, it } from "vitest";
import { healthWarnings } from "@/lib/admin/health-warnings";
import type { SystemHealth } from "@/lib/admin/system-health-report";
import { SCHEDULED_JOBS, type ScheduledJobName, type ScheduledJobState } from "@/lib/jobs/scheduled-jobs";

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
    scheduledJobs: { scheduled: true, jobs: [job("prune-events"), job("campaign-mail")] },
  };
}

/** A scheduled job that ran this morning. */
function job(name: ScheduledJobName, fields: Partial<ScheduledJobState> = {}): ScheduledJobState {
  const { path, every, does } = SCHEDULED_JOBS[name];
  return { name, path, every, does, lastSuccessAt: "2026-12-03T03:00:05.000Z", lastSummary: "done", lastFailureAt: null, late: false, ...fields };
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

  it("scheduled jobs off (no CRON_SECRET) are a notice that says what is not done and how to turn them on", () => {
    const report = healthy();
    report.scheduledJobs = { scheduled: false, jobs: [job("prune-events", { lastSuccessAt: null }), job("campaign-mail", { lastSuccessAt: null })] };
    const [off] = healthWarnings(report);
    expect(ids(report)).toEqual(["notice:scheduled-jobs-off"]);
    expect(off!.title).toBe("Scheduled jobs are off: CRON_SECRET is not set");
    expect(off!.meaning).toContain("raw impressions and clicks are never deleted");
    expect(off!.meaning).toContain("not mailed when a campaign's flight ends");
    expect(off!.action).toContain("Set CRON_SECRET");
    expect(off!.action).toContain("Self-hosted, Marquee's own server runs them at their times once CRON_SECRET is set");
  });

  it("a late job is a warning naming it, when it last ran (or that it never did), and what waits", () => {
    const report = healthy();
    report.scheduledJobs = { scheduled: true, jobs: [job("prune-events", { late: true, lastSuccessAt: "2026-12-01T03:00:04.000Z" }), job("campaign-mail", { late: true, lastSuccessAt: null })] };
    expect(healthWarnings(report)).toMatchObject([
      {
        id: "scheduled-jobs-late",
        level: "warning",
        title: "2 scheduled jobs have not run for over a day: prune-events (last ran 2026-12-01 03:00 UTC), campaign-mail (never ran)",
      },
    ]);
    expect(healthWarnings(report)[0]!.action).toContain("/api/cron/prune-events and /api/cron/campaign-mail");
    report.scheduledJobs.jobs = [job("prune-events"), job("campaign-mail", { late: true, lastSuccessAt: null })];
    expect(healthWarnings(report)[0]!.title).toBe("A scheduled job has not run for over a day: campaign-mail (never ran)");
  });

  it("a job whose last run failed is a warning that points to the log, never an error's text", () => {
    const report = healthy();
    report.scheduledJobs = { scheduled: true, jobs: [job("prune-events"), job("campaign-mail", { lastFailureAt: "2026-12-03T07:00:02.000Z" })] };
    expect(healthWarnings(report)).toMatchObject([{ id: "scheduled-jobs-failing", level: "warning", title: "The last run of campaign-mail (at 2026-12-03 07:00 UTC) failed" }]);
    expect(healthWarnings(report)[0]!.action).toContain('"Scheduled job failed"');
  });

  it("says nothing of the jobs when their record cannot be read (the database warning says why)", () => {
    const report = healthy();
    report.scheduledJobs = { scheduled: true, jobs: null };
    expect(healthWarnings(report)).toEqual([]);
  });
});
