import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatSize } from "@/components/publisher/format";
import { PlacementForm } from "@/components/publisher/placement-form";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { readDeps } from "@/lib/cache/deps";
import { formatPrice } from "@/lib/format/money";
import { formatCount } from "@/lib/format/number";
import { isOnDomains } from "@/lib/http/page";
import { getSite } from "@/lib/sites/get-site";
import { listOffDomainHosts, OFF_DOMAIN_DAYS, type OffDomainHost } from "@/lib/sites/list-off-domain-hosts";

export const metadata: Metadata = { title: "Site" };

export default async function SitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("PUBLISHER", "inventory:read");
  const canWrite = can(role, "inventory:write");
  const [{ id }, { notice }] = await Promise.all([params, searchParams]);
  const site = await getSite(organization.id, id, readDeps());
  if (!site) notFound();
  const offDomainHosts = await listOffDomainHosts(organization.id, { siteId: site.id }, readDeps());
  const domains = [site.domain, ...site.extraDomains];

  return (
    <>
      <Link href="/publisher/sites" className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900">
        ← Sites & placements
      </Link>
      <PageHeader
        title={site.name}
        description={domains.join(" · ")}
        actions={
          canWrite ? (
            <ButtonLink href={`/publisher/sites/${site.id}/edit`} variant="secondary">
              Edit site
            </ButtonLink>
          ) : undefined
        }
      />
      <Notice code={notice} />
      {site.blockedDomains.length > 0 ? (
        <p className="mb-4 text-sm break-words text-slate-600">Ads that lead to {site.blockedDomains.join(", ")} (or their subdomains) never show on this site.</p>
      ) : null}
      <div className={canWrite ? "grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" : undefined}>
        <section aria-labelledby="placements-heading" className="flex min-w-0 flex-col gap-3">
          <h2 id="placements-heading" className="font-semibold text-slate-900">
            Placements
          </h2>
          {site.placements.length === 0 ? (
            <EmptyState title="No placements yet" description="Create one for each ad slot on your pages; each gets its own snippet." />
          ) : (
            <Table caption={`Placements of ${site.name}`}>
              <thead>
                <tr>
                  <Th>Placement</Th>
                  <Th>Size</Th>
                  <Th>Keywords</Th>
                  <Th className="text-right">Floor (CPM)</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {site.placements.map((placement) => (
                  // Beside the form on a laptop (1,024 px) the column is ~600 px: a name and the
                  // keywords wrap (at most three lines of them; the placement's page has them all)
                  // rather than scroll the table sideways.
                  <tr key={placement.id} className="align-top">
                    <Td className="min-w-36 whitespace-normal">
                      <Link href={`/publisher/placements/${placement.id}`} className="font-medium text-brand-600 hover:text-brand-700">
                        {placement.name}
                      </Link>
                    </Td>
                    <Td className="tabular-nums">{formatSize(placement.width, placement.height)}</Td>
                    <Td className="min-w-32 whitespace-normal text-slate-600">
                      <span className="line-clamp-3">{placement.keywords.join(", ") || "—"}</span>
                    </Td>
                    <Td className="text-right tabular-nums">{formatPrice(placement.floorPriceMicros)}</Td>
                    <Td>{placement.archivedAt ? <Badge>Archived</Badge> : <Badge tone="green">Live</Badge>}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        {canWrite ? (
          <Card className="self-start">
            <h2 className="mb-4 font-semibold text-slate-900">Add a placement</h2>
            <PlacementForm siteId={site.id} />
          </Card>
        ) : null}
      </div>
      <OffDomainHosts siteId={site.id} hosts={offDomainHosts} domains={domains} canWrite={canWrite} />
    </>
  );
}

/** Pages off the site's domains where its placements' ads were seen: not billed; a domain of the publisher's own can be added. */
function OffDomainHosts({ siteId, hosts, domains, canWrite }: { siteId: string; hosts: OffDomainHost[]; domains: string[]; canWrite: boolean }) {
  return (
    <section aria-labelledby="off-domain-heading" className="mt-8 flex flex-col gap-3">
      <div>
        <h2 id="off-domain-heading" className="font-semibold text-slate-900">
          Seen off your domains (last {OFF_DOMAIN_DAYS} days)
        </h2>
        <p className="text-sm text-slate-600">
          Pages outside the site&apos;s domains (and their subdomains) where its ads were seen. These views and clicks are invalid traffic: they
          earn nothing. If a host is yours,{" "}
          {canWrite ? (
            <Link href={`/publisher/sites/${siteId}/edit`} className="font-medium text-brand-600 hover:text-brand-700">
              add it to the site&apos;s extra domains
            </Link>
          ) : (
            "add it to the site's extra domains"
          )}
          ; if it is not, someone else runs your snippet.
        </p>
      </div>
      {hosts.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          None: every ad was seen on your domains.
        </p>
      ) : (
        <Table caption={`Hosts off your domains where this site's ads were seen, last ${OFF_DOMAIN_DAYS} days`}>
          <thead>
            <tr>
              <Th>Host</Th>
              <Th className="text-right">Impressions</Th>
              <Th className="text-right">Clicks</Th>
              <Th>Note</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {hosts.map((row) => (
              <tr key={row.host}>
                <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-800">
                  {row.host === "" ? <span className="font-normal text-slate-600">No page named</span> : row.host}
                </th>
                <Td className="text-right tabular-nums">{formatCount(row.impressions)}</Td>
                <Td className="text-right tabular-nums">{formatCount(row.clicks)}</Td>
                <Td className="text-slate-600">
                  {row.host === ""
                    ? "The request named no page (no Origin or Referer): an app, a script or a privacy tool."
                    : isOnDomains(row.host, domains)
                      ? "On your domains now: new views here count."
                      : "—"}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
