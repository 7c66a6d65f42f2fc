import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";

/** Where rate-limit windows are counted: shared by every instance of a deployment. */
export interface RateCounter {
  /** Adds one to `key` (kept `ttlSeconds`), and reads `previousKey`: [key's count, previousKey's count]. */
  bump(key: string, previousKey: string, ttlSeconds: number, now: number): Promise<[number, number]>;
}

/** Counters in a key-value store (Redis): INCRBY + EXPIRE and a GET, one round trip. */
export function storeCounter(store: KeyValueStore): RateCounter {
  return {
    async bump(key, previousKey, ttlSeconds) {
      const [current, previous] = await store.exec([
        { op: "incrBy", key, by: 1, ttlSeconds },
        { op: "get", key: previousKey },
      ] as const);
      return [current, Number(previous ?? 0) || 0];
    },
  };
}

/** Counters in the database (rate_counter), one statement: the same limits across instances without Redis. */
export function databaseCounter(prisma: PrismaClient): RateCounter {
  return {
    async bump(key, previousKey, ttlSeconds, now) {
      const [row] = await prisma.$queryRaw<{ current: number; previous: number | null }[]>`
        WITH bumped AS (
          INSERT INTO "rate_counter" ("key", "count", "expiresAt") VALUES (${key}, 1, ${new Date(now + ttlSeconds * 1000)})
          ON CONFLICT ("key") DO UPDATE SET "count" = "rate_counter"."count" + 1
          RETURNING "count")
        SELECT (SELECT "count" FROM bumped) AS "current",
               (SELECT "count" FROM "rate_counter" WHERE "key" = ${previousKey}) AS "previous"`;
      return [Number(row?.current ?? 1), Number(row?.previous ?? 0)];
    },
  };
}

/** Expired windows of the database counters (the prune cron removes them). */
export async function pruneRateCounters(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
  return prisma.rateCounter.deleteMany({ where: { expiresAt: { lt: now } } }).then((result) => result.count);
}

/**
 * The deployment's counter: Redis when it is configured and answers; the database when no
 * Redis is configured or it is down; this process alone only when neither answers, so a limit
 * never stops holding altogether.
 */
export function sharedCounter(stores: { store: KeyValueStore; prisma: PrismaClient }): RateCounter {
  const redis = stores.store.kind === "memory" ? undefined : storeCounter(stores.store);
  const database = databaseCounter(stores.prisma);
  return {
    async bump(key, previousKey, ttlSeconds, now) {
      if (redis) {
        try {
          return await redis.bump(key, previousKey, ttlSeconds, now);
        } catch {
          // Redis down: the database keeps the limit shared.
        }
      }
      try {
        return await database.bump(key, previousKey, ttlSeconds, now);
      } catch {
        return processCounter.bump(key, previousKey, ttlSeconds, now);
      }
    },
  };
}

const processCounter = storeCounter(new KeyValueStore(new MemoryStore()));
