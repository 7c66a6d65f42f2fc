import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeOutcome } from "./cached-probe";

/**
 * Redis as serving sees it. "not-configured": no Redis is set, so nothing is off — each instance
 * keeps its active-set cache, duplicate checks, limits and parked clicks in its own memory
 * (this was "disabled", which read as if caching were off while the cache answered).
 */
export type ComponentState = "ok" | "down" | "not-configured";

/** What GET /api/health answers: a status per component, nothing else. */
export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: ProbeOutcome;
  cache: ComponentState;
}

/**
 * Longest a health check waits for the database (or Redis). Below the usual load-balancer probe timeout
 * (5 s on AWS, Google and most proxies), so a slow database is reported as down by us rather
 * than as a timeout by the prober; far above a healthy `SELECT 1`.
 */
export const PROBE_DEADLINE_MS = 2_000;

/**
 * The status rules. The database is required: down → "down" (503), since this instance can
 * neither record events nor load its dashboard. Redis is optional: down → "degraded" (still
 * 200): serving and counting go on from the database, and every instance shares the same
 * Redis, so taking this one out of rotation would not help.
 */
export function healthReport(database: ProbeOutcome, cache: ComponentState): HealthReport {
  const status = database === "down" ? "down" : cache === "down" ? "degraded" : "ok";
  return { status, database, cache };
}

export interface TimedProbe {
  state: ProbeOutcome;
  /** Measured round trip in ms (0.1 ms steps); null when it failed or missed the deadline. */
  latencyMs: number | null;
}

/** Runs `call` within `deadlineMs`: whether it answered, and how long it took. */
export async function timedProbe(call: () => Promise<unknown>, deadlineMs: number = PROBE_DEADLINE_MS): Promise<TimedProbe> {
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve("down"), deadlineMs);
  });
  const probe = call().then(
    (): ProbeOutcome => "ok",
    (): ProbeOutcome => "down",
  );
  try {
    const state = await Promise.race([probe, deadline]);
    return { state, latencyMs: state === "ok" ? Math.round((performance.now() - startedAt) * 10) / 10 : null };
  } finally {
    clearTimeout(timer);
  }
}

/** `SELECT 1` within the deadline, timed. */
export function measureDatabase(prisma: PrismaClient, deadlineMs: number = PROBE_DEADLINE_MS): Promise<TimedProbe> {
  return timedProbe(() => prisma.$queryRaw`SELECT 1`, deadlineMs);
}

/** One uncached check (tests and tools); the route uses the process's shared probes (lib/health/index.ts). */
export async function checkHealth(deps: { prisma: PrismaClient; cacheState: () => Promise<ComponentState> }): Promise<HealthReport> {
  const [database, cache] = await Promise.all([measureDatabase(deps.prisma), deps.cacheState()]);
  return healthReport(database.state, cache);
}
