import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { prisma } from "@/lib/db";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { auth } from "./auth";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

export interface OrganizationContext {
  user: SessionUser;
  organization: { id: string; name: string; kind: OrganizationKind };
  role: "OWNER" | "MEMBER";
}

/** The signed-in user of this request, or null (read once per request). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, role: (session.user as { role?: string }).role ?? "user" };
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") redirect("/dashboard");
  return user;
}

/** The organisation the user works in (read once per request). */
export const currentOrganization = cache(async (): Promise<OrganizationContext | null> => {
  const user = await currentUser();
  if (!user) return null;
  const membership = await prisma.membership.findFirst({
    where: { userId: user.id },
    include: { organization: { select: { id: true, name: true, kind: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) return null;
  return { user, organization: membership.organization, role: membership.role };
});

/**
 * The signed-in user's organisation of the given kind ("any": advertiser or publisher, for
 * the settings both share). Every advertiser and publisher page and action starts here, and
 * scopes every query by `organization.id`.
 */
export async function requireOrganization(kind: OrganizationKind | "any"): Promise<OrganizationContext> {
  await requireUser();
  const context = await currentOrganization();
  if (!context || (kind !== "any" && context.organization.kind !== kind)) redirect("/dashboard");
  return context;
}
