import type { Env } from "@/lib/config/env";

/**
 * The start-up warning of a production server without a shared Redis (on Vercel that is
 * refused unless MARQUEE_ALLOW_MEMORY_STORE=1: lib/config/env.ts). One instance is fine; a
 * second one, started later behind the same balancer, would drift without a word.
 */
export function singleInstanceWarning(config: Pick<Env, "NODE_ENV" | "redis">): string | undefined {
  if (config.NODE_ENV !== "production" || config.redis.kind !== "none") return undefined;
  return (
    "No Redis configured (REDIS_URL, or UPSTASH_REDIS_REST_URL/TOKEN): this instance keeps the cached campaigns, rate limits, " +
    "frequency caps and clicks parked during a database outage in its own memory. Right for one instance; with several, " +
    "every rate limit and frequency cap counts per instance, and parked clicks are lost with the instance that holds them."
  );
}
