"use server";

import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import type { FormState } from "@/lib/forms/form-state";
import { noticeUrl } from "@/lib/forms/notices";
import { confirmPasswordSchema, confirmTwoFactorSchema, signInCodeSchema, signInRecoveryCodeSchema } from "@/lib/zod/schemas/two-factor";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { access, formAction, redirectTo } from "./server-action";
import { authenticatorSetup, organizationsRequiringTwoFactor, twoFactorRefusal, twoFactorRefusals, type AuthenticatorSetup } from "./two-factor";

// Two-factor authentication for one's own account (app/(app)/settings/security) and the second
// step of signing in (app/(auth)/sign-in/two-factor). Every call goes to better-auth on the
// server with the request's cookies: the session for the settings, the short-lived two-factor
// cookie that sign-in set for the second step. Turning it on takes the password, then a code
// from the app: it is on only once a code proved the app holds the secret.

const securityPath = "/settings/security";
const revalidate = [securityPath] as const;

async function requestHeaders(): Promise<Headers> {
  return authHeaders(await headers());
}

export interface TwoFactorSetupState extends FormState {
  /** The secret to add to the authenticator app: in this answer only. */
  setup?: AuthenticatorSetup;
}

export interface RecoveryCodesState extends FormState {
  /** New recovery codes: in this answer only, never shown again. */
  recoveryCodes?: string[];
}

/** Step 1: the password; a new secret (not yet in force) to scan. */
export const startTwoFactorSetup = formAction({
  access: access.user,
  schema: confirmPasswordSchema,
  refill: false,
  run: async ({ password }, { user }) => {
    if (user.twoFactorEnabled) throw new AppError("conflict", twoFactorRefusals.alreadyOn);
    try {
      const answer = await auth().api.enableTwoFactor({ body: { password, method: "totp" }, headers: await requestHeaders() });
      if (answer.method !== "totp") throw new Error("better-auth enabled two-factor authentication without a TOTP secret");
      return authenticatorSetup(answer.totpURI);
    } catch (error) {
      throw twoFactorRefusal(error, "password");
    }
  },
  done: (setup): TwoFactorSetupState => ({
    status: "success",
    message: "Scan the QR code with your authenticator app, then enter the code it shows.",
    setup,
  }),
});

/** Step 2: a code from the app turns it on; the recovery codes are shown this once. */
export const confirmTwoFactorSetup = formAction({
  access: access.user,
  schema: confirmTwoFactorSchema,
  refill: false,
  run: async ({ code }, { user }) => {
    // Once on, a code proves nothing new: the codes are not shown again (regenerate them instead).
    if (user.twoFactorEnabled) throw new AppError("conflict", twoFactorRefusals.alreadyOn);
    try {
      await auth().api.verifyTOTP({ body: { code }, headers: await requestHeaders() });
    } catch (error) {
      throw twoFactorRefusal(error, "code");
    }
    const { backupCodes } = await auth().api.viewBackupCodes({ body: { userId: user.id } });
    return backupCodes;
  },
  done: (recoveryCodes): RecoveryCodesState => ({
    status: "success",
    message: "Two-factor authentication is on. Save your recovery codes now: they are shown only once.",
    recoveryCodes,
  }),
});

/** New recovery codes (the old ones stop working), after the password. */
export const regenerateRecoveryCodes = formAction({
  access: access.user,
  schema: confirmPasswordSchema,
  refill: false,
  run: async ({ password }) => {
    try {
      const { backupCodes } = await auth().api.generateBackupCodes({ body: { password }, headers: await requestHeaders() });
      return backupCodes;
    } catch (error) {
      throw twoFactorRefusal(error, "password");
    }
  },
  done: (recoveryCodes): RecoveryCodesState => ({
    status: "success",
    message: "New recovery codes made: the old ones no longer work. Save these now: they are shown only once.",
    recoveryCodes,
  }),
  revalidate,
});

/** Off, after the password; not while a member of an organisation that requires it. */
export const disableTwoFactor = formAction({
  access: access.user,
  schema: confirmPasswordSchema,
  refill: false,
  run: async ({ password }, { user }) => {
    const requiring = await organizationsRequiringTwoFactor(user.id);
    if (requiring.length > 0) {
      throw new AppError("conflict", `${requiring.join(", ")} ${requiring.length === 1 ? "requires" : "require"} two-factor authentication of every member: it stays on while you are a member.`);
    }
    try {
      await auth().api.disableTwoFactor({ body: { password }, headers: await requestHeaders() });
    } catch (error) {
      throw twoFactorRefusal(error, "password");
    }
  },
  done: () => redirectTo(noticeUrl(securityPath, "two-factor-disabled")),
  revalidate,
});

const alreadySignedIn = "You are already signed in.";

/** The second step of signing in: the app's code (and, if asked, this device is trusted for 30 days). */
export const verifySignInCode = formAction({
  access: access.signedOut(alreadySignedIn),
  schema: signInCodeSchema,
  refill: false,
  run: async ({ code, trustDevice }) => {
    try {
      await auth().api.verifyTOTP({ body: { code, trustDevice }, headers: await requestHeaders() });
    } catch (error) {
      throw twoFactorRefusal(error, "code");
    }
  },
  done: (_result, { next }) => redirectTo(next ?? "/dashboard"),
});

/** The second step with a recovery code instead: it is spent; the security page says how many are left. */
export const verifySignInRecoveryCode = formAction({
  access: access.signedOut(alreadySignedIn),
  schema: signInRecoveryCodeSchema,
  refill: false,
  run: async ({ recoveryCode }) => {
    try {
      await auth().api.verifyBackupCode({ body: { code: recoveryCode }, headers: await requestHeaders() });
    } catch (error) {
      throw twoFactorRefusal(error, "recoveryCode");
    }
  },
  done: () => redirectTo(noticeUrl(securityPath, "recovery-code-used")),
});
