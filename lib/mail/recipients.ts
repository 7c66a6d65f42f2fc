import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/model/enums";
import { can, ROLE_PERMISSIONS } from "@/lib/model/permissions";

/** The roles that may act on a mail about a campaign (campaigns:write): owners, admins, members — not read-only ones. */
export const CAMPAIGN_EDITING_ROLES = (Object.keys(ROLE_PERMISSIONS) as MemberRole[]).filter((role) => can(role, "campaigns:write"));

/**
 * Who hears about an organisation's campaigns (a rejected creative, a spent budget, an ended flight): the
 * members who may edit them and have not turned that mail off (Settings → Organisation), at a
 * confirmed address only — an unconfirmed one may not be theirs. Oldest membership first.
 */
export async function campaignEditorAddresses(prisma: Pick<PrismaClient, "membership">, organizationId: string): Promise<string[]> {
  const memberships = await prisma.membership.findMany({
    where: { organizationId, role: { in: CAMPAIGN_EDITING_ROLES }, campaignMail: true, user: { emailVerified: true } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  return memberships.map(({ user }) => user.email);
}
