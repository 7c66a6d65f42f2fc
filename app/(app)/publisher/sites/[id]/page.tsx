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
import { prisma } from "@/lib/db";
import { microsToDecimal } from "@/lib/format/money";
import { getSite } from "@/lib/sites/get-site";
import { publisherNotice } from "@/lib/sites/notices";

export const metadata: Metadata = { title: "Site" };

export default async function SitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization } = await requireOrganization("PUBLISHER");
  const [{ id }, { notice }] = await Promise.all([params, searchParams]);
  const site = await getSite(organization.id, id, { prisma });
  if (!site) notFound();

  return (
    <>
      <Link href="/publisher/sites" className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900">
        ← Sites & placements
      </Link>
      <PageHeader
        title={site.name}
        description={site.domain}
        actions={
          <ButtonLink href={`/publisher/sites/${site.id}/edit`} variant="secondary">
            Edit site
          </ButtonLink>
        }
      />
      <Notice message={publisherNotice(notice)} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
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
                  <tr key={placement.id}>
                    <Td>
                      <Link href={`/publisher/placements/${placement.id}`} className="font-medium text-brand-600 hover:text-brand-700">
                        {placement.name}
                      </Link>
                    </Td>
                    <Td className="tabular-nums">{formatSize(placement.width, placement.height)}</Td>
                    <Td className="max-w-56 truncate text-slate-600">{placement.keywords.join(", ") || "—"}</Td>
                    <Td className="text-right tabular-nums">${microsToDecimal(placement.floorPriceMicros)}</Td>
                    <Td>{placement.archivedAt ? <Badge>Archived</Badge> : <Badge tone="green">Live</Badge>}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        <Card className="self-start">
          <h2 className="mb-4 font-semibold text-slate-900">Add a placement</h2>
          <PlacementForm siteId={site.id} />
        </Card>
      </div>
    </>
  );
}
