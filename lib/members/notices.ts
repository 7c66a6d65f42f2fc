// Messages after a member action redirected (`?notice=<code>`). Unknown codes show nothing.

const notices = {
  "invitation-revoked": "Invitation revoked. Its link no longer works.",
  "invitation-not-found": "That invitation was not found. Nothing was changed.",
  "role-changed": "Role changed.",
  "member-removed": "Member removed from the organisation.",
  "member-not-found": "That member was not found. Nothing was changed.",
  "last-owner": "An organisation needs at least one owner: make another member an owner first. Nothing was changed.",
  "owner-only": "Only an owner of the organisation can manage its members. Nothing was changed.",
} as const;

export type MemberNoticeCode = keyof typeof notices;

export function memberNotice(code: string | string[] | undefined): string | null {
  return typeof code === "string" && Object.hasOwn(notices, code) ? notices[code as MemberNoticeCode] : null;
}
