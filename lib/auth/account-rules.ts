import { APIError } from "better-auth/api";
import { clientAddress } from "@/lib/http/client";
import { rateCounter } from "@/lib/rate-limit";
import { checkRateLimit } from "@/lib/rate-limit/check-rate-limit";
import type { RateLimitPolicy } from "@/lib/rate-limit/policies";
import { accountSchema } from "@/lib/zod/schemas/auth";
import { checkPasswordStrength } from "./password-strength";

export const tooManyAttempts = (seconds: number) => `Too many attempts. Try again in ${seconds} seconds.`;

/**
 * The product's rules on better-auth's endpoints, run before each of them (a `hooks.before`
 * of the auth library) — so they hold for the sign-in and sign-up forms, which call the
 * library on the server, and for any HTTP call to /api/auth alike:
 * - a password may be tried 5 times a minute per e-mail address and 30 per client address,
 *   counted in Redis (or the database) across instances, refused attempts included;
 * - accounts are created with the same limits on name, e-mail and password as the form's,
 *   at most 10 per client address in 10 minutes;
 * - every new password (sign-up, reset, change) must be hard to guess (zxcvbn-ts);
 * - reset and verification mails are limited per client address and per e-mail address,
 *   two-factor codes per client address;
 * - the password asked before two-factor authentication is turned on or off, new recovery
 *   codes are made, the password is changed or the account deleted, is limited like a sign-in's per client address
 *   (a stolen session must not become a way to guess the password).
 */
export async function enforceAccountRules(context: { path: string; body?: unknown; headers?: Headers }): Promise<void> {
  const headers = context.headers ?? new Headers();
  const body = (typeof context.body === "object" && context.body !== null ? context.body : {}) as Record<string, unknown>;
  switch (context.path) {
    case "/sign-in/email": {
      const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
      await assertWithinLimits([
        ["signInByIp", clientAddress(headers)],
        ["signInByEmail", email],
      ]);
      return;
    }
    case "/sign-up/email": {
      const parsed = accountSchema.safeParse(body);
      if (!parsed.success) throw new APIError("BAD_REQUEST", { message: parsed.error.issues[0]?.message ?? "The account details are not valid." });
      assertStrongPassword(parsed.data.password, [parsed.data.email, parsed.data.name]);
      await assertWithinLimits([["signUpByIp", clientAddress(headers)]]);
      return;
    }
    case "/reset-password": {
      const password = typeof body.newPassword === "string" ? body.newPassword : "";
      assertStrongPassword(password, []);
      return;
    }
    case "/change-password": {
      await assertWithinLimits([["signInByIp", clientAddress(headers)]]);
      const password = typeof body.newPassword === "string" ? body.newPassword : "";
      assertStrongPassword(password, []);
      return;
    }
    case "/request-password-reset":
    case "/send-verification-email": {
      const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
      await assertWithinLimits([
        ["accountMailByIp", clientAddress(headers)],
        ["accountMailByEmail", email],
      ]);
      return;
    }
    case "/verify-password":
    case "/two-factor/enable":
    case "/two-factor/disable":
    case "/two-factor/generate-backup-codes": {
      await assertWithinLimits([["signInByIp", clientAddress(headers)]]);
      return;
    }
    case "/two-factor/verify-totp":
    case "/two-factor/verify-backup-code": {
      await assertWithinLimits([["twoFactorByIp", clientAddress(headers)]]);
      return;
    }
  }
}

function assertStrongPassword(password: string, related: string[]): void {
  const verdict = checkPasswordStrength(password, related);
  if (!verdict.ok) throw new APIError("BAD_REQUEST", { message: verdict.message, code: "WEAK_PASSWORD" });
}

async function assertWithinLimits(checks: [RateLimitPolicy, string][]): Promise<void> {
  for (const [policy, identifier] of checks) {
    const limit = await checkRateLimit(rateCounter(), policy, identifier);
    if (!limit.allowed) {
      throw new APIError("TOO_MANY_REQUESTS", { message: tooManyAttempts(limit.retryAfterSeconds) }, { "Retry-After": String(limit.retryAfterSeconds) });
    }
  }
}
