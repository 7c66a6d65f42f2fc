"use server";

import { access, formAction, redirectAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { campaignMailSchema, organizationTimeZoneSchema } from "@/lib/zod/schemas/organizations";
import { twoFactorRequirementSchema } from "@/lib/zod/schemas/two-factor";
import { setCampaignMail } from "./campaign-mail";
import { setTimeZone } from "./set-time-zone";
import { setTwoFactorRequirement } from "./set-two-factor-requirement";

// The organisation's settings, for those whose role may change them (owners), and each member's
// own mail about its campaigns: the organisation is the one the signed-in user works in, never
// one named by the form.

const settingsPath = "/settings/organization";

export const setTwoFactorRequirementAction = redirectAction({
  access: access.organization("any", "organization:manage"),
  schema: twoFactorRequirementSchema,
  invalid: settingsPath,
  run: ({ requireTwoFactor }, { organization, user }) => setTwoFactorRequirement({ organizationId: organization.id, user }, requireTwoFactor, readDeps()),
  done: (_result, { requireTwoFactor }) => noticeUrl(settingsPath, requireTwoFactor ? "two-factor-requirement-on" : "two-factor-requirement-off"),
  refused: (error) => (error.code === "conflict" ? noticeUrl(settingsPath, "own-two-factor-first") : error.code === "forbidden" ? noticeUrl(settingsPath, "owner-only-setting") : undefined),
  revalidate: [settingsPath],
});

/** A member's own mail about the organisation's campaigns (those who may edit them), on or off. */
export const setCampaignMailAction = redirectAction({
  access: access.organization("ADVERTISER", "campaigns:write"),
  schema: campaignMailSchema,
  invalid: settingsPath,
  run: ({ campaignMail }, { organization, user }) => setCampaignMail({ organizationId: organization.id, userId: user.id }, campaignMail, readDeps()),
  done: (_result, { campaignMail }) => noticeUrl(settingsPath, campaignMail ? "campaign-mail-on" : "campaign-mail-off"),
  revalidate: [settingsPath],
});

/** The time zone (owners and admins): a form with its error under the field; dates everywhere follow it. */
export const setTimeZoneAction = formAction({
  access: access.organization("any", "organization:time_zone"),
  schema: organizationTimeZoneSchema,
  run: ({ timeZone }, { organization, user }) => setTimeZone({ organizationId: organization.id, user }, timeZone, domainDeps()),
  done: () => redirectTo(noticeUrl(settingsPath, "time-zone-changed")),
  revalidate: ["/", "layout"],
});
