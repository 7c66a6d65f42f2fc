"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { validationFailed, type FormState } from "@/lib/forms/form-state";
import { noticeUrl } from "@/lib/forms/notices";
import { mailLink } from "@/lib/mail/links";
import { passwordChangedMail } from "@/lib/mail/messages";
import { sendEach } from "@/lib/mail/send-mail";
import { accountMessages, changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH } from "./account-paths";
import { checkPasswordStrength } from "./password-strength";
import { access, formAction, redirectTo } from "./server-action";

// Password recovery: a mail with a one-time link (better-auth's reset tokens: one hour,
// consumed by the reset), then a new password that ends every session of the account. And the
// change of one's password while signed in (Settings → Security).

export const requestPasswordReset = formAction({
  access: access.anyone,
  schema: forgotPasswordSchema,
  run: async ({ email }) => {
    try {
      await auth().api.requestPasswordReset({ body: { email, redirectTo: RESET_PASSWORD_PATH }, headers: authHeaders(await headers()) });
    } catch (error) {
      // The limits (per client and per address) are the only refusal, and tell nothing about the account.
      if (error instanceof APIError && error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw error;
    }
  },
  done: (): FormState => ({ status: "success", message: accountMessages.resetLinkSent }),
});

export const resetPassword = formAction({
  access: access.anyone,
  schema: resetPasswordSchema,
  // Neither password is ever sent back to the browser; the token comes from the page.
  invalid: (error, formData) => ({ ...validationFailed(error, formData), values: undefined }),
  refill: false,
  run: async ({ token, password }) => {
    try {
      await auth().api.resetPassword({ body: { token, newPassword: password }, headers: authHeaders(await headers()) });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      if (error.body?.code === "WEAK_PASSWORD") throw new AppError("unprocessable_entity", error.message, { details: { field: "password" } });
      if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw new AppError("gone", accountMessages.resetLinkDead);
    }
  },
  done: () => redirectTo(noticeUrl("/sign-in", "password-reset")),
});

/**
 * Settings → Security: the current password, then the new one. Every other session of the
 * account ends (a password is changed because it may be known: whoever used it is signed out);
 * this browser gets a new session. The address is then told by mail, so that a change its owner
 * did not make does not go unseen. Attempts count against the client's sign-in limit (account
 * rules), and no password is ever sent back to the browser.
 */
export const changePassword = formAction({
  access: access.user,
  schema: changePasswordSchema,
  invalid: (error, formData) => ({ ...validationFailed(error, formData), values: undefined }),
  refill: false,
  run: async ({ currentPassword, newPassword }, { user }) => {
    // Judged with what the person's own details give away, as at sign-up.
    const verdict = checkPasswordStrength(newPassword, [user.email, user.name]);
    if (!verdict.ok) throw new AppError("unprocessable_entity", verdict.message, { details: { field: "newPassword" } });
    try {
      await auth().api.changePassword({ body: { currentPassword, newPassword, revokeOtherSessions: true }, headers: authHeaders(await headers()) });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      if (error.body?.code === "INVALID_PASSWORD") throw new AppError("unprocessable_entity", accountMessages.currentPasswordWrong, { details: { field: "currentPassword" } });
      if (error.body?.code === "WEAK_PASSWORD") throw new AppError("unprocessable_entity", error.message, { details: { field: "newPassword" } });
      if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw error;
    }
    // The password is changed either way: a refused mail is logged (sendMail), not the person's error.
    await sendEach([passwordChangedMail(user.email, mailLink(FORGOT_PASSWORD_PATH))]);
  },
  done: (): FormState => ({ status: "success", message: accountMessages.passwordChanged }),
});
