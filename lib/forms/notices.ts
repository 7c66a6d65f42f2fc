// What a page says after an action redirected to it with `?notice=<code>`: one table for every
// area (the codes are unique across them). An action names the code (noticeUrl), the page shows
// it (components/ui/notice.tsx); a code that is not here shows nothing.

import type { AppError } from "@/lib/errors";

export type NoticeTone = "success" | "error";

export interface Notice {
  tone: NoticeTone;
  message: string;
}

const notices = {
  // Advertiser: campaigns and their creatives.
  "campaign-created": { tone: "success", message: "Campaign created. Add a creative: it serves once an operator approves it." },
  "campaign-updated": { tone: "success", message: "Campaign saved." },
  "campaign-paused": { tone: "success", message: "Campaign paused. It stops serving within a second." },
  "campaign-resumed": { tone: "success", message: "Campaign resumed." },
  "campaign-activated": { tone: "success", message: "Campaign started. It serves once a creative is approved." },
  "campaign-archived": { tone: "success", message: "Campaign archived. Restore brings it back, paused, from the Archived list." },
  "campaign-restored": { tone: "success", message: "Campaign restored, paused: it serves again once you resume it." },
  "campaign-duplicated": { tone: "success", message: "Campaign duplicated as a draft. Its creatives wait for review again." },
  "creative-created": { tone: "success", message: "Creative added. It serves once an operator approves it." },
  "creative-updated": { tone: "success", message: "Creative saved." },
  "creative-resubmitted": { tone: "success", message: "Creative saved. Its new content waits for review and serves once approved." },
  "creative-archived": { tone: "success", message: "Creative archived. It no longer serves." },
  "campaign-not-found": { tone: "error", message: "That campaign was not found. Nothing was changed." },
  "creative-not-found": { tone: "error", message: "That creative was not found. Nothing was changed." },
  "status-refused": { tone: "error", message: "That change is not possible in the campaign’s current status. Nothing was changed." },
  // Publisher: sites and placements.
  "site-created": { tone: "success", message: "Site added. Add a placement to get its embed snippet." },
  "site-updated": { tone: "success", message: "Site saved." },
  "placement-created": { tone: "success", message: "Placement created. Paste the snippet below into your pages." },
  "placement-updated": { tone: "success", message: "Placement saved." },
  "placement-archived": { tone: "success", message: "Placement archived. It no longer shows ads." },
  // Operator: creative review.
  "creative-approved": { tone: "success", message: "Creative approved. It can serve from now on." },
  "creative-rejected": { tone: "success", message: "Creative rejected. The advertiser sees your reason." },
  // Operator: the first operator account, and who is an operator.
  "operator-set-up": { tone: "success", message: "Your operator account is ready: sign in with it. The setup link no longer works." },
  "operator-granted": { tone: "success", message: "The account is an operator now. It sees the operator pages from its next page load." },
  "operator-revoked": { tone: "success", message: "The account is no longer an operator." },
  "operator-not-found": { tone: "error", message: "That account is not an operator. Nothing was changed." },
  "last-operator": { tone: "error", message: "Marquee needs at least one operator: make another account an operator first. Nothing was changed." },
  // Operator: test publishers, kept out of advertisers' targeting.
  "publisher-hidden": { tone: "success", message: "Marked as a test publisher: advertisers no longer see its placements." },
  "publisher-shown": { tone: "success", message: "Advertisers see this publisher's placements again." },
  "publisher-not-found": { tone: "error", message: "That publisher was not found. Nothing was changed." },
  // Settings: members and invitations.
  "invitation-revoked": { tone: "success", message: "Invitation revoked. Its link no longer works." },
  "invitation-not-found": { tone: "error", message: "That invitation was not found. Nothing was changed." },
  "role-changed": { tone: "success", message: "Role changed." },
  "member-removed": { tone: "success", message: "Member removed from the organisation." },
  "member-not-found": { tone: "error", message: "That member was not found. Nothing was changed." },
  "last-owner": { tone: "error", message: "An organisation needs at least one owner: make another member an owner first. Nothing was changed." },
  "owner-only": { tone: "error", message: "Only an owner of the organisation can make, change or remove an owner. Nothing was changed." },
  "organization-not-found": { tone: "error", message: "That organisation is not one of yours. Nothing was changed." },
  // Any area: the role of the one who pressed the button does not allow it (lib/model/permissions.ts).
  "not-permitted": { tone: "error", message: "Your role does not allow this: ask an owner or an admin of the organisation. Nothing was changed." },
  // Settings: API keys.
  "key-revoked": { tone: "success", message: "API key revoked. Requests with it are refused from now on." },
  "key-not-found": { tone: "error", message: "That API key was not found. Nothing was changed." },
  // Accounts: e-mail confirmation and password recovery.
  "email-verified": { tone: "success", message: "Your e-mail address is confirmed. Your organisation’s campaigns can serve and its placements earn." },
  "password-reset": { tone: "success", message: "Your password is changed and every session of your account has ended. Sign in with the new password." },
  "account-deleted": { tone: "success", message: "Your account is deleted, with the organisations of which you were the only member. We sent a last mail to your address to say so." },
  "key-not-yours": { tone: "error", message: "You may revoke only the API keys you created; an owner or an admin can revoke anyone's. Nothing was changed." },
  // Settings: two-factor authentication (one's own, and the organisation's requirement).
  "two-factor-required": { tone: "error", message: "Your organisation requires two-factor authentication. Turn it on below to continue working in it." },
  "two-factor-disabled": { tone: "success", message: "Two-factor authentication is off. Signing in now takes only your password." },
  "recovery-code-used": { tone: "success", message: "Signed in with a recovery code. That code no longer works: make new ones below if you are running low." },
  "two-factor-requirement-on": { tone: "success", message: "Two-factor authentication is now required: members without it are asked to turn it on before they continue." },
  "own-two-factor-first": {
    tone: "error",
    message: "Turn on two-factor authentication for your own account first (Settings → Security), so that the requirement cannot lock you out. Nothing was changed.",
  },
  "owner-only-setting": { tone: "error", message: "Only an owner of the organisation can change its settings. Nothing was changed." },
  "campaign-mail-on": { tone: "success", message: "You get mail about this organisation's campaigns again: rejected creatives and spent budgets." },
  "campaign-mail-off": { tone: "success", message: "You no longer get mail about this organisation's campaigns. The overview still lists what needs attention." },
  "two-factor-requirement-off": { tone: "success", message: "Two-factor authentication is no longer required. Members who use it keep it on." },
  "time-zone-changed": { tone: "success", message: "Time zone saved: dates are now shown and entered in it, and campaigns keep its days and hours." },
} as const satisfies Record<string, Notice>;

export type NoticeCode = keyof typeof notices;

/** The notice a `?notice=` value names, or null (missing, repeated or unknown). */
export function noticeFor(code: string | string[] | undefined): Notice | null {
  return typeof code === "string" && Object.hasOwn(notices, code) ? notices[code as NoticeCode] : null;
}

/** Where an action sends the browser so that the page there says `code`. */
export function noticeUrl(path: string, code: NoticeCode): string {
  return `${path}?notice=${code}`;
}

/**
 * Where a button form's refusal sends the browser (redirectAction's `refused`): a role without
 * the permission, and a record not found, are told on `path`; anything else is unexpected
 * (undefined: rethrown).
 */
export function refusalUrl(path: string, error: AppError, notFound: NoticeCode): string | undefined {
  if (error.code === "forbidden") return noticeUrl(path, "not-permitted");
  return error.code === "not_found" ? noticeUrl(path, notFound) : undefined;
}
