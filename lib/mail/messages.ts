import type { MailMessage } from "./send-mail";

// Every mail Marquee sends, in one place: plain, short, one link.

const signature = "\n\n— Marquee";

export function verifyEmailMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: "Confirm your e-mail address",
    text: `Confirm your address to let your organisation's campaigns serve and its placements earn:\n\n${link}\n\nThe link works once, for 24 hours. If you did not sign up for Marquee, ignore this mail.${signature}`,
  };
}

export function resetPasswordMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: "Reset your password",
    text: `Choose a new password here:\n\n${link}\n\nThe link works once, for one hour, and signs you out everywhere else. If you did not ask for it, ignore this mail: your password stays as it is.${signature}`,
  };
}

/** After a signed-in person changed the password: so that the owner of the address learns of a change they did not make. */
export function passwordChangedMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: "Your Marquee password was changed",
    text: `The password of your Marquee account was just changed, and every other browser signed in to it was signed out. If that was you, there is nothing to do.\n\nIf it was not you, someone is signed in as you: choose a new password here at once (it signs out everyone, them included), then turn on two-factor authentication in Settings → Security:\n\n${link}${signature}`,
  };
}

/** The last mail to a deleted account's address: what went with it. */
export function accountDeletedMail(to: string, deleted: { organizations: string[] }): MailMessage {
  const organizations = deleted.organizations.length > 0 ? ` with ${deleted.organizations.map((name) => `“${name}”`).join(", ")}, of which you were the only member` : "";
  return {
    to,
    subject: "Your Marquee account was deleted",
    text: `Your Marquee account was deleted, as you asked,${organizations}. You can no longer sign in with this address; you may sign up again at any time.\n\nIf you did not delete it, someone signed in as you did: tell the operators of this Marquee.${signature}`,
  };
}

/** To an existing account's address when someone signs up with it (the page says the same either way). */
export function alreadyRegisteredMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: "You already have a Marquee account",
    text: `Someone (perhaps you) tried to sign up with this address, which already has an account. To get back in, reset your password:\n\n${link}\n\nIf it was not you, ignore this mail.${signature}`,
  };
}

/** The link of a new invitation, to the address its inviter gave. */
export function invitationMail(to: string, invitation: { organization: string; inviter: string; role: string; link: string }): MailMessage {
  return {
    to,
    subject: `You are invited to ${invitation.organization} on Marquee`,
    text: `${invitation.inviter} invites you to join ${invitation.organization} on Marquee as ${invitation.role}:\n\n${invitation.link}\n\nThe link works once, for 7 days. If you did not expect it, ignore this mail.${signature}`,
  };
}

/** Why a member gets mail about campaigns, and how they stop it (no second link: the mails keep one). */
function campaignMailFooter(organization: string): string {
  return `\n\nYou get this mail as a member of ${organization} who can edit its campaigns. To stop it, turn off "Mail about campaigns" under Settings → Organisation.`;
}

/** To each member who can edit the campaign: a rejected creative does not serve until it is edited and approved. */
export function creativeRejectedMail(to: string, rejected: { organization: string; creative: string; campaign: string; reason: string; link: string }): MailMessage {
  return {
    to,
    subject: `Creative rejected: ${rejected.creative}`,
    text: `The creative "${rejected.creative}" of the campaign "${rejected.campaign}" was rejected in review and does not serve. The reviewer wrote:\n\n${rejected.reason}\n\nEdit it here; saving sends it back to review:\n\n${rejected.link}${campaignMailFooter(rejected.organization)}${signature}`,
  };
}

/** To the same members: the campaign stopped serving when its total budget ran out (lib/tracking/budget-spent-mail.ts). */
export function budgetSpentMail(to: string, spent: { organization: string; campaign: string; budget: string; link: string }): MailMessage {
  return {
    to,
    subject: `Budget spent: ${spent.campaign}`,
    text: `The campaign "${spent.campaign}" has spent its total budget of ${spent.budget} and stopped serving. To let it serve again, raise its budget here:\n\n${spent.link}${campaignMailFooter(spent.organization)}${signature}`,
  };
}

/** To the same members, after a flight ends: what the campaign delivered, and its report (lib/campaigns/flight-ended-mail.ts). */
export function flightEndedMail(
  to: string,
  ended: { organization: string; campaign: string; endedOn: string; impressions: string; clicks: string; spent: string; budget: string | null; link: string },
): MailMessage {
  const cost = ended.budget === null ? "served free as a house ad" : `spent ${ended.spent} of its ${ended.budget} budget`;
  return {
    to,
    subject: `Campaign ended: ${ended.campaign}`,
    text: `The campaign "${ended.campaign}" reached the end of its flight on ${ended.endedOn}. It delivered ${ended.impressions} and ${ended.clicks}, and ${cost}. Its report, day by day:\n\n${ended.link}${campaignMailFooter(ended.organization)}${signature}`,
  };
}
