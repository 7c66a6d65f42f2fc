import Link from "next/link";
import { signOut } from "@/lib/auth/actions";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { NavLink } from "./nav-link";

const navigation: Record<OrganizationKind | "ADMIN", Array<{ href: string; label: string }>> = {
  ADVERTISER: [
    { href: "/advertiser", label: "Overview" },
    { href: "/advertiser/campaigns", label: "Campaigns" },
    { href: "/advertiser/reports", label: "Reports" },
    { href: "/settings/api-keys", label: "API keys" },
    { href: "/settings/members", label: "Members" },
    { href: "/settings/organization", label: "Organisation" },
  ],
  PUBLISHER: [
    { href: "/publisher", label: "Overview" },
    { href: "/publisher/sites", label: "Sites & placements" },
    { href: "/publisher/reports", label: "Reports" },
    { href: "/settings/api-keys", label: "API keys" },
    { href: "/settings/members", label: "Members" },
    { href: "/settings/organization", label: "Organisation" },
  ],
  ADMIN: [
    { href: "/admin", label: "Accounts" },
    { href: "/admin/review", label: "Creative review" },
    { href: "/admin/traffic", label: "Invalid traffic" },
    { href: "/admin/health", label: "System health" },
    { href: "/admin/outbox", label: "Outbox" },
  ],
};

export function AppShell({
  userName,
  organization,
  isAdmin,
  children,
}: {
  userName: string;
  organization: { name: string; kind: OrganizationKind } | null;
  isAdmin: boolean;
  children: React.ReactNode;
}) {
  const links = [...(organization ? navigation[organization.kind] : []), ...(isAdmin ? navigation.ADMIN : [])];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-3">
            <Link href="/dashboard" className="font-semibold tracking-tight">
              Marquee
            </Link>
            {organization ? <span className="hidden text-sm text-slate-500 sm:inline">{organization.name}</span> : null}
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-slate-600 sm:inline">{userName}</span>
            <Link href="/settings/security" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
              Security
            </Link>
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <nav aria-label="Main" className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 pb-2">
          {links.map((link) => (
            <NavLink key={link.href} href={link.href}>
              {link.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
