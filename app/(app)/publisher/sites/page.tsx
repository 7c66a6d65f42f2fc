import type { Metadata } from "next";
import Link from "next/link";
import { SiteForm } from "@/components/publisher/site-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { readDeps } from "@/lib/cache/deps";
import { listSites } from "@/lib/sites/list-sites";

export const metadata: Metadata = { title: "Sites & placements" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("PUBLISHER", "inventory:read");
  const canWrite = can(role, "inventory:write");
  const [sites, { notice }] = await Promise.all([listSites(organization.id, readDeps()), searchParams]);

  return (
    <>
      <PageHeader title="Sites & placements" description="Each placement is one ad slot on a page of your site, with its own embed snippet." />
      <Notice code={notice} />
      <div className={canWrite ? "grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" : undefined}>
        <section aria-labelledby="sites-heading" className="flex min-w-0 flex-col gap-3">
          <h2 id="sites-heading" className="sr-only">
            Your sites
          </h2>
          {sites.length === 0 ? (
            <EmptyState title="No sites yet" description="Add the site where you will show ads: its name and its domain." />
          ) : (
            <Table caption="Your sites">
              <thead>
                <tr>
                  <Th>Site</Th>
                  <Th>Domain</Th>
                  <Th className="text-right">Live placements</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {sites.map((site) => (
                  <tr key={site.id}>
                    <Td>
                      <Link href={`/publisher/sites/${site.id}`} className="font-medium text-brand-600 hover:text-brand-700">
                        {site.name}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs">{site.domain}</Td>
                    <Td className="text-right tabular-nums">{site.placements.filter((placement) => placement.archivedAt === null).length}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        {canWrite ? (
          <Card className="self-start">
            <h2 className="mb-4 font-semibold text-slate-900">Add a site</h2>
            <SiteForm />
          </Card>
        ) : null}
      </div>
    </>
  );
}
