import { AppShell } from "@/components/layout/app-shell";
import { VerificationBanner } from "@/components/auth/verification-banner";
import { organizationIsVerified } from "@/lib/auth/organization-verified";
import { currentOrganization, requireUser, userOrganizations } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [context, memberships] = await Promise.all([currentOrganization(), userOrganizations(user.id)]);
  const organizations = memberships.map(({ organization, role }) => ({ id: organization.id, name: organization.name, kind: organization.kind, role }));
  const organization = context ? { ...context.organization, verified: await organizationIsVerified(context.organization.id, readDeps()) } : null;
  return (
    <AppShell
      userName={user.name}
      organization={context?.organization ?? null}
      role={context?.role ?? null}
      organizations={organizations}
      isAdmin={user.role === "admin"}
    >
      <VerificationBanner emailVerified={user.emailVerified} organization={organization} />
      {children}
    </AppShell>
  );
}
