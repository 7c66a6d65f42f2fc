import type { CacheStats } from "@/lib/cache/active-campaigns-cache";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { checkHealth, type HealthReport, type ComponentState } from "@/lib/health/check-health";
import type { StoreKind } from "@/lib/redis/store";

export interface SystemHealth extends HealthReport {
  /** Which store backs the cache: "memory" means no Redis is configured. */
  storeKind: StoreKind;
  /** This instance's active-set cache since it started. */
  cacheStats: CacheStats;
  checkedAt: Date;
}

/** What /admin/health shows: the same probes as /api/health, plus this instance's cache counters. */
export async function getSystemHealth(deps: {
  prisma: PrismaClient;
  cacheState: () => Promise<ComponentState>;
  storeKind: StoreKind;
  cacheStats: () => CacheStats;
  now?: () => Date;
}): Promise<SystemHealth> {
  const report = await checkHealth({ prisma: deps.prisma, cacheState: deps.cacheState });
  return { ...report, storeKind: deps.storeKind, cacheStats: deps.cacheStats(), checkedAt: (deps.now ?? (() => new Date()))() };
}
