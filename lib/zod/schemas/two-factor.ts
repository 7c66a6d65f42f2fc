import { z } from "zod";
import { nextPathSchema } from "./auth";

// What the two-factor forms accept: the password that guards turning it on or off, the
// authenticator app's 6-digit code, a recovery code as better-auth issues them (10 letters and
// digits, shown as xxxxx-xxxxx), and the organisation's requirement switch.

export const twoFactorMessages = {
  password: "Enter your password.",
  code: "Enter the 6-digit code from your authenticator app.",
  recoveryCode: "Enter one of your recovery codes (10 letters and digits, like abcde-12345).",
} as const;

export const confirmPasswordSchema = z.object({
  password: z.string({ error: twoFactorMessages.password }).min(1, twoFactorMessages.password).max(128, "That password is too long."),
});

/** The app's code; spaces (some apps show "123 456") are dropped. */
export const totpCodeSchema = z
  .string({ error: twoFactorMessages.code })
  .transform((code) => code.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, twoFactorMessages.code));

/** A recovery code, typed with or without its hyphen and spaces; letters keep their case (the codes use both). */
export const recoveryCodeSchema = z
  .string({ error: twoFactorMessages.recoveryCode })
  .transform((code) => code.replace(/[\s-]+/g, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9]{10}$/, twoFactorMessages.recoveryCode))
  .transform((code) => `${code.slice(0, 5)}-${code.slice(5)}`);

/** A checkbox: present ("on") or absent. */
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on");

export const confirmTwoFactorSchema = z.object({ code: totpCodeSchema });

export const signInCodeSchema = z.object({ code: totpCodeSchema, trustDevice: checkbox, next: nextPathSchema });

export const signInRecoveryCodeSchema = z.object({ recoveryCode: recoveryCodeSchema });

export const twoFactorRequirementSchema = z.object({
  requireTwoFactor: z.enum(["on", "off"], { error: "Choose whether two-factor authentication is required." }).transform((value) => value === "on"),
});
