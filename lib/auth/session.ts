import "server-only";
import { cookies, headers } from "next/headers";
import { REQUEST_PATH_HEADER, signInPath } from "@/lib/http/local-path";
import { redirect } from "next/navigation";
import { cache } from "react";
import { prisma } from "@/lib/db";
import type { MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/model/permissions";
import { auth } from "./auth";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  kind: OrganizationKind;
  requireTwoFactor: boolean;
  /** IANA zone of every date its people see and enter (lib/format/time-zone.ts). */
  timeZone: string;
}

export interface OrganizationContext {
  user: SessionUser;
  organization: OrganizationSummary;
  role: MemberRole;
}

/**
 * The organisation a user in several works in: its id in this cookie, set by the switcher
 * (lib/members/actions.ts switchOrganizationAction). Only a preference: it is honoured only
 * while the user is a member of that organisation, else the oldest membership is used.
 */
export const ACTIVE_ORGANIZATION_COOKIE = "marquee_org";

/**
 * The request's headers with its cookies as they are now. A server action that renews the
 * session (turning on two-factor authentication does: better-auth sets the new cookie through
 * cookies()) has the page re-rendered in the same request; Next updates cookies() for that
 * render but not headers(), whose old cookie names a session that no longer exists.
 */
async function sessionHeaders(): Promise<Headers> {
  const current = new Headers(await headers());
  current.set("cookie", (await cookies()).toString());
  return current;
}

/** The signed-in user of this request, or null (read once per request). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth().api.getSession({ headers: await sessionHeaders() });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string; twoFactorEnabled?: boolean | null };
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role ?? "user",
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  // Back to the page asked for once signed in (a link in a mail names one).
  if (!user) redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") redirect("/dashboard");
  return user;
}

const organizationSelect = { id: true, name: true, kind: true, requireTwoFactor: true, timeZone: true } as const;

/** Every organisation the user belongs to, oldest membership first (the switcher's list). */
export const userOrganizations = cache(async (userId: string): Promise<{ organization: OrganizationSummary; role: MemberRole }[]> => {
  return prisma.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: organizationSelect } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
});

/** The organisation the user works in (read once per request): the switcher's choice, else the oldest. */
export const currentOrganization = cache(async (): Promise<OrganizationContext | null> => {
  const user = await currentUser();
  if (!user) return null;
  const memberships = await userOrganizations(user.id);
  if (memberships.length === 0) return null;
  const chosen = (await cookies()).get(ACTIVE_ORGANIZATION_COOKIE)?.value;
  const membership = memberships.find((entry) => entry.organization.id === chosen) ?? memberships[0]!;
  return { user, organization: membership.organization, role: membership.role };
});

/** Where a member of an organisation that requires two-factor authentication sets it up first. */
export const TWO_FACTOR_SETUP_PATH = "/settings/security?notice=two-factor-required";

/**
 * The signed-in user's organisation of the given kind ("any": advertiser or publisher, for
 * the settings both share). Every advertiser and publisher page and action starts here, and
 * scopes every query by `organization.id`. A member of an organisation that requires
 * two-factor authentication who has not turned it on is sent to set it up; with `permission`,
 * a role without it is sent to the dashboard (pages: what a role may not do is not shown).
 */
export async function requireOrganization(kind: OrganizationKind | "any", permission?: Permission): Promise<OrganizationContext> {
  await requireUser();
  const context = await currentOrganization();
  if (!context || (kind !== "any" && context.organization.kind !== kind)) redirect("/dashboard");
  if (context.organization.requireTwoFactor && !context.user.twoFactorEnabled) redirect(TWO_FACTOR_SETUP_PATH);
  if (permission && !can(context.role, permission)) redirect("/dashboard");
  return context;
}
