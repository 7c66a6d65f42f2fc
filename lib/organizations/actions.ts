"use server";

import { access, redirectAction } from "@/lib/auth/server-action";
import { readDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { twoFactorRequirementSchema } from "@/lib/zod/schemas/two-factor";
import { setTwoFactorRequirement } from "./set-two-factor-requirement";

// The organisation's settings, for those whose role may change them (owners): the organisation
// is the one the signed-in user works in, never one named by the form.

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
