import "server-only";
import { APIError } from "better-auth/api";
import { renderSVG } from "uqr";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";

// Two-factor authentication is better-auth's twoFactor plugin (lib/auth/auth.ts): TOTP with
// 10 recovery codes, stored encrypted in the TwoFactor table. What is here turns its answers
// into Marquee's: a QR code and the secret to type, the number of recovery codes left, and its
// refusals in words a person can act on.

/** Where the second step of a sign-in with two-factor authentication is asked. */
export const TWO_FACTOR_SIGN_IN_PATH = "/sign-in/two-factor";

export interface AuthenticatorSetup {
  /** The otpauth:// URI an authenticator app reads from the QR code. */
  uri: string;
  /** The same secret (base32) for typing it in by hand, in groups of four. */
  secret: string;
  /** The QR code of `uri`, as SVG markup made here (no network, no image service). */
  qrSvg: string;
}

export function authenticatorSetup(totpURI: string): AuthenticatorSetup {
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return {
    uri: totpURI,
    secret: secret.match(/.{1,4}/g)?.join(" ") ?? secret,
    qrSvg: renderSVG(totpURI, { border: 2 }),
  };
}

/** How many unused recovery codes the user has, or null without two-factor authentication. */
export async function recoveryCodesLeft(userId: string): Promise<number | null> {
  const row = await prisma.twoFactor.findFirst({ where: { userId, verified: true }, select: { id: true } });
  if (!row) return null;
  // Stored encrypted: only the library reads them (viewBackupCodes is server-only, never HTTP).
  const { backupCodes } = await auth().api.viewBackupCodes({ body: { userId } });
  return backupCodes.length;
}

/** The organisations of the user that require two-factor authentication (it may not be turned off while in one). */
export async function organizationsRequiringTwoFactor(userId: string): Promise<string[]> {
  const memberships = await prisma.membership.findMany({
    where: { userId, organization: { requireTwoFactor: true } },
    select: { organization: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => membership.organization.name);
}

export const twoFactorRefusals = {
  password: "That password is not right.",
  code: "That code is not right. Use the newest code your authenticator app shows for Marquee.",
  recoveryCode: "That recovery code is not right, or it was used already: each one works once.",
  expired: "This sign-in has expired or was already completed. Sign in again with your e-mail address and password.",
  tooManyAttempts: "Too many wrong codes for this sign-in. Sign in again with your e-mail address and password.",
  locked: "Too many wrong codes: two-factor sign-in for this account is paused for 15 minutes. Try again later.",
  alreadyOn: "Two-factor authentication is already on for your account.",
  notOn: "Two-factor authentication is not on for your account.",
  noSetup: "Start again: turn on two-factor authentication with your password to get a new QR code.",
} as const;

/** Which field of the form a refusal is about. */
type Field = "password" | "code" | "recoveryCode";

/**
 * better-auth's refusal as an AppError in Marquee's words (next to `field` when it is about
 * what was typed there). Anything that is not a refusal of the library is a bug: rethrown.
 */
export function twoFactorRefusal(error: unknown, field: Field): AppError {
  if (!(error instanceof APIError)) throw error;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  const onField = (message: string) => new AppError("unauthorized", message, { details: { field } });
  switch (code) {
    case "INVALID_PASSWORD":
      return new AppError("unauthorized", twoFactorRefusals.password, { details: { field: "password" } });
    case "INVALID_CODE":
      return onField(twoFactorRefusals.code);
    case "INVALID_BACKUP_CODE":
      return onField(twoFactorRefusals.recoveryCode);
    case "INVALID_TWO_FACTOR_COOKIE":
      return new AppError("gone", twoFactorRefusals.expired);
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
      return new AppError("gone", twoFactorRefusals.tooManyAttempts);
    case "ACCOUNT_TEMPORARILY_LOCKED":
      return new AppError("rate_limited", twoFactorRefusals.locked);
    case "TOTP_ALREADY_ENABLED":
      return new AppError("conflict", twoFactorRefusals.alreadyOn);
    case "TWO_FACTOR_NOT_ENABLED":
      return new AppError("conflict", twoFactorRefusals.notOn);
    case "TOTP_NOT_ENABLED":
      return new AppError("conflict", twoFactorRefusals.noSetup);
  }
  // Marquee's own limit (lib/auth/account-rules.ts) says how long to wait.
  if (error.status === "TOO_MANY_REQUESTS") return new AppError("rate_limited", error.message);
  if (error.status === "UNAUTHORIZED") return new AppError("unauthorized", twoFactorRefusals.expired);
  throw error;
}
