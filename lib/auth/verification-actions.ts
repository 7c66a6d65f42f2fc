"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import type { FormState } from "@/lib/forms/form-state";
import { accountMessages } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { access, formAction } from "./server-action";

/**
 * "Send the link again", for the signed-in person whose address is not confirmed (the banner
 * of the signed-in pages). Limited per client and per address (lib/auth/account-rules.ts).
 */
export const resendVerification = formAction({
  access: access.user,
  refill: false,
  run: async (_input, { user }) => {
    if (user.emailVerified) return;
    try {
      await auth().api.sendVerificationEmail({ body: { email: user.email }, headers: authHeaders(await headers()) });
    } catch (error) {
      if (error instanceof APIError && error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw error;
    }
  },
  done: (): FormState => ({ status: "success", message: accountMessages.verificationSent }),
});
