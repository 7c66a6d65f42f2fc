"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { signInPath } from "@/lib/http/local-path";
import { signInFormSchema, signUpSchema } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { createAccountWithOrganization } from "./create-account";
import { CHECK_EMAIL_PATH } from "./account-paths";
import { access, formAction, redirectAction, redirectTo } from "./server-action";
import { TWO_FACTOR_SIGN_IN_PATH } from "./two-factor";

export const signIn = formAction({
  access: access.anyone,
  schema: signInFormSchema,
  run: async ({ next: _next, ...credentials }) => {
    try {
      // The attempt limits are better-auth's hook's (lib/auth/account-rules.ts): the same on every door.
      const answer = await auth().api.signInEmail({ body: credentials, headers: authHeaders(await headers()) });
      // With two-factor authentication on, the password gives no session yet: the library set a
      // short-lived two-factor cookie instead, and the second step asks for a code.
      return { twoFactor: "twoFactorRedirect" in answer && answer.twoFactorRedirect === true };
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw new AppError("unauthorized", "The e-mail address or the password is not right.");
    }
  },
  // On to the page the person was going to (a link in a mail), through the second step if on.
  done: ({ twoFactor }, { next }) => redirectTo(twoFactor ? signInPath(next, TWO_FACTOR_SIGN_IN_PATH) : (next ?? "/dashboard")),
});

/**
 * Sign-up answers the same whether or not the address has an account — "check your inbox",
 * no session — so that the form does not tell who has one. A new address gets its account,
 * its organisation (as OWNER) and a verification mail; an existing one gets nothing created,
 * and its owner a mail saying someone tried (lib/auth/auth.ts).
 */
export const signUp = formAction({
  access: access.anyone,
  schema: signUpSchema,
  run: async (input) => {
    await createAccountWithOrganization(input, await headers());
  },
  done: () => redirectTo(CHECK_EMAIL_PATH),
});

export const signOut = redirectAction({
  access: access.anyone,
  run: async () => auth().api.signOut({ headers: authHeaders(await headers()) }),
  done: () => "/",
});
