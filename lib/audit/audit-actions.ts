// What the audit log records, written once: every action as "<record>.<verb>" with the words
// people read, and the kinds of record they are about. The column is text (a new action needs
// no migration); the type keeps every writer to this list.

export const AUDIT_TARGETS = {
  campaign: "Campaign",
  creative: "Creative",
  site: "Site",
  placement: "Placement",
  member: "Member",
  invitation: "Invitation",
  api_key: "API key",
  organization: "Organisation",
  operator: "Operator",
  account: "Account",
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGETS;

export const AUDIT_ACTIONS = {
  "campaign.created": "Created the campaign",
  "campaign.updated": "Edited the campaign",
  "campaign.activated": "Launched the campaign",
  "campaign.paused": "Paused the campaign",
  "campaign.resumed": "Resumed the campaign",
  "campaign.archived": "Archived the campaign",
  "campaign.restored": "Restored the campaign (paused)",
  "campaign.duplicated": "Created the campaign as a copy",
  "creative.created": "Added the creative",
  "creative.updated": "Edited the creative",
  "creative.archived": "Archived the creative",
  "creative.approved": "Approved the creative",
  "creative.rejected": "Rejected the creative",
  "site.created": "Added the site",
  "site.updated": "Edited the site",
  "placement.created": "Added the placement",
  "placement.updated": "Edited the placement",
  "placement.archived": "Archived the placement",
  "invitation.created": "Invited a member",
  "invitation.revoked": "Revoked an invitation",
  "member.joined": "Joined the organisation",
  "member.role_changed": "Changed the member's role",
  "member.removed": "Removed the member",
  "member.left": "Left the organisation (deleted their account)",
  "api_key.created": "Created the API key",
  "api_key.revoked": "Revoked the API key",
  "organization.updated": "Changed the organisation's settings",
  "organization.hidden_from_advertisers": "Marked as a test publisher: hidden from advertisers",
  "organization.shown_to_advertisers": "Offered to advertisers again (no longer a test publisher)",
  "operator.set_up": "Became the first operator (setup link)",
  "operator.granted": "Made the account an operator",
  "operator.revoked": "Took the operator role from the account",
  "account.deleted": "Deleted their account",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The record kind an action is about: the part before the dot. */
export function targetTypeOf(action: AuditAction): AuditTargetType {
  return action.slice(0, action.indexOf(".")) as AuditTargetType;
}

export function isAuditTargetType(value: string): value is AuditTargetType {
  return Object.hasOwn(AUDIT_TARGETS, value);
}

/** How a stored action reads; an action this version does not know is shown as stored. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction] : action;
}
