import "server-only";
import { createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { afterResponse } from "@/lib/http/after-response";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { EMAIL_VERIFIED_PATH, FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH } from "./account-paths";
import { AUTH_CLIENT_ADDRESS_HEADER } from "./auth-headers";
import { mailLink } from "@/lib/mail/links";
import { alreadyRegisteredMail, resetPasswordMail, verifyEmailMail } from "@/lib/mail/messages";
import { sendMail } from "@/lib/mail/send-mail";
import { enforceAccountRules } from "./account-rules";

/** Where the verification link leads once it has signed the person in (or failed: `?error=`). */
export const EMAIL_VERIFIED_CALLBACK = EMAIL_VERIFIED_PATH;
/** The verification link's life. */
export const EMAIL_VERIFICATION_SECONDS = 24 * 60 * 60;
/** The reset link's life. */
export const PASSWORD_RESET_SECONDS = 60 * 60;

/** The verification link in a mail: better-auth's endpoint, on MARQUEE_PUBLIC_URL. */
export function verificationLink(token: string): string {
  return mailLink(`/api/auth/verify-email?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent(EMAIL_VERIFIED_CALLBACK)}`);
}

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
      // Sign-up answers alike whether or not the address has an account (no sign-in, no
      // "already exists"): the new account gets a verification mail, the existing one a note.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        await sendMail(alreadyRegisteredMail(user.email, mailLink(FORGOT_PASSWORD_PATH)));
      },
      // One-time links that expire; a reset ends every session of the account.
      resetPasswordTokenExpiresIn: PASSWORD_RESET_SECONDS,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        await sendMail(resetPasswordMail(user.email, mailLink(`${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`)));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // The link confirms; it does not sign in: a session from a mail alone would skip the
      // second factor of an account that has one (better-auth's auto sign-in does not ask).
      autoSignInAfterVerification: false,
      expiresIn: EMAIL_VERIFICATION_SECONDS,
      sendVerificationEmail: async ({ user, token }) => {
        await sendMail(verifyEmailMail(user.email, verificationLink(token)));
      },
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
    advanced: {
      ipAddress: { ipAddressHeaders: [AUTH_CLIENT_ADDRESS_HEADER] },
      // Mail and other work after the answer is registered with the platform (Next's after()),
      // so a serverless instance is not frozen before it is done; outside a request it runs on, logged if it fails.
      backgroundTasks: { handler: runAfterResponse },
    },
    // The product's own rules (sign-in and sign-up limits, the form's lengths) run on every
    // door to these endpoints: the forms' server actions and any HTTP call alike.
    hooks: { before: createAuthMiddleware(enforceAccountRules) },
    // better-auth's own limiter on the HTTP routes that stay open (app/api/auth), in the
    // database so that it holds across instances.
    rateLimit: { enabled: true, storage: "database", window: 60, max: 100 },
    plugins: [
      twoFactor({
        issuer: "Marquee",
        // A code from the app is asked for before two-factor authentication is on.
        skipVerificationOnEnable: false,
        backupCodeOptions: { amount: 10, length: 10 },
      }),
      nextCookies(),
    ],
  });
}

/** better-auth hands over work already running: the platform waits for it (lib/http/after-response.ts). */
function runAfterResponse(work: Promise<unknown>): void {
  afterResponse(() => work);
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { marqueeAuth?: Auth };

/** The authentication library, configured on first use (never at build time). */
export function auth(): Auth {
  globalForAuth.marqueeAuth ??= createAuth();
  return globalForAuth.marqueeAuth;
}
