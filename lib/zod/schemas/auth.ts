import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/format/time-zone";
import { localPath } from "@/lib/http/local-path";

export const emailSchema = z.string().trim().toLowerCase().min(1, "Enter your e-mail address.").max(254, "That e-mail address is too long.").pipe(z.email("Enter a valid e-mail address."));

/** Where to go on once signed in (the sign-in form's hidden field): a local path, or nothing — never an error. */
export const nextPathSchema = z.unknown().optional().transform((value) => localPath(value));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(128, "That password is too long."),
});

/** The sign-in form: the credentials, and the page to go on to. */
export const signInFormSchema = signInSchema.extend({ next: nextPathSchema });

/** A person's account: what the sign-up forms ask, and what better-auth's sign-up accepts on any door. */
export const accountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
  email: emailSchema,
  password: z.string().min(10, "Use at least 10 characters.").max(128, "Use at most 128 characters."),
});

/**
 * The new organisation's time zone, as the browser reported it (a hidden field, not typed by
 * the person): a zone the server does not know, or none (no script), is UTC, not an error.
 */
export const browserTimeZoneSchema = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" && isTimeZone(value) ? value : DEFAULT_TIME_ZONE));

export const signUpSchema = accountSchema.extend({
  organizationName: z.string().trim().min(1, "Name your company or site.").max(100, "Keep the name under 100 characters."),
  kind: z.enum(["ADVERTISER", "PUBLISHER"], { error: "Choose whether you advertise or publish." }),
  timeZone: browserTimeZoneSchema,
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A reset link's token as the page hands it on: better-auth's are 24 letters and digits. */
export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "This reset link is not valid.");

/** The new password, typed twice; its strength is judged by the account rules (lib/auth/account-rules.ts). */
export const resetPasswordSchema = z
  .object({
    token: resetTokenSchema,
    password: accountSchema.shape.password,
    confirmPassword: z.string().max(128, "Use at most 128 characters."),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ: type the same one twice." });

/**
 * Changing one's password while signed in: the current one, and the new one typed twice and
 * different from it; its strength is judged by the account rules, with the person's details.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(128, "That password is too long."),
    newPassword: accountSchema.shape.password,
    confirmPassword: z.string().max(128, "Use at most 128 characters."),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ: type the same one twice." })
  .refine((value) => value.newPassword !== value.currentPassword, { path: ["newPassword"], message: "Choose a new password: this is the current one." });

/** Deleting one's account: the password, to confirm that it is the person and that they mean it (a name of its own: the security page has other password fields). */
export const deleteAccountSchema = z.object({
  deletionPassword: z.string({ error: "Enter your password to confirm." }).min(1, "Enter your password to confirm.").max(128, "That password is too long."),
});

/** What the account flows tell people (the same words in the pages, the actions and the tests). */
export const accountMessages = {
  /** The change-password form's answer. */
  passwordChanged: "Password changed. Every other browser signed in to your account was signed out.",
  currentPasswordWrong: "The current password is not right.",
  passwordWrong: "That password is not right.",
  /** The forgot-password form's answer, whether or not the address has an account. */
  resetLinkSent: "If an account exists for that address, we sent it a link to choose a new password. The link works once, for one hour.",
  resetLinkDead: "This reset link has expired or was already used. Ask for a new one.",
  verificationSent: "We sent a new confirmation link. It works for 24 hours.",
  alreadyVerified: "Your e-mail address is already confirmed.",
} as const;
