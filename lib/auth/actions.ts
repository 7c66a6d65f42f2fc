"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { formEntries } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { clientIp } from "@/lib/http/client";
import { checkRateLimit } from "@/lib/rate-limit/check-rate-limit";
import { store } from "@/lib/redis";
import { signInSchema, signUpSchema } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { createAccount, signUpLimitReached, tooManyAttempts } from "./create-account";


export async function signIn(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  const requestHeaders = await headers();
  for (const [policy, identifier] of [["signInByIp", clientIp(requestHeaders)], ["signInByEmail", parsed.data.email]] as const) {
    const limit = await checkRateLimit(store(), policy, identifier);
    if (!limit.allowed) return failed(tooManyAttempts(limit.retryAfterSeconds), formData);
  }
  try {
    await auth().api.signInEmail({ body: parsed.data, headers: requestHeaders });
  } catch (error) {
    if (error instanceof APIError) return failed("The e-mail address or the password is not right.", formData);
    throw error;
  }
  redirect("/dashboard");
}

export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  const requestHeaders = await headers();
  const limited = await signUpLimitReached(requestHeaders, formData);
  if (limited) return limited;
  const { name, email, password, organizationName, kind } = parsed.data;
  const account = await createAccount({ name, email, password }, { requestHeaders, formData, existsHint: "Sign in instead." });
  if ("refused" in account) return account.refused;
  const { userId } = account;
  try {
    await prisma.organization.create({
      data: { name: organizationName, kind, memberships: { create: { userId, role: "OWNER" } } },
    });
  } catch (error) {
    // Without an organisation the account is unusable: take it back so the user can retry.
    await prisma.user.delete({ where: { id: userId } }).catch(() => {});
    throw error;
  }
  redirect("/dashboard");
}

export async function signOut(): Promise<void> {
  await auth().api.signOut({ headers: await headers() });
  redirect("/");
}
