import type { Metadata } from "next";
import { PublisherVisibilityForm } from "@/components/admin/publisher-visibility-form";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { listAccounts } from "@/lib/admin/list-accounts";
import { operatorTimeZone } from "@/lib/auth/operator-time-zone";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { formatDate } from "@/lib/format/date";
import { plural } from "@/lib/format/number";

export const metadata: Metadata = { title: "Accounts" };

const kindLabel = { ADVERTISER: "Advertiser", PUBLISHER: "Publisher" } as const;

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const [, { notice }] = await Promise.all([requireAdmin(), searchParams]);
  const [{ users, organizations, userCount, organizationCount }, zone] = await Promise.all([listAccounts(readDeps()), operatorTimeZone()]);

  return (
    <>
      <PageHeader title="Accounts" description={`${plural(userCount, "user")} in ${plural(organizationCount, "organisation")}. ${zone.label}`} />
      <Notice code={notice} />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="users-heading" className="flex flex-col gap-3">
          <h2 id="users-heading" className="font-semibold text-slate-900">
            Users
          </h2>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>E-mail</Th>
                <Th>Organisations</Th>
                <Th>Platform role</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <Td className="font-medium">{user.name}</Td>
                  <Td>{user.email}</Td>
                  <Td>
                    {user.memberships.length === 0 ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <ul className="flex flex-col gap-1">
                        {user.memberships.map((membership) => (
                          <li key={membership.organization.id} className="flex items-center gap-2">
                            {membership.organization.name}
                            <Badge tone={membership.organization.kind === "ADVERTISER" ? "blue" : "green"}>{kindLabel[membership.organization.kind]}</Badge>
                            <span className="text-xs text-slate-500">{membership.role === "OWNER" ? "owner" : "member"}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Td>
                  <Td>{user.role === "admin" ? <Badge tone="yellow">Operator</Badge> : <span className="text-slate-600">User</span>}</Td>
                  <Td className="tabular-nums">{formatDate(user.createdAt, zone.timeZone)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {users.length < userCount ? <p className="text-sm text-slate-600">Showing the first {users.length} of {userCount} users.</p> : null}
        </section>

        <section aria-labelledby="organizations-heading" className="flex flex-col gap-3">
          <h2 id="organizations-heading" className="font-semibold text-slate-900">
            Organisations
          </h2>
          <Table caption="Organisations">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Kind</Th>
                <Th className="text-right">Members</Th>
                <Th className="text-right">Campaigns</Th>
                <Th className="text-right">Sites</Th>
                <Th>Created</Th>
                <Th>Advertisers</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {organizations.map((organization) => (
                <tr key={organization.id}>
                  <Td className="font-medium">{organization.name}</Td>
                  <Td>
                    <Badge tone={organization.kind === "ADVERTISER" ? "blue" : "green"}>{kindLabel[organization.kind]}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{organization._count.memberships}</Td>
                  <Td className="text-right tabular-nums">{organization._count.campaigns}</Td>
                  <Td className="text-right tabular-nums">{organization._count.sites}</Td>
                  <Td className="tabular-nums">{formatDate(organization.createdAt, zone.timeZone)}</Td>
                  <Td>{organization.kind === "PUBLISHER" ? <PublisherVisibilityForm organization={organization} /> : <span className="text-slate-500">—</span>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="text-sm text-slate-600">A test publisher&apos;s placements are not offered in advertisers&apos; targeting; campaigns that already target them keep them until edited away.</p>
          {organizations.length < organizationCount ? (
            <p className="text-sm text-slate-600">
              Showing the first {organizations.length} of {organizationCount} organisations.
            </p>
          ) : null}
        </section>
      </div>
    </>
  );
}
