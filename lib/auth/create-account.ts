import "server-only";
import { APIError } from "better-auth/api";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";

/**
 * The account both sign-up forms create, through better-auth (which signs it in; its hook
 * applies the sign-up limit and the account rules). A refusal is thrown as an AppError, for
 * the form to tell (lib/auth/server-action.ts); `existsHint` tells someone whose address is
 * taken what to do instead.
 */
export async function createAccount(
  account: { name: string; email: string; password: string },
  { requestHeaders, existsHint }: { requestHeaders: Headers; existsHint: string },
): Promise<{ userId: string }> {
  try {
    const result = await auth().api.signUpEmail({ body: account, headers: authHeaders(requestHeaders) });
    return { userId: result.user.id };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
    if (/exist/i.test(error.message)) {
      throw new AppError("conflict", `An account with this e-mail address already exists. ${existsHint}`, {
        details: { field: "email", fieldMessage: "This e-mail address is already registered." },
      });
    }
    throw new AppError("bad_request", "We could not create the account.");
  }
}
