import { createHash } from "node:crypto";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { rateLimitPolicies, type RateLimitPolicy } from "./policies";

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

// Used while the shared store is down, so limits keep holding per instance.
const fallback = new KeyValueStore(new MemoryStore());

/**
 * A fixed-window counter per policy and identifier, in the shared store (Redis across
 * instances; in-process without Redis). The identifier is hashed: no raw IP or e-mail
 * address is written to Redis.
 */
export async function checkRateLimit(store: KeyValueStore, policy: RateLimitPolicy, identifier: string, now: number = Date.now()): Promise<RateLimitResult> {
  const { limit, windowSeconds } = rateLimitPolicies[policy];
  const window = Math.floor(now / 1000 / windowSeconds);
  const digest = createHash("sha256").update(identifier).digest("base64url").slice(0, 22);
  const key = `ratelimit:${policy}:${digest}:${window}`;
  let count: number;
  try {
    count = await store.incrBy(key, 1, windowSeconds);
  } catch {
    count = await fallback.incrBy(key, 1, windowSeconds);
  }
  const retryAfterSeconds = (window + 1) * windowSeconds - Math.floor(now / 1000);
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}
