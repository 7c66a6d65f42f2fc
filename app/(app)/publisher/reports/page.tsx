import type { Metadata } from "next";
import { DownloadLink } from "@/components/reports/download-link";
import { ReportCharts } from "@/components/reports/report-charts";
import { ReportFilters } from "@/components/reports/report-filters";
import { ReportPeriod } from "@/components/reports/report-period";
import { ReportSummary } from "@/components/reports/report-summary";
import { ReportTableSection } from "@/components/reports/report-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { FIND_PARAMETER, filterSearchHint } from "@/lib/reports/filter-search";
import { publisherPlacementFilterOptions, publisherReport } from "@/lib/reports/publisher-report";
import { parseReportQuery, REPORT_FILTER_OPTIONS, reportQueryString } from "@/lib/reports/report-query";
import { publisherTables, type PublisherTableId } from "@/lib/reports/report-tables";
import { reportTimeZoneOptions } from "@/lib/reports/time-zones";
import { searchText } from "@/lib/zod/schemas/search";

export const metadata: Metadata = { title: "Reports" };

export default async function PublisherReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { organization } = await requireOrganization("PUBLISHER", "reports:read");
  // Dates, "today" and day buckets default to the organisation's zone.
  const params = await searchParams;
  const parsed = parseReportQuery(params, new Date(), organization.timeZone);
  const timeZones = reportTimeZoneOptions(organization.timeZone);
  const find = searchText(params[FIND_PARAMETER]);
  const { options: placements, total, matching } = await publisherPlacementFilterOptions(prisma, organization.id, { search: find, chosenId: parsed.ok ? parsed.query.placementId : null });
  const filters = (
    <ReportFilters
      values={parsed.values}
      errors={parsed.ok ? {} : parsed.errors}
      timeZones={timeZones}
      scope={{
        name: "placement",
        label: "Placement",
        allLabel: "All sites and placements",
        options: placements.map((placement) => ({ value: placement.id, label: `${placement.siteDomain} — ${placement.name}` })),
        search:
          total > REPORT_FILTER_OPTIONS
            ? { name: FIND_PARAMETER, label: "Find placements", value: find, hint: filterSearchHint({ total, find, matching }, { noun: "placement", list: "Placement", field: "name or site" }) }
            : undefined,
      }}
    />
  );
  if (!parsed.ok) {
    return (
      <>
        <PageHeader title="Reports" description="Traffic and earnings of your sites and placements." />
        <div className="flex flex-col gap-6">
          {filters}
          <p role="alert" className="rounded-md bg-red-50 px-4 py-2.5 text-sm text-red-800 ring-1 ring-red-200">
            The report could not be shown: correct the highlighted filters.
          </p>
        </div>
      </>
    );
  }

  const { query } = parsed;
  const report = await publisherReport(prisma, organization.id, query);
  const tables = publisherTables(report);
  const csvHref = (table: PublisherTableId) => `/api/reports/publisher.csv?${reportQueryString(query, { table })}`;
  const placement = placements.find((option) => option.id === query.placementId);
  // Invalid traffic alone is traffic too: the page shows it rather than "nothing delivered".
  const hasTraffic =
    report.totals.impressions > 0 || report.totals.clicks > 0 || report.totals.spendMicros > 0n || report.invalid.invalidImpressions > 0 || report.invalid.invalidClicks > 0;

  return (
    <>
      <PageHeader
        title="Reports"
        description="Traffic and earnings (what advertisers spent on your placements). Days and hours are those of the chosen time zone."
        actions={hasTraffic ? <DownloadLink href={csvHref("detail")}>Download CSV</DownloadLink> : undefined}
      />
      <div className="flex flex-col gap-8">
        {filters}
        <ReportPeriod
          query={query}
          scopeLabel={placement ? `${placement.siteDomain} — ${placement.name}` : query.placementId ? "Unknown placement" : "All sites and placements"}
        />
        {hasTraffic ? (
          <>
            <ReportSummary totals={report.totals} invalid={report.invalid} moneyLabel="Earnings" />
            <ReportCharts idPrefix="publisher" series={report.series} granularity={query.granularity} timeZone={query.range.timeZone} moneyLabel="Earnings" />
            <ReportTableSection
              table={tables.detail}
              csvHref={csvHref("detail")}
              description="One row per site and placement with traffic in each period. Clicks count in the hour (and day) of their impression."
            />
            <ReportTableSection table={tables.placement} csvHref={csvHref("placement")} />
            <ReportTableSection table={tables.site} csvHref={csvHref("site")} />
            <ReportTableSection
              table={tables.invalid}
              csvHref={csvHref("invalid")}
              description="Impressions and clicks that were recorded but earn nothing: they are in the invalid columns above, never in impressions, clicks or earnings. Ads seen off your domains are listed, by host, on each site's page."
            />
          </>
        ) : (
          <EmptyState
            title={total === 0 ? "No placements yet" : "No impressions in this period"}
            description={
              total === 0
                ? "Add a site and a placement, paste its snippet into your pages, and its traffic and earnings appear here."
                : "No ad was seen on these placements in this period. Try a longer range; new impressions appear here as soon as they are counted."
            }
          />
        )}
      </div>
    </>
  );
}
