import type { Metadata } from "next";
import Link from "next/link";
import { formatSize } from "@/components/publisher/format";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { StatCard } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { readDeps } from "@/lib/cache/deps";
import { formatMonth } from "@/lib/format/date";
import { formatMoney } from "@/lib/format/money";
import { formatCount, formatCtr, plural } from "@/lib/format/number";
import { getPublisherStats, type Totals } from "@/lib/placements/get-publisher-stats";
import type { InvalidCounts } from "@/lib/reports/metrics";

export const metadata: Metadata = { title: "Publisher overview" };

function TotalsRow({ title, totals, invalid }: { title: string; totals: Totals; invalid: InvalidCounts }) {
  return (
    <section aria-labelledby={`${title}-heading`.replace(/\s+/g, "-")} className="flex flex-col gap-3">
      <h2 id={`${title}-heading`.replace(/\s+/g, "-")} className="text-sm font-semibold text-slate-700">
        {title}
      </h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label="Impressions" value={formatCount(totals.impressions)} />
        <StatCard label="Clicks" value={formatCount(totals.clicks)} />
        <StatCard label="CTR" value={formatCtr(totals)} />
        <StatCard label="Earnings" value={formatMoney(totals.earningsMicros)} />
      </div>
      {invalid.invalidImpressions > 0 || invalid.invalidClicks > 0 ? (
        <p className="text-sm text-slate-600">
          Not counted: {plural(invalid.invalidImpressions, "invalid impression")} and {plural(invalid.invalidClicks, "invalid click")} (
          <Link href="/publisher/reports" className="font-medium text-brand-600 hover:text-brand-700">
            reasons in the reports
          </Link>
          ).
        </p>
      ) : null}
    </section>
  );
}

export default async function PublisherOverviewPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("PUBLISHER", "reports:read");
  // A read-only member sees the figures, without the ways into sites and placements.
  const canRead = can(role, "inventory:read");
  const { notice } = await searchParams;
  const stats = await getPublisherStats(organization.id, readDeps(), new Date(), organization.timeZone);
  const month = formatMonth(stats.monthStart, organization.timeZone);

  return (
    <>
      <PageHeader
        title="Overview"
        description={`${organization.name}: what your placements showed and earned. Days in ${organization.timeZone}.`}
        actions={
          canRead ? (
            <ButtonLink href="/publisher/sites" variant="secondary">
              Sites & placements
            </ButtonLink>
          ) : undefined
        }
      />
      <Notice code={notice} />
      {stats.placements.length === 0 ? (
        <EmptyState
          title="No placements yet"
          description="Add your site and a placement, then paste its snippet into your pages. Impressions, clicks and earnings appear here."
          action={can(role, "inventory:write") ? <ButtonLink href="/publisher/sites">Add a site</ButtonLink> : undefined}
        />
      ) : (
        <div className="flex flex-col gap-8">
          <TotalsRow title="Today" totals={stats.today} invalid={stats.invalid.today} />
          <TotalsRow title={`This month (${month})`} totals={stats.month} invalid={stats.invalid.month} />
          <section className="flex flex-col gap-3" aria-labelledby="by-placement-heading">
            <h2 id="by-placement-heading" className="text-sm font-semibold text-slate-700">
              By placement, this month
            </h2>
            <Table caption="Impressions, clicks, CTR, earnings and invalid impressions by placement this month">
              <thead>
                <tr>
                  <Th>Placement</Th>
                  <Th>Site</Th>
                  <Th className="text-right">Impressions</Th>
                  <Th className="text-right">Clicks</Th>
                  <Th className="text-right">CTR</Th>
                  <Th className="text-right">Earnings</Th>
                  <Th className="text-right">Invalid impressions</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stats.placements.map((placement) => (
                  <tr key={placement.id}>
                    <Td>
                      {canRead ? (
                        <Link href={`/publisher/placements/${placement.id}`} className="font-medium text-brand-600 hover:text-brand-700">
                          {placement.name}
                        </Link>
                      ) : (
                        <span className="font-medium text-slate-900">{placement.name}</span>
                      )}{" "}
                      <span className="text-xs text-slate-500">{formatSize(placement.width, placement.height)}</span>{" "}
                      {placement.archived ? <Badge>Archived</Badge> : null}
                    </Td>
                    <Td>{placement.siteName}</Td>
                    <Td className="text-right tabular-nums">{formatCount(placement.month.impressions)}</Td>
                    <Td className="text-right tabular-nums">{formatCount(placement.month.clicks)}</Td>
                    <Td className="text-right tabular-nums">{formatCtr(placement.month)}</Td>
                    <Td className="text-right tabular-nums">{formatMoney(placement.month.earningsMicros)}</Td>
                    <Td className="text-right tabular-nums">{formatCount(placement.invalid.month.invalidImpressions)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        </div>
      )}
    </>
  );
}
