"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { validationFailed, type FormState } from "@/lib/forms/form-state";
import { noticeUrl } from "@/lib/forms/notices";
import { accountMessages, forgotPasswordSchema, resetPasswordSchema } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { RESET_PASSWORD_PATH } from "./account-paths";
import { access, formAction, redirectTo } from "./server-action";

// Password recovery: a mail with a one-time link (better-auth's reset tokens: one hour,
// consumed by the reset), then a new password that ends every session of the account.

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
