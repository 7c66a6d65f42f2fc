import "server-only";
import { env } from "@/lib/config/env";
import { store } from "@/lib/redis";
import { PublicRateLimiter } from "./public-limiter";

// Apart from lib/rate-limit/index.ts, whose rate counter needs the database client: /api/serve
// imports this alone, so a new instance's first ad does not load Prisma (with a warm Redis it
// never asks the database).

const globalForLimits = globalThis as unknown as { marqueePublicLimiter?: PublicRateLimiter };

/** This process's limiter of the public ad endpoints (PUBLIC_RATE_LIMITS). */
export function publicLimiter(): PublicRateLimiter {
  globalForLimits.marqueePublicLimiter ??= new PublicRateLimiter({ limits: env().PUBLIC_RATE_LIMITS, store: store() });
  return globalForLimits.marqueePublicLimiter;
}
