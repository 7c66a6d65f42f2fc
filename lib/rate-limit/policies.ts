import { env } from "@/lib/config/env";

// Every rate limit of the product, in one table: what is limited, how many per window.
export const rateLimitPolicies = {
  /** Sign-in attempts per client IP (offices share one address behind NAT: per e-mail is the tight one). */
  signInByIp: { limit: 30, windowSeconds: 60 },
  /** Sign-in attempts per e-mail address, from any IP (slows password guessing on one account). */
  signInByEmail: { limit: 5, windowSeconds: 60 },
  /** Sign-ups per client IP: the default of SIGN_UP_LIMIT, which replaces it (policyWindow). */
  signUpByIp: { limit: 10, windowSeconds: 600 },
  /** Password-reset and verification mails asked for per client IP. */
  accountMailByIp: { limit: 10, windowSeconds: 600 },
  /** Password-reset and verification mails per e-mail address (a mailbox is not flooded). */
  accountMailByEmail: { limit: 3, windowSeconds: 600 },
  /** Two-factor codes tried per client IP (the library also locks a user after repeated failures). */
  twoFactorByIp: { limit: 10, windowSeconds: 60 },
  /** Management API requests per API key (GET /api/v1/openapi.json is not limited). */
  apiKey: { limit: 600, windowSeconds: 60 },
} as const satisfies Record<string, { limit: number; windowSeconds: number }>;

export type RateLimitPolicy = keyof typeof rateLimitPolicies;

/** A policy's limit and window as this deployment sets them. */
export function policyWindow(policy: RateLimitPolicy): { limit: number; windowSeconds: number } {
  return policy === "signUpByIp" ? env().SIGN_UP_LIMIT : rateLimitPolicies[policy];
}
