import { env } from "@/lib/config/env";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { memberMessages } from "@/lib/zod/schemas/members";

/**
 * How the switcher's choice is kept (lib/auth/session.ts ACTIVE_ORGANIZATION_COOKIE): out of
 * scripts' reach, sent on top-level navigations, over HTTPS only in production, for every page.
 * It is a preference, never a grant: every request checks the membership again.
 */
export function activeOrganizationCookieOptions() {
  return { httpOnly: true, sameSite: "lax", secure: env().NODE_ENV === "production", path: "/", maxAge: 60 * 60 * 24 * 365 } as const;
}

/**
 * The organisation the user switches to, if they are a member of it: an id from a form is
 * untrusted, and one of an organisation they do not belong to is not found (nothing is set).
 */
export async function switchOrganization(userId: string, organizationId: string, deps: ReadDeps): Promise<{ id: string; kind: OrganizationKind }> {
  const membership = await deps.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { organization: { select: { id: true, kind: true } } },
  });
  if (!membership) throw new AppError("not_found", memberMessages.notAMember);
  return membership.organization;
}
