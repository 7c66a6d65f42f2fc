import "server-only";
import { APIError } from "better-auth/api";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { auth } from "./auth";
import { authHeaders } from "./auth-headers";

/**
 * What a sign-up did — never shown to the person, whose page says the same either way
 * ("check your inbox"): `created` with the new user's id, or `existing` when the address
 * already has an account (nothing was created; its owner got a mail saying so).
 */
export type AccountOutcome = { created: true; userId: string } | { created: false };

/**
 * Creates the account both sign-up forms ask for, through better-auth: not signed in, a
 * verification mail on its way (lib/auth/auth.ts). Its hook applies the sign-up limit and
 * the account rules (lib/auth/account-rules.ts: a refusal is thrown as an AppError, for the
 * form to tell). For an address that already has an account better-auth answers with a
 * made-up user, so that the answer does not tell; that user is not in the database, which
 * is how this tells the two apart.
 */
export async function createAccount(account: { name: string; email: string; password: string }, requestHeaders: Headers): Promise<AccountOutcome> {
  let userId: string;
  try {
    userId = (await auth().api.signUpEmail({ body: account, headers: authHeaders(requestHeaders) })).user.id;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
    if (error.body?.code === "WEAK_PASSWORD") {
      throw new AppError("unprocessable_entity", error.message, { details: { field: "password" } });
    }
    if (error.status === "BAD_REQUEST" && error.message) throw new AppError("bad_request", error.message);
    throw new AppError("bad_request", "We could not create the account.");
  }
  const stored = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  return stored ? { created: true, userId } : { created: false };
}

/**
 * The ordinary sign-up: the account, and for a new user the organisation it owns, in the
 * time zone the browser reported (checked by lib/zod/schemas/auth.ts; none: UTC). An
 * address that already has an account gets nothing (and the same answer). Without its
 * organisation a new account would be unusable: it is taken back if the organisation
 * cannot be created.
 */
export async function createAccountWithOrganization(
  input: { name: string; email: string; password: string; organizationName: string; kind: OrganizationKind; timeZone?: string },
  requestHeaders: Headers,
): Promise<AccountOutcome> {
  const outcome = await createAccount({ name: input.name, email: input.email, password: input.password }, requestHeaders);
  if (!outcome.created) return outcome;
  try {
    await prisma.organization.create({
      data: { name: input.organizationName, kind: input.kind, timeZone: input.timeZone, memberships: { create: { userId: outcome.userId, role: "OWNER" } } },
    });
  } catch (error) {
    await prisma.user.delete({ where: { id: outcome.userId } }).catch(() => {});
    throw error;
  }
  return outcome;
}
