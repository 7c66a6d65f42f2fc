"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { formEntries } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { signInSchema, signUpSchema } from "@/lib/zod/schemas/auth";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";
import { createAccount } from "./create-account";

export async function signIn(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    // The attempt limits are better-auth's hook's (lib/auth/account-rules.ts): the same on every door.
    await auth().api.signInEmail({ body: parsed.data, headers: authHeaders(await headers()) });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.status === "TOO_MANY_REQUESTS") return failed(error.message, formData);
    return failed("The e-mail address or the password is not right.", formData);
  }
  redirect("/dashboard");
}

export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  const { name, email, password, organizationName, kind } = parsed.data;
  const account = await createAccount({ name, email, password }, { requestHeaders: await headers(), formData, existsHint: "Sign in instead." });
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
  await auth().api.signOut({ headers: authHeaders(await headers()) });
  redirect("/");
}
