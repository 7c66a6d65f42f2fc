import "server-only";
import { APIError } from "better-auth/api";
import { failed, type FormState } from "@/lib/forms/form-state";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";

/**
 * The account both sign-up forms create, through better-auth (which signs it in; its hook
 * applies the sign-up limit and the account rules). A refusal comes back as the form's
 * answer; `existsHint` tells someone whose address is taken what to do instead.
 */
export async function createAccount(
  account: { name: string; email: string; password: string },
  { requestHeaders, formData, existsHint }: { requestHeaders: Headers; formData: FormData; existsHint: string },
): Promise<{ userId: string } | { refused: FormState }> {
  try {
    const result = await auth().api.signUpEmail({ body: account, headers: authHeaders(requestHeaders) });
    return { userId: result.user.id };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.status === "TOO_MANY_REQUESTS") return { refused: failed(error.message, formData) };
    const exists = /exist/i.test(error.message);
    return {
      refused: failed(
        exists ? `An account with this e-mail address already exists. ${existsHint}` : "We could not create the account.",
        formData,
        exists ? { email: ["This e-mail address is already registered."] } : undefined,
      ),
    };
  }
}
