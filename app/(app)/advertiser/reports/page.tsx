import type { Metadata } from "next";
import { DownloadLink } from "@/components/reports/download-link";
import { PacingBars } from "@/components/reports/pacing-bars";
import { ReportCharts } from "@/components/reports/report-charts";
import { ReportFilters } from "@/components/reports/report-filters";
import { ReportPeriod } from "@/components/reports/report-period";
import { ReportSummary } from "@/components/reports/report-summary";
import { ReportTableSection } from "@/components/reports/report-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { advertiserCampaignOptions, advertiserReport } from "@/lib/reports/advertiser-report";
import { FIND_PARAMETER, filterSearchHint } from "@/lib/reports/filter-search";
import { parseReportQuery, REPORT_FILTER_OPTIONS, reportQueryString, type ReportQuery } from "@/lib/reports/report-query";
import { advertiserTables, REPORT_PAGE_ROWS, type AdvertiserTableId } from "@/lib/reports/report-tables";
import { reportTimeZoneOptions } from "@/lib/reports/time-zones";
import { searchText } from "@/lib/zod/schemas/search";

export const metadata: Metadata = { title: "Reports" };

export default async function AdvertiserReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { organization } = await requireOrganization("ADVERTISER", "reports:read");
  // Dates, "today" and day buckets default to the organisation's zone.
  const params = await searchParams;
  const parsed = parseReportQuery(params, new Date(), organization.timeZone);
  const timeZones = reportTimeZoneOptions(organization.timeZone);
  const find = searchText(params[FIND_PARAMETER]);
  const { options: campaigns, total, matching } = await advertiserCampaignOptions(prisma, organization.id, { search: find, chosenId: parsed.ok ? parsed.query.campaignId : null });
  const filters = (
    <ReportFilters
      values={parsed.values}
      errors={parsed.ok ? {} : parsed.errors}
      timeZones={timeZones}
      scope={{
        name: "campaign",
        label: "Campaign",
        allLabel: "All campaigns",
        options: campaigns.map((campaign) => ({ value: campaign.id, label: campaign.name })),
        search: total > REPORT_FILTER_OPTIONS ? { name: FIND_PARAMETER, label: "Find campaigns", value: find, hint: filterSearchHint({ total, find, matching }, { noun: "campaign", list: "Campaign", field: "name" }) } : undefined,
      }}
    />
  );
  if (!parsed.ok) {
    return (
      <>
        <PageHeader title="Reports" description="Delivery and spend of your campaigns." />
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
  const report = await advertiserReport(prisma, organization.id, query);
  const tables = advertiserTables(report);
  const csvHref = (table: AdvertiserTableId) => `/api/reports/advertiser.csv?${reportQueryString(query, { table })}`;
  const campaignName = campaigns.find((campaign) => campaign.id === query.campaignId)?.name;
  // Invalid traffic alone is traffic too: the page shows it rather than "nothing delivered".
  const hasTraffic =
    report.totals.impressions > 0 || report.totals.clicks > 0 || report.totals.spendMicros > 0n || report.invalid.invalidImpressions > 0 || report.invalid.invalidClicks > 0;

  return (
    <>
      <PageHeader
        title="Reports"
        description="Delivery and spend of your campaigns. Days and hours are those of the chosen time zone."
        actions={hasTraffic ? <DownloadLink href={csvHref("series")}>Download CSV</DownloadLink> : undefined}
      />
      <div className="flex flex-col gap-8">
        {filters}
        <ReportPeriod query={query} scopeLabel={campaignName ?? (query.campaignId ? "Unknown campaign" : "All campaigns")} />
        {hasTraffic ? (
          <>
            <ReportSummary totals={report.totals} invalid={report.invalid} moneyLabel="Spend" />
            <ReportCharts idPrefix="advertiser" series={report.series} granularity={query.granularity} timeZone={query.range.timeZone} moneyLabel="Spend" />
            <ReportTableSection table={tables.series} csvHref={csvHref("series")} description={seriesDescription(query)} />
            {(["campaign", "creative", "placement", "country", "device"] as const).map((id) => (
              <ReportTableSection key={id} table={tables[id]} csvHref={csvHref(id)} rowLimit={{ rows: REPORT_PAGE_ROWS, order: "the most impressions" }} />
            ))}
            <ReportTableSection table={tables.invalid} csvHref={csvHref("invalid")} description={INVALID_TRAFFIC_DESCRIPTION} />
          </>
        ) : (
          <EmptyState
            title="No impressions in this period"
            description="Nothing was delivered for these filters. Try a longer range or all campaigns; new impressions appear here as soon as they are counted."
          />
        )}
        <PacingBars pacing={report.pacing} limit={REPORT_PAGE_ROWS} />
      </div>
    </>
  );
}

const INVALID_TRAFFIC_DESCRIPTION =
  "Impressions and clicks that were recorded but not billed: they are in the invalid columns above, never in impressions, clicks or spend.";

function seriesDescription(query: ReportQuery): string {
  return query.granularity === "hour"
    ? "Each row is one hour, labelled with its local start time and UTC offset (a day has 23 or 25 hours when clocks change). Clicks count in the hour of their impression."
    : "Each row is one local day. Clicks count in the hour (and day) of their impression.";
}
