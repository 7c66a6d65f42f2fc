import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ComponentState = "ok" | "down" | "disabled";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: ComponentState;
  cache: ComponentState;
}

const DATABASE_PROBE_TIMEOUT_MS = 2_000;

async function probeDatabase(prisma: PrismaClient): Promise<ComponentState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ComponentState>((resolve) => {
    timer = setTimeout(() => resolve("down"), DATABASE_PROBE_TIMEOUT_MS);
  });
  const probe = prisma.$queryRaw`SELECT 1`.then(
    (): ComponentState => "ok",
    (): ComponentState => "down",
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The state of what serving depends on. The database is required (down → "down");
 * the cache is optional (down → "degraded": everything still works, only slower).
 */
export async function checkHealth(deps: {
  prisma: PrismaClient;
  cacheState: () => Promise<ComponentState>;
}): Promise<HealthReport> {
  const [database, cache] = await Promise.all([probeDatabase(deps.prisma), deps.cacheState()]);
  const status = database === "down" ? "down" : cache === "down" ? "degraded" : "ok";
  return { status, database, cache };
}
