import "server-only";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { store } from "@/lib/redis";
import { PublicRateLimiter } from "./public-limiter";
import { sharedCounter, type RateCounter } from "./rate-counter";

const globalForLimits = globalThis as unknown as { marqueeRateCounter?: RateCounter; marqueePublicLimiter?: PublicRateLimiter };

/** The deployment's rate-limit counter (Redis, else the database): sign-in, sign-up, API keys. */
export function rateCounter(): RateCounter {
  globalForLimits.marqueeRateCounter ??= sharedCounter({ store: store(), prisma });
  return globalForLimits.marqueeRateCounter;
}

/** This process's limiter of the public ad endpoints (PUBLIC_RATE_LIMITS). */
export function publicLimiter(): PublicRateLimiter {
  globalForLimits.marqueePublicLimiter ??= new PublicRateLimiter({ limits: env().PUBLIC_RATE_LIMITS, store: store() });
  return globalForLimits.marqueePublicLimiter;
}
