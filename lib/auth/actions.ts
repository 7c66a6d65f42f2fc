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

const tooManyAttempts = (seconds: number) => `Too many attempts. Try again in ${seconds} seconds.`;

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
  const limit = await checkRateLimit(store(), "signUpByIp", clientIp(requestHeaders));
  if (!limit.allowed) return failed(tooManyAttempts(limit.retryAfterSeconds), formData);

  const { name, email, password, organizationName, kind } = parsed.data;
  let userId: string;
  try {
    const result = await auth().api.signUpEmail({ body: { name, email, password }, headers: requestHeaders });
    userId = result.user.id;
  } catch (error) {
    if (error instanceof APIError) {
      const exists = /exist/i.test(error.message);
      return failed(
        exists ? "An account with this e-mail address already exists. Sign in instead." : "We could not create the account.",
        formData,
        exists ? { email: ["This e-mail address is already registered."] } : undefined,
      );
    }
    throw error;
  }
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
