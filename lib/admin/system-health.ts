import "server-only";
import { activeCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { buildInfo } from "@/lib/health/build-info";
import { storeHandle } from "@/lib/redis";
import { getSystemHealth } from "./get-system-health";
import type { SystemHealth } from "./system-health-report";

/** This process's health, with its own stores: what /admin/health shows and /api/health/deep answers. */
export function systemHealth(): Promise<SystemHealth> {
  return getSystemHealth({
    prisma,
    store: storeHandle(),
    activeSet: activeCampaigns(),
    build: buildInfo,
    uptimeSeconds: () => process.uptime(),
    cronSecretSet: Boolean(env().CRON_SECRET),
  });
}
