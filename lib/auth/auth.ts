import "server-only";
import { createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { AUTH_CLIENT_ADDRESS_HEADER } from "./auth-headers";
import { enforceAccountRules } from "./account-rules";

function createAuth() {
  const config = env();
  return betterAuth({
    appName: "Marquee",
    // One operator secret: the session secret is derived from it, not a second variable.
    secret: createHmac("sha256", config.MARQUEE_SECRET).update("better-auth session secret").digest("hex"),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    user: {
      additionalFields: {
        // Platform role; never settable through sign-up.
        role: { type: "string", defaultValue: "user", input: false },
      },
    },
    // The client's address as Marquee proves it (lib/http/client.ts), put on every call by
    // authHeaders(): never a forwarding header a client chose.
    advanced: { ipAddress: { ipAddressHeaders: [AUTH_CLIENT_ADDRESS_HEADER] } },
    // The product's own rules (sign-in and sign-up limits, the form's lengths) run on every
    // door to these endpoints: the forms' server actions and any HTTP call alike.
    hooks: { before: createAuthMiddleware(enforceAccountRules) },
    // better-auth's own limiter on the HTTP routes that stay open (app/api/auth), in the
    // database so that it holds across instances.
    rateLimit: { enabled: true, storage: "database", window: 60, max: 100 },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { marqueeAuth?: Auth };

/** The authentication library, configured on first use (never at build time). */
export function auth(): Auth {
  globalForAuth.marqueeAuth ??= createAuth();
  return globalForAuth.marqueeAuth;
}
