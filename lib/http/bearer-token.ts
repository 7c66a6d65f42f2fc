import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header is exactly `Bearer <secret>`. Constant time: both sides are
 * hashed first, so neither the secret's length nor a matching prefix leaks through timing.
 */
export function hasBearerToken(header: string | null, secret: string): boolean {
  const given = header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(secret)) && given.length > 0;
}
