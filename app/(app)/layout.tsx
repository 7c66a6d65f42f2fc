import { AppShell } from "@/components/layout/app-shell";
import { currentOrganization, requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const context = await currentOrganization();
  return (
    <AppShell userName={user.name} organization={context?.organization ?? null} isAdmin={user.role === "admin"}>
      {children}
    </AppShell>
  );
}
