import { AppShell } from "@/components/layout/app-shell";
import { VerificationBanner } from "@/components/auth/verification-banner";
import { organizationIsVerified } from "@/lib/auth/organization-verified";
import { currentOrganization, requireUser } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const context = await currentOrganization();
  const organization = context ? { ...context.organization, verified: await organizationIsVerified(context.organization.id, readDeps()) } : null;
  return (
    <AppShell userName={user.name} organization={context?.organization ?? null} isAdmin={user.role === "admin"}>
      <VerificationBanner emailVerified={user.emailVerified} organization={organization} />
      {children}
    </AppShell>
  );
}
