"use server";

import { APIError } from "better-auth/api";
import { cookies, headers } from "next/headers";
import { prisma } from "@/lib/db";
import { CHECK_EMAIL_PATH } from "@/lib/auth/account-paths";
import { auth } from "@/lib/auth/auth";
import { authHeaders } from "@/lib/auth/auth-headers";
import { createAccount } from "@/lib/auth/create-account";
import { access, formAction, redirectAction, redirectTo } from "@/lib/auth/server-action";
import { ACTIVE_ORGANIZATION_COOKIE } from "@/lib/auth/session";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import { noticeUrl, type NoticeCode } from "@/lib/forms/notices";
import { publicOrigin } from "@/lib/http/client";
import { mailLink } from "@/lib/mail/links";
import { accountDeletedMail, invitationMail } from "@/lib/mail/messages";
import { sendEach, sendMail } from "@/lib/mail/send-mail";
import { ROLE_LABELS } from "@/lib/model/permissions";
import {
  changeMemberRoleSchema,
  createInvitationSchema,
  joinInvitationSchema,
  memberMessages,
  removeMemberSchema,
  revokeInvitationSchema,
  signUpWithInvitationSchema,
  switchOrganizationSchema,
} from "@/lib/zod/schemas/members";
import { accountMessages, deleteAccountSchema } from "@/lib/zod/schemas/auth";
import { acceptInvitation } from "./accept-invitation";
import { changeMemberRole } from "./change-member-role";
import { createInvitation, MAILED_INVITATIONS_PER_DAY } from "./create-invitation";
import { deleteAccount } from "./delete-account";
import { findInvitation } from "./find-invitation";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";
import { activeOrganizationCookieOptions, switchOrganization } from "./switch-organization";

// The organisation is always the session's, of either kind. Managing members takes
// members:manage (owners and admins): checked here before the form is read, and again by the
// domain functions against the database, with which roles the actor may give or take (an admin
// never an owner's), so a direct POST by anyone else changes nothing either way.

const settingsPath = "/settings/members";
const manager = access.organization("any", "members:manage");
const revalidate = [settingsPath] as const;

export interface CreateInvitationState extends FormState {
  /** The link, in this one answer only: its token is never stored. */
  created?: { id: string; url: string; role: MemberRole };
}

/**
 * The notice of a refused management action; undefined (rethrown) for anything unexpected.
 * Refused for an owner's role or membership (a manager who is not an owner), or for the role
 * itself (the action's check, or the domain's when the role changed since the page loaded).
 */
function refusal(error: AppError, notFound: NoticeCode): string | undefined {
  const forbidden: NoticeCode = error.message === memberMessages.ownerOnly ? "owner-only" : "not-permitted";
  const code: NoticeCode | undefined =
    error.code === "forbidden" ? forbidden : error.code === "conflict" ? "last-owner" : error.code === "not_found" ? notFound : undefined;
  return code && noticeUrl(settingsPath, code);
}

/** What became of the mail of a new invitation. */
type InvitationMail = "none" | "sent" | "failed" | "unconfirmed" | "limit";

function invitationMessage(mailed: InvitationMail, email: string | undefined): string {
  const copy = "Copy the link now and send it yourself: it is shown only once.";
  switch (mailed) {
    case "none":
      return "Invitation link created. Copy it now: it is shown only once.";
    case "sent":
      return `Invitation link created and mailed to ${email}. You can also copy it now: it is shown only once.`;
    case "failed":
      return `Invitation link created, but the mail to ${email} could not be sent. ${copy}`;
    case "unconfirmed":
      return `Invitation link created, not mailed: confirm your own e-mail address first. ${copy}`;
    case "limit":
      return `Invitation link created, not mailed: an organisation mails at most ${MAILED_INVITATIONS_PER_DAY} invitations a day. ${copy}`;
  }
}

export const createInvitationAction = formAction({
  access: manager,
  schema: createInvitationSchema,
  run: async ({ role, email }, { organization, user }) => {
    // Only someone whose own address is confirmed has Marquee mail others.
    const sentTo = email && user.emailVerified ? email : undefined;
    const { invitation, token, mailTo, dailyMailLimitReached } = await createInvitation({ organizationId: organization.id, userId: user.id }, role, readDeps(), { sentTo });
    // Sent before answering, so the inviter learns whether it left: if not, they pass the link on.
    let mailed: InvitationMail = !email ? "none" : !sentTo ? "unconfirmed" : dailyMailLimitReached ? "limit" : "sent";
    if (mailTo) {
      const link = mailLink(`/invite/${token}`);
      mailed = await sendMail(invitationMail(mailTo, { organization: organization.name, inviter: user.name, role: ROLE_LABELS[role], link })).then(
        () => "sent" as const,
        () => "failed" as const, // sendMail logged why
      );
    }
    return { invitation, token, email, mailed, origin: publicOrigin(await headers()) ?? "http://localhost" };
  },
  done: ({ invitation, token, email, mailed, origin }): CreateInvitationState => ({
    status: mailed === "none" || mailed === "sent" ? "success" : "error",
    message: invitationMessage(mailed, email),
    created: { id: invitation.id, url: `${origin}/invite/${token}`, role: invitation.role },
  }),
  revalidate,
});

