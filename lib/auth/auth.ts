import "server-only";
import { createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";

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
    // Requests from the browser straight to /api/auth/* are limited by better-auth itself
    // (in the database, so across instances); the server actions have their own limiter
    // (lib/rate-limit), because better-auth does not limit server-side calls.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 5 }, "/sign-up/email": { window: 600, max: 10 } },
    },
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
