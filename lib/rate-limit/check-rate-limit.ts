import { createHash } from "node:crypto";
import type { RateCounter } from "./rate-counter";
import { policyWindow, type RateLimitPolicy } from "./policies";

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/**
 * A sliding-window counter per policy and identifier, in a shared counter (Redis, or the
 * database without it: lib/rate-limit/rate-counter.ts): the attempts of the current fixed window plus those
 * of the previous one, weighted by how much of it still lies within the last windowSeconds.
 * Unlike a plain fixed window, a burst at the end of one window and the start of the next
 * cannot pass twice the limit. Refused attempts count too. The identifier is hashed: no raw
 * IP or e-mail address is written to Redis.
 */
export async function checkRateLimit(counter: RateCounter, policy: RateLimitPolicy, identifier: string, now: number = Date.now()): Promise<RateLimitResult> {
  const { limit, windowSeconds } = policyWindow(policy);
  const seconds = now / 1000;
  const window = Math.floor(seconds / windowSeconds);
  const elapsed = seconds - window * windowSeconds;
  const digest = createHash("sha256").update(identifier).digest("base64url").slice(0, 22);
  const key = (index: number) => `ratelimit:${policy}:${digest}:${index}`;
  // Kept two windows: it is the next window's "previous".
  const [current, previous] = await counter.bump(key(window), key(window - 1), 2 * windowSeconds, now);
  const estimate = (previous * (windowSeconds - elapsed)) / windowSeconds + current;
  const allowed = estimate <= limit;
  return {
    allowed,
    remaining: Math.max(0, Math.floor(limit - estimate)),
    retryAfterSeconds: Math.max(1, Math.ceil(allowed ? windowSeconds - elapsed : secondsUntilUnder(limit, windowSeconds, elapsed, previous, current))),
  };
}

/**
 * How long until one more attempt fits: until the estimate, with no attempts in between, is
 * at most limit − 1, so that the attempt the person makes after waiting is allowed (a refused
 * attempt counts too: a wait that only reached the limit would be refused again, and told to
 * wait once more).
 */
function secondsUntilUnder(limit: number, windowSeconds: number, elapsed: number, previous: number, current: number): number {
  const room = limit - 1;
  const rest = windowSeconds - elapsed;
  // Within this window, as the previous window's weight fades.
  if (current <= room && previous > 0) return rest - ((room - current) * windowSeconds) / previous;
  // In the next one, where this window's attempts are the ones that fade.
  return rest + windowSeconds * (1 - room / current);
}