export const revokeInvitationAction = redirectAction({
  access: manager,
  schema: revokeInvitationSchema,
  invalid: noticeUrl(settingsPath, "invitation-not-found"),
  run: ({ invitationId }, { organization, user }) => revokeInvitation({ organizationId: organization.id, userId: user.id }, invitationId, readDeps()),
  done: () => noticeUrl(settingsPath, "invitation-revoked"),
  refused: (error) => refusal(error, "invitation-not-found"),
  revalidate,
});

export const changeMemberRoleAction = redirectAction({
  access: manager,
  schema: changeMemberRoleSchema,
  invalid: noticeUrl(settingsPath, "member-not-found"),
  run: ({ membershipId, role }, { organization, user }) => changeMemberRole({ organizationId: organization.id, userId: user.id }, membershipId, role, domainDeps()),
  done: () => noticeUrl(settingsPath, "role-changed"),
  refused: (error) => refusal(error, "member-not-found"),
  revalidate,
});

export const removeMemberAction = redirectAction({
  access: manager,
  schema: removeMemberSchema,
  invalid: noticeUrl(settingsPath, "member-not-found"),
  run: ({ membershipId }, { organization, user }) => removeMember({ organizationId: organization.id, userId: user.id }, membershipId, domainDeps()),
  done: () => noticeUrl(settingsPath, "member-removed"),
  refused: (error) => refusal(error, "member-not-found"),
  revalidate,
});

/**
 * The organisation switcher (signed-in header): a user in several organisations works in the one
 * chosen, kept in a cookie that lib/auth/session.ts honours only while they are a member. Set
 * only after the membership is checked; then home, which is that organisation's.
 */
export const switchOrganizationAction = redirectAction({
  access: access.user,
  schema: switchOrganizationSchema,
  invalid: noticeUrl("/dashboard", "organization-not-found"),
  run: async ({ organizationId }, { user }) => {
    const organization = await switchOrganization(user.id, organizationId, readDeps());
    (await cookies()).set(ACTIVE_ORGANIZATION_COOKIE, organization.id, activeOrganizationCookieOptions());
  },
  done: (_result, { next }) => next ?? "/dashboard",
  refused: (error) => (error.code === "not_found" ? noticeUrl("/dashboard", "organization-not-found") : undefined),
});

/** A signed-in user joins the inviting organisation. */
export const joinInvitationAction = formAction({
  access: access.user,
  schema: joinInvitationSchema,
  // The form is the link's token alone: nothing typed to keep, and one message for a bad one.
  invalid: () => failed(memberMessages.invitationInvalid),
  refill: false,
  run: ({ token }, { user }) => acceptInvitation(token, user.id, readDeps()),
  done: () => redirectTo("/dashboard"),
});

/**
 * Sign-up through an invitation: the new account joins the inviting organisation instead of
 * creating one. It answers as the ordinary sign-up does (lib/auth/actions.ts), the same whether
 * or not the address has an account — "check your inbox" — so the form tells nobody who has
 * one; an existing account joins nothing here (its owner signs in and opens the link again).
 */
export const signUpWithInvitationAction = formAction({
  access: access.signedOut("You are already signed in: reload the page to join with this account."),
  schema: signUpWithInvitationSchema,
  run: async ({ name, email, password, token }) => {
    // Checked first so a dead link creates no account.
    if (!(await findInvitation(token, readDeps()))) throw new AppError("gone", memberMessages.invitationInvalid);
    const outcome = await createAccount({ name, email, password }, await headers());
    if (!outcome.created) return;
    try {
      await acceptInvitation(token, outcome.userId, readDeps());
    } catch (error) {
      // The link died between the check and now (used or revoked): without an organisation the
      // account is unusable, so take it back, as the ordinary sign-up does.
      await prisma.user.delete({ where: { id: outcome.userId } }).catch(() => {});
      throw error;
    }
  },
  done: () => redirectTo(CHECK_EMAIL_PATH),
});

/**
 * Settings → Security: the person deletes their own account, after their password (checked by
 * better-auth, each attempt counted against the client's sign-in limit). What goes with it and
 * what refuses it: lib/members/delete-account.ts. The address gets a last mail; the browser's
 * session went with the account, and its cookie is dropped.
 */
export const deleteAccountAction = formAction({
  access: access.user,
  schema: deleteAccountSchema,
  invalid: (error, formData) => ({ ...validationFailed(error, formData), values: undefined }),
  refill: false,
  run: async ({ deletionPassword }, { user }) => {
    const requestHeaders = authHeaders(await headers());
    try {
      await auth().api.verifyPassword({ body: { password: deletionPassword }, headers: requestHeaders });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      if (error.status === "TOO_MANY_REQUESTS") throw new AppError("rate_limited", error.message);
      throw new AppError("unprocessable_entity", accountMessages.passwordWrong, { details: { field: "deletionPassword" } });
    }
    const plan = await deleteAccount(user.id, domainDeps());
    await sendEach([accountDeletedMail(user.email, { organizations: plan.deleted.map((organization) => organization.name) })]);
    const jar = await cookies();
    for (const { name } of jar.getAll()) if (name.includes("better-auth") || name === ACTIVE_ORGANIZATION_COOKIE) jar.delete(name);
  },
  done: () => redirectTo(noticeUrl("/sign-in", "account-deleted")),
});
