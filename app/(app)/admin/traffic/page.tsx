import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { getInvalidTraffic, INVALID_TRAFFIC_DAYS, TOP_PLACEMENTS } from "@/lib/admin/get-invalid-traffic";
import { operatorTimeZone } from "@/lib/auth/operator-time-zone";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { formatDateTime } from "@/lib/format/date";
import { formatCount } from "@/lib/format/number";
import { formatPercentHundredths } from "@/lib/reports/format";
import { INVALID_REASON_LABELS, INVALID_REASONS } from "@/lib/reports/invalid-reasons";
import { invalidShares, type TrafficTotals } from "@/lib/reports/metrics";

export const metadata: Metadata = { title: "Invalid traffic" };

const percent = (hundredths: number | null) => (hundredths === null ? "—" : formatPercentHundredths(hundredths));

/** The shared columns: valid and invalid impressions and clicks, and the invalid share of each. */
function TrafficHeaders() {
  return (
    <>
      <Th className="text-right">Valid impressions</Th>
      <Th className="text-right">Invalid impressions</Th>
      <Th className="text-right">Invalid share of impressions</Th>
      <Th className="text-right">Valid clicks</Th>
      <Th className="text-right">Invalid clicks</Th>
      <Th className="text-right">Invalid share of clicks</Th>
    </>
  );
}

function TrafficCells({ traffic }: { traffic: TrafficTotals }) {
  const shares = invalidShares(traffic);
  return (
    <>
      <Td className="text-right tabular-nums">{formatCount(traffic.impressions)}</Td>
      <Td className="text-right tabular-nums">{formatCount(traffic.invalidImpressions)}</Td>
      <Td className="text-right tabular-nums">{percent(shares.impressionsHundredths)}</Td>
      <Td className="text-right tabular-nums">{formatCount(traffic.clicks)}</Td>
      <Td className="text-right tabular-nums">{formatCount(traffic.invalidClicks)}</Td>
      <Td className="text-right tabular-nums">{percent(shares.clicksHundredths)}</Td>
    </>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <div>
        <h2 id={id} className="font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{description}</p>
      </div>
      {children}
    </section>
  );
}

export default async function InvalidTrafficPage() {
  await requireAdmin();
  const [overview, zone] = await Promise.all([getInvalidTraffic(readDeps()), operatorTimeZone()]);

  return (
    <>
      <PageHeader
        title="Invalid traffic"
        description={`Impressions and clicks recorded as invalid (not billed) on publishers' placements over the last ${INVALID_TRAFFIC_DAYS} days, since ${formatDateTime(overview.since, zone.timeZone)}.`}
      />
      {overview.organizations.length === 0 ? (
        <EmptyState title="No traffic in this period" description={`No impression or click was recorded on any placement in the last ${INVALID_TRAFFIC_DAYS} days.`} />
      ) : (
        <div className="flex flex-col gap-8">
          <Section id="publishers-heading" title="By publisher" description="Most invalid impressions first.">
            <Table caption={`Valid and invalid traffic by publisher, last ${INVALID_TRAFFIC_DAYS} days`}>
              <thead>
                <tr>
                  <Th>Publisher</Th>
                  <TrafficHeaders />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {overview.organizations.map((row) => (
                  <tr key={row.organizationId}>
                    <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-800">
                      {row.organizationName}
                    </th>
                    <TrafficCells traffic={row} />
                  </tr>
                ))}
              </tbody>
            </Table>
          </Section>

          <Section id="sites-heading" title="By site" description="Most invalid impressions first.">
            <Table caption={`Valid and invalid traffic by site, last ${INVALID_TRAFFIC_DAYS} days`}>
              <thead>
                <tr>
                  <Th>Site</Th>
                  <Th>Publisher</Th>
                  <TrafficHeaders />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {overview.sites.map((row) => (
                  <tr key={row.siteId}>
                    <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-800">
                      {row.siteDomain}
                    </th>
                    <Td>{row.organizationName}</Td>
                    <TrafficCells traffic={row} />
                  </tr>
                ))}
              </tbody>
            </Table>
          </Section>

          <Section
            id="placements-heading"
            title={`The ${TOP_PLACEMENTS} placements with the most invalid traffic`}
            description="By invalid impressions, then invalid clicks. Each reason shows its impressions / clicks."
          >
            {overview.placements.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
                No placement drew invalid traffic in this period.
              </p>
            ) : (
              <Table caption={`The placements with the most invalid traffic, last ${INVALID_TRAFFIC_DAYS} days, with the reasons`}>
                <thead>
                  <tr>
                    <Th>Placement</Th>
                    <Th>Site</Th>
                    <Th>Publisher</Th>
                    <TrafficHeaders />
                    {INVALID_REASONS.map((reason) => (
                      <Th key={reason} className="text-right">
                        {INVALID_REASON_LABELS[reason]} (impressions / clicks)
                      </Th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {overview.placements.map((row) => (
                    <tr key={row.placementId}>
                      <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-800">
                        {row.placementName}
                      </th>
                      <Td>{row.siteDomain}</Td>
                      <Td>{row.organizationName}</Td>
                      <TrafficCells traffic={row} />
                      {INVALID_REASONS.map((reason) => (
                        <Td key={reason} className="text-right tabular-nums">
                          {formatCount(row.byReason[reason].impressions)} / {formatCount(row.byReason[reason].clicks)}
                        </Td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
        </div>
      )}
    </>
  );
}
