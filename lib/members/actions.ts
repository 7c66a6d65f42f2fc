"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { auth } from "@/lib/auth/auth";
import { authHeaders } from "@/lib/auth/auth-headers";
import { createAccount } from "@/lib/auth/create-account";
import { currentOrganization, currentUser, requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formEntries } from "@/lib/forms/form-entries";
import { failed, validationFailed, type FormState } from "@/lib/forms/form-state";
import type { NoticeCode } from "@/lib/forms/notices";
import { publicOrigin } from "@/lib/http/client";
import {
  changeMemberRoleSchema,
  createInvitationSchema,
  joinInvitationSchema,
  memberMessages,
  removeMemberSchema,
  revokeInvitationSchema,
  signUpWithInvitationSchema,
} from "@/lib/zod/schemas/members";
import { acceptInvitation } from "./accept-invitation";
import { changeMemberRole } from "./change-member-role";
import { createInvitation } from "./create-invitation";
import type { MemberActor } from "./assert-owner";
import { findInvitation } from "./find-invitation";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";

// The organisation is always the session's; whether the user is an OWNER is checked by the
// domain functions against the database, so a direct POST by a MEMBER changes nothing.

const settingsPath = "/settings/members";

export interface CreateInvitationState extends FormState {
  /** The link, in this one answer only: its token is never stored. */
  created?: { id: string; url: string; role: "MEMBER" | "OWNER" };
}

async function requireActor(): Promise<MemberActor> {
  const user = await requireUser();
  const context = await currentOrganization();
  if (!context) redirect("/dashboard");
  return { organizationId: context.organization.id, userId: user.id };
}

/** The notice code of a refused management action; anything unexpected is rethrown. */
function refusal(error: unknown, notFound: NoticeCode): NoticeCode {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "forbidden") return "owner-only";
  if (error.code === "conflict") return "last-owner";
  if (error.code === "not_found") return notFound;
  throw error;
}

export async function createInvitationAction(_previous: CreateInvitationState, formData: FormData): Promise<CreateInvitationState> {
  const actor = await requireActor();
  const parsed = createInvitationSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  try {
    const { invitation, token } = await createInvitation(actor, parsed.data.role, { prisma });
    const requestHeaders = await headers();
    const origin = publicOrigin(requestHeaders) ?? "http://localhost";
    revalidatePath(settingsPath);
    return {
      status: "success",
      message: "Invitation link created. Copy it now: it is shown only once.",
      created: { id: invitation.id, url: `${origin}/invite/${token}`, role: invitation.role },
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return failed(memberMessages.ownerOnly);
    throw error;
  }
}

export async function revokeInvitationAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const parsed = revokeInvitationSchema.safeParse(formEntries(formData));
  let code: NoticeCode = "invitation-revoked";
  if (!parsed.success) code = "invitation-not-found";
  else {
    try {
      await revokeInvitation(actor, parsed.data.invitationId, { prisma });
    } catch (error) {
      code = refusal(error, "invitation-not-found");
    }
  }
  revalidatePath(settingsPath);
  redirect(`${settingsPath}?notice=${code}`);
}

export async function changeMemberRoleAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const parsed = changeMemberRoleSchema.safeParse(formEntries(formData));
  let code: NoticeCode = "role-changed";
  if (!parsed.success) code = "member-not-found";
  else {
    try {
      await changeMemberRole(actor, parsed.data.membershipId, parsed.data.role, { prisma });
    } catch (error) {
      code = refusal(error, "member-not-found");
    }
  }
  revalidatePath(settingsPath);
  redirect(`${settingsPath}?notice=${code}`);
}

export async function removeMemberAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const parsed = removeMemberSchema.safeParse(formEntries(formData));
  let code: NoticeCode = "member-removed";
  if (!parsed.success) code = "member-not-found";
  else {
    try {
      await removeMember(actor, parsed.data.membershipId, { prisma });
    } catch (error) {
      code = refusal(error, "member-not-found");
    }
  }
  revalidatePath(settingsPath);
  redirect(`${settingsPath}?notice=${code}`);
}

/** A signed-in user joins the inviting organisation. */
export async function joinInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = joinInvitationSchema.safeParse(formEntries(formData));
  if (!parsed.success) return failed(memberMessages.invitationInvalid);
  try {
    await acceptInvitation(parsed.data.token, user.id, { prisma });
  } catch (error) {
    if (error instanceof AppError && (error.code === "gone" || error.code === "conflict")) return failed(error.message);
    throw error;
  }
  redirect("/dashboard");
}

/**
 * Sign-up through an invitation: the new account joins the inviting organisation instead of
 * creating one. Same limits and messages as the ordinary sign-up (lib/auth/actions.ts).
 */
export async function signUpWithInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (await currentUser()) return failed("You are already signed in: reload the page to join with this account.");
  const parsed = signUpWithInvitationSchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  const requestHeaders = await headers();
  const { name, email, password, token } = parsed.data;
  // Checked first so a dead link creates no account.
  if (!(await findInvitation(token, { prisma }))) return failed(memberMessages.invitationInvalid, formData);
  const account = await createAccount({ name, email, password }, { requestHeaders, formData, existsHint: "Sign in, then open this invitation link again." });
  if ("refused" in account) return account.refused;
  const { userId } = account;
  try {
    await acceptInvitation(token, userId, { prisma });
  } catch (error) {
    // The link died between the check and now (used or revoked): without an organisation the
    // account is unusable, so take it back, as the ordinary sign-up does.
    await prisma.user.delete({ where: { id: userId } }).catch(() => {});
    await auth().api.signOut({ headers: authHeaders(await headers()) }).catch(() => {});
    if (error instanceof AppError && error.code === "gone") return failed(error.message, formData);
    throw error;
  }
  redirect("/dashboard");
}
