import Link from "next/link";
import { signOut } from "@/lib/auth/actions";
import type { MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/model/permissions";
import { NavLink } from "./nav-link";
import { OrganizationSwitcher, type SwitchableOrganization } from "./organization-switcher";

/** The main menu; a link with a permission shows only to roles that have it (lib/model/permissions.ts). */
const navigation: Record<OrganizationKind | "ADMIN", Array<{ href: string; label: string; permission?: Permission }>> = {
  ADVERTISER: [
    { href: "/advertiser", label: "Overview" },
    { href: "/advertiser/campaigns", label: "Campaigns", permission: "campaigns:read" },
    { href: "/advertiser/reports", label: "Reports" },
    { href: "/settings/api-keys", label: "API keys", permission: "api_keys:create" },
    { href: "/settings/members", label: "Members" },
    { href: "/settings/organization", label: "Organisation" },
    { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
  ],
  PUBLISHER: [
    { href: "/publisher", label: "Overview" },
    { href: "/publisher/sites", label: "Sites & placements", permission: "inventory:read" },
    { href: "/publisher/reports", label: "Reports" },
    { href: "/settings/api-keys", label: "API keys", permission: "api_keys:create" },
    { href: "/settings/members", label: "Members" },
    { href: "/settings/organization", label: "Organisation" },
    { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
  ],
  ADMIN: [
    { href: "/admin", label: "Accounts" },
    { href: "/admin/operators", label: "Operators" },
    { href: "/admin/review", label: "Creative review" },
    { href: "/admin/traffic", label: "Invalid traffic" },
    { href: "/admin/health", label: "System health" },
    { href: "/admin/outbox", label: "Outbox" },
    { href: "/admin/audit", label: "Audit log" },
  ],
};

export function AppShell({
  userName,
  organization,
  role,
  organizations,
  isAdmin,
  children,
}: {
  userName: string;
  organization: { id: string; name: string; kind: OrganizationKind } | null;
  /** The user's role in `organization`. */
  role: MemberRole | null;
  /** Every organisation the user belongs to: with more than one, the switcher shows. */
  organizations: SwitchableOrganization[];
  isAdmin: boolean;
  children: React.ReactNode;
}) {
  const organizationLinks = organization && role ? navigation[organization.kind].filter((link) => !link.permission || can(role, link.permission)) : [];
  const links = [...organizationLinks, ...(isAdmin ? navigation.ADMIN : [])];
  return (
    <div className="min-h-screen">
      {/* The first tab stop of every page: past the header and the menu, to the page itself. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow ring-2 ring-brand-500 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-3">
            <Link href="/dashboard" className="font-semibold tracking-tight">
              Marquee
            </Link>
            {organization && organizations.length > 1 ? (
              <OrganizationSwitcher organizations={organizations} activeId={organization.id} />
            ) : organization ? (
              <span className="hidden text-sm text-slate-500 sm:inline">{organization.name}</span>
            ) : null}
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
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">{children}</main>
    </div>
  );
}
