import "server-only";
import { APIError } from "better-auth/api";
import { failed, type FormState } from "@/lib/forms/form-state";
import { clientIp } from "@/lib/http/client";
import { checkRateLimit } from "@/lib/rate-limit/check-rate-limit";
import { store } from "@/lib/redis";
import { auth } from "./auth";

export const tooManyAttempts = (seconds: number) => `Too many attempts. Try again in ${seconds} seconds.`;

/** The per-IP sign-up limit of both sign-up forms: the form's answer when it is reached. */
export async function signUpLimitReached(requestHeaders: Headers, formData: FormData): Promise<FormState | undefined> {
  const limit = await checkRateLimit(store(), "signUpByIp", clientIp(requestHeaders));
  return limit.allowed ? undefined : failed(tooManyAttempts(limit.retryAfterSeconds), formData);
}

/**
 * The account both sign-up forms create, through better-auth (which signs it in). A refusal
 * comes back as the form's answer; `existsHint` tells someone whose address is taken what to
 * do instead.
 */
export async function createAccount(
  account: { name: string; email: string; password: string },
  { requestHeaders, formData, existsHint }: { requestHeaders: Headers; formData: FormData; existsHint: string },
): Promise<{ userId: string } | { refused: FormState }> {
  try {
    const result = await auth().api.signUpEmail({ body: account, headers: requestHeaders });
    return { userId: result.user.id };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
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
