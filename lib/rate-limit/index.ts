import "server-only";
import { prisma } from "@/lib/db";
import { store } from "@/lib/redis";
import { sharedCounter, type RateCounter } from "./rate-counter";

export { publicLimiter } from "./public-limit";

const globalForLimits = globalThis as unknown as { marqueeRateCounter?: RateCounter };

/** The deployment's rate-limit counter (Redis, else the database): sign-in, sign-up, API keys. */
export function rateCounter(): RateCounter {
  globalForLimits.marqueeRateCounter ??= sharedCounter({ store: store(), prisma });
  return globalForLimits.marqueeRateCounter;
}
