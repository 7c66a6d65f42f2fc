import { ACTIVE_CAMPAIGNS_GENERATION_KEY, type CacheSnapshot, type CacheStats } from "@/lib/cache/active-campaigns-cache";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BuildInfo } from "@/lib/health/build-info";
import { healthReport, measureDatabase, PROBE_DEADLINE_MS, timedProbe } from "@/lib/health/check-health";
import { scheduledJobStates } from "@/lib/jobs/scheduled-jobs";
import type { StoreHandle } from "@/lib/redis/create-store";
import { countParkedEvents } from "@/lib/tracking/event-buffer";
import { healthWarnings } from "./health-warnings";
import { getRecentInvalidTraffic } from "./recent-invalid-traffic";
import type { SystemHealth } from "./system-health-report";

export interface SystemHealthDeps {
  prisma: PrismaClient;
  store: StoreHandle;
  activeSet: { stats(): CacheStats; snapshot(): CacheSnapshot };
  build: () => BuildInfo;
  uptimeSeconds: () => number;
  now?: () => Date;
  /** Whether CRON_SECRET is set: without it the scheduled jobs answer 503 and never run. */
  cronSecretSet: boolean;
  /** Deadline of each probe (default PROBE_DEADLINE_MS, 2 s). */
  probeDeadlineMs?: number;
}

/** Every probe at once, each bounded by its own deadline; what cannot be read is null, never an error. */
export async function getSystemHealth(deps: SystemHealthDeps): Promise<SystemHealth> {
  const now = (deps.now ?? (() => new Date()))();
  const { store, breaker } = deps.store;
  const shared = breaker !== undefined;
  const deadlineMs = deps.probeDeadlineMs ?? PROBE_DEADLINE_MS;
  const [database, storePing, sharedGeneration, parked, invalidTraffic, jobs] = await Promise.all([
    measureDatabase(deps.prisma, deadlineMs),
    timedProbe(() => store.ping(), deadlineMs),
    shared ? store.get(ACTIVE_CAMPAIGNS_GENERATION_KEY).then((value) => value ?? "0", () => null) : Promise.resolve(null),
    countParkedEvents(store).catch(() => null),
    getRecentInvalidTraffic({ prisma: deps.prisma }, now).catch(() => null),
    scheduledJobStates(deps.prisma, deps.cronSecretSet, now).catch(() => null),
  ]);
  const snapshot = deps.activeSet.snapshot();
  const breakerState = breaker?.snapshot();
  const report = healthReport(database.state, shared ? storePing.state : "not-configured");
  const health: Omit<SystemHealth, "warnings"> = {
    status: report.status,
    checkedAt: now.toISOString(),
    instance: { ...deps.build(), uptimeSeconds: Math.floor(deps.uptimeSeconds()) },
    database,
    store: {
      kind: store.kind,
      shared,
      ...storePing,
      breaker: breakerState
        ? { state: breakerState.state, since: breakerState.since === undefined ? null : new Date(breakerState.since).toISOString(), consecutiveFailures: breakerState.consecutiveFailures }
        : null,
    },
    activeSet: {
      source: snapshot.source ?? null,
      generation: snapshot.generation ?? null,
      sharedGeneration,
      ageSeconds: snapshot.checkedAt === undefined ? null : Math.max(0, Math.round((now.getTime() - snapshot.checkedAt) / 100) / 10),
      invalidationPending: snapshot.invalidationPending,
      stats: deps.activeSet.stats(),
    },
    parkedClicks: { count: parked?.click ?? null, keptIn: shared ? "redis" : "memory" },
    parkedImpressions: { count: parked?.impression ?? null },
    invalidTraffic,
    scheduledJobs: { scheduled: deps.cronSecretSet, jobs },
  };
  return { ...health, warnings: healthWarnings(health) };
}
