"use server";

import { headers } from "next/headers";
import { access, formAction, redirectAction, redirectTo } from "@/lib/auth/server-action";
import { readDeps } from "@/lib/cache/deps";
import { env } from "@/lib/config/env";
import { failed, validationFailed } from "@/lib/forms/form-state";
import { noticeUrl, type NoticeCode } from "@/lib/forms/notices";
import { firstOperatorSchema, grantOperatorSchema, operatorMessages, revokeOperatorSchema } from "@/lib/zod/schemas/operators";
import { publisherVisibilitySchema } from "@/lib/zod/schemas/publisher-visibility";
import { grantOperator } from "./grant-operator";
import { revokeOperator } from "./revoke-operator";
import { setHiddenFromAdvertisers } from "./set-hidden-from-advertisers";
import { createFirstOperator } from "./set-up-first-operator";

// Who is an operator. The first one through the setup link (anyone holding it: the link is the
// proof); every later change by an operator, checked here (access.operator) and again by the
// domain functions under the operators' lock, so a direct POST by anyone else changes nothing.

const operatorsPath = "/admin/operators";
const revalidate = [operatorsPath] as const;

/** The setup page's form (app/(auth)/setup): the first operator account, then signing in. */
export const setUpFirstOperatorAction = formAction({
  access: access.anyone,
  schema: firstOperatorSchema,
  // The token is a hidden field: a bad one is the link's fault, not a field to correct.
  invalid: (error, formData) => (error.issues.some((issue) => issue.path[0] === "token") ? failed(operatorMessages.setupLinkInvalid) : validationFailed(error, formData)),
  run: async ({ token, name, email, password }) => createFirstOperator({ name, email, password }, token, await headers(), { ...readDeps(), secret: env().MARQUEE_SECRET }),
  done: () => redirectTo(noticeUrl("/sign-in", "operator-set-up")),
});

export const grantOperatorAction = formAction({
  access: access.operator,
  schema: grantOperatorSchema,
  run: ({ email }, { user }) => grantOperator(user.id, email, readDeps()),
  done: () => redirectTo(noticeUrl(operatorsPath, "operator-granted")),
  revalidate,
});

export const revokeOperatorAction = redirectAction({
  access: access.operator,
  schema: revokeOperatorSchema,
  invalid: noticeUrl(operatorsPath, "operator-not-found"),
  run: ({ userId }, { user }) => revokeOperator(user.id, userId, readDeps()),
  // Who revoked their own role has no operator pages left to go back to.
  done: ({ self }) => (self ? "/dashboard" : noticeUrl(operatorsPath, "operator-revoked")),
  refused: (error) => {
    const code: NoticeCode | undefined = error.code === "conflict" ? "last-operator" : error.code === "not_found" ? "operator-not-found" : error.code === "forbidden" ? "not-permitted" : undefined;
    return code && noticeUrl(operatorsPath, code);
  },
  revalidate,
});

/**
 * The accounts page's "Test publisher — hidden from advertisers" switch. Back to the accounts
 * page either way; the advertisers' pages that list placements read them fresh.
 */
export const setHiddenFromAdvertisersAction = redirectAction({
  access: access.operator,
  schema: publisherVisibilitySchema,
  invalid: noticeUrl("/admin", "publisher-not-found"),
  run: ({ organizationId, hidden }, { user }) => setHiddenFromAdvertisers(user.id, organizationId, hidden, readDeps()),
  done: (_result, { hidden }) => noticeUrl("/admin", hidden ? "publisher-hidden" : "publisher-shown"),
  refused: (error) => noticeUrl("/admin", error.code === "forbidden" ? "not-permitted" : "publisher-not-found"),
  revalidate: ["/admin"],
});
