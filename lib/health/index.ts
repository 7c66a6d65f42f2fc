import "server-only";
import { prisma } from "@/lib/db";
import { storeHandle } from "@/lib/redis";
import { cachedProbe, type ProbeOutcome } from "./cached-probe";
import { cacheState } from "./cache-state";
import { PROBE_DEADLINE_MS, healthReport, type HealthReport } from "./check-health";

/** How long one probe's answer serves every health check of this process. */
const PROBE_FRESH_MS = 1_000;

interface Probes {
  database: () => Promise<ProbeOutcome>;
  redis: () => Promise<ProbeOutcome>;
}

const globalForHealth = globalThis as unknown as { marqueeHealthProbes?: Probes };

function probes(): Probes {
  globalForHealth.marqueeHealthProbes ??= {
    database: cachedProbe(() => prisma.$queryRaw`SELECT 1`, { freshMs: PROBE_FRESH_MS, deadlineMs: PROBE_DEADLINE_MS }),
    // Asked only while the breaker has not seen Redis answer or fail yet (lib/health/cache-state.ts).
    redis: cachedProbe(() => storeHandle().store.ping(), { freshMs: PROBE_FRESH_MS, deadlineMs: PROBE_DEADLINE_MS }),
  };
  return globalForHealth.marqueeHealthProbes;
}

/** The load balancers' check (GET /api/health): cheap, shared by every caller of this process. */
export async function liveHealth(): Promise<HealthReport> {
  const { database, redis } = probes();
  const [databaseState, cache] = await Promise.all([database(), cacheState(storeHandle(), redis)]);
  return healthReport(databaseState, cache);
}
