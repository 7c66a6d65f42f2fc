import { z } from "zod";
import { emailSchema, nextPathSchema, signUpSchema } from "./auth";

// Members and invitations of an organisation. Ids come from hidden fields; the organisation
// always comes from the session, never from the form.

/** Most powerful first, as lib/model/permissions.ts ROLE_LABELS names them. */
export const memberRoles = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;

export const memberMessages = {
  role: "Choose a role: Owner, Admin, Member or Read-only.",
  membershipNotFound: "Member not found.",
  invitationNotFound: "Invitation not found.",
  invitationInvalid: "This invitation link is not valid: it expired, was used or was revoked.",
  ownerOnly: "Only an owner of the organisation can make, change or remove an owner.",
  roleNotAssignable: "Your role cannot give that role: an admin gives Admin, Member or Read-only.",
  lastOwner: "An organisation needs at least one owner: make another member an owner first.",
  notAMember: "You are not a member of that organisation.",
  alreadyMember: "You are already a member of this organisation.",
} as const;

const idSchema = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message);

export const memberRoleSchema = z.enum(memberRoles, { error: memberMessages.role });

/** 32 random bytes in base64url: 43 characters. Checked before any database lookup. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, memberMessages.invitationInvalid);

/** A role, and optionally the address the link is mailed to (empty: the inviter passes it on). */
export const createInvitationSchema = z.object({
  role: memberRoleSchema,
  email: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), emailSchema.optional()),
});

export const revokeInvitationSchema = z.object({ invitationId: idSchema(memberMessages.invitationNotFound) });

export const changeMemberRoleSchema = z.object({
  membershipId: idSchema(memberMessages.membershipNotFound),
  role: memberRoleSchema,
});

export const removeMemberSchema = z.object({ membershipId: idSchema(memberMessages.membershipNotFound) });

/** The switcher's choice, or a link's "Switch to …": an organisation id, checked against the user's memberships, and the page to go on to. */
export const switchOrganizationSchema = z.object({ organizationId: idSchema(memberMessages.notAMember), next: nextPathSchema });

export const joinInvitationSchema = z.object({ token: invitationTokenSchema });

/** Sign-up through an invitation: the organisation is the inviting one, not a new one. */
export const signUpWithInvitationSchema = signUpSchema.omit({ organizationName: true, kind: true, timeZone: true }).extend({ token: invitationTokenSchema });

export type MemberRoleInput = z.output<typeof memberRoleSchema>;
