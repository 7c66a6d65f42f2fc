import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseTarget, openAdapter, type DatabaseTarget } from "./adapter";
import type { Env } from "@/lib/config/env";

export interface DatabaseHandle {
  prisma: PrismaClient;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** What a client needs from the configuration (parseEnv() gives it; tests parse their own). */
export type DatabaseSettings = Pick<Env, "database" | "DATABASE_POOL_SIZE"> & Partial<Pick<Env, "DATABASE_TIMEOUT_MS" | "VERCEL">>;

/** A Prisma client on the configured database. Scripts and tests own its lifetime. */
export function createDatabase(config: DatabaseSettings): DatabaseHandle {
  const target = databaseTarget(config);
  const adapter = openAdapter(target, { poolSize: config.DATABASE_POOL_SIZE, timeoutMs: config.DATABASE_TIMEOUT_MS, onVercel: Boolean(config.VERCEL) });
  const prisma = new PrismaClient({ adapter: adapter.factory });
  return {
    prisma,
    target,
    async close() {
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}
