import { roundToCents } from "@/lib/format/money";
import { formatCount, type NumberStyle } from "@/lib/format/number";
import type { AdvertiserReport, BreakdownDimension, BreakdownRow } from "./advertiser-report";
import { toCsv } from "./csv";
import { formatMicros, formatPercentHundredths } from "./format";
import { INVALID_REASON_LABELS, INVALID_REASONS, type InvalidTraffic } from "./invalid-reasons";
import { deriveMetrics, type TrafficTotals } from "./metrics";
import type { PublisherReport } from "./publisher-report";

// The tables of the report pages, as data. The page renders them and the CSV downloads
// serialise them, both from here: the file has exactly the rows of the table on the screen —
// all of them, where the page shows only the first of a long breakdown (shownRows).

export type ReportCell =
  | { kind: "text"; value: string }
  | { kind: "count"; value: number }
  /** Spend or earnings: to the cent on the page, exact in the CSV file (lib/format/money.ts). */
  | { kind: "amount"; value: bigint | null }
  /** A price per unit (eCPM, eCPC): exact in both. */
  | { kind: "price"; value: bigint | null }
  | { kind: "percent"; value: number | null };

export interface ReportColumn {
  label: string;
  numeric: boolean;
}

export interface ReportTable {
  /** The `table` parameter of its CSV download. */
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

/**
 * Rows of a breakdown the page shows, most impressions first: an advertiser with 10,000
 * campaigns and 20,000 creatives would otherwise get one page of tens of megabytes. The CSV
 * download has every row.
 */
export const REPORT_PAGE_ROWS = 100;

/** The rows the page shows of `table` (the first `limit`), and how many it leaves to the CSV. */
export function shownRows(table: ReportTable, limit: number | undefined): { rows: ReportCell[][]; hidden: number } {
  if (limit === undefined || table.rows.length <= limit) return { rows: table.rows, hidden: 0 };
  return { rows: table.rows.slice(0, limit), hidden: table.rows.length - limit };
}

/** A cell as text: "" for a ratio without a denominator (the page shows a dash). */
export function cellText(cell: ReportCell, style: NumberStyle): string {
  switch (cell.kind) {
    case "text":
      return cell.value;
    case "count":
      return formatCount(cell.value, style);
    case "amount":
      return cell.value === null ? "" : formatMicros(style === "display" ? roundToCents(cell.value) : cell.value, style);
    case "price":
      return cell.value === null ? "" : formatMicros(cell.value, style);
    case "percent":
      return cell.value === null ? "" : formatPercentHundredths(cell.value);
  }
}

export function tableCsv(table: ReportTable): string {
  return toCsv([table.columns.map((column) => column.label), ...table.rows.map((row) => row.map((cell) => cellText(cell, "csv")))]);
}

const text = (value: string): ReportCell => ({ kind: "text", value });
const numeric = (label: string): ReportColumn => ({ label, numeric: true });
const textColumn = (label: string): ReportColumn => ({ label, numeric: false });

// Impressions, clicks and the money columns are the billed (valid) traffic; the invalid
// traffic follows in columns of its own, after them.
const invalidColumns = [numeric("Invalid impressions"), numeric("Invalid clicks")];

function invalidCells(totals: TrafficTotals): ReportCell[] {
  return [
    { kind: "count", value: totals.invalidImpressions },
    { kind: "count", value: totals.invalidClicks },
  ];
}

const advertiserMetricColumns = [
  numeric("Impressions"),
  numeric("Clicks"),
  numeric("CTR"),
  numeric("Spend (USD)"),
  numeric("eCPM (USD)"),
  numeric("eCPC (USD)"),
  ...invalidColumns,
];

function advertiserMetricCells(totals: TrafficTotals): ReportCell[] {
  const metrics = deriveMetrics(totals);
  return [
    { kind: "count", value: metrics.impressions },
    { kind: "count", value: metrics.clicks },
    { kind: "percent", value: metrics.ctrHundredths },
    { kind: "amount", value: metrics.spendMicros },
    { kind: "price", value: metrics.ecpmMicros },
    { kind: "price", value: metrics.ecpcMicros },
    ...invalidCells(totals),
  ];
}

const publisherMetricColumns = [numeric("Impressions"), numeric("Clicks"), numeric("CTR"), numeric("Earnings (USD)"), ...invalidColumns];

function publisherMetricCells(totals: TrafficTotals): ReportCell[] {
  const metrics = deriveMetrics(totals);
  return [
    { kind: "count", value: metrics.impressions },
    { kind: "count", value: metrics.clicks },
    { kind: "percent", value: metrics.ctrHundredths },
    { kind: "amount", value: metrics.spendMicros },
    ...invalidCells(totals),
  ];
}

/** Every reason, in the order of INVALID_REASONS, with its counts (zero ones too). */
function invalidByReasonTable(invalid: InvalidTraffic): ReportTable {
  return {
    id: "invalid",
    title: "Invalid traffic by reason",
    columns: [textColumn("Reason"), numeric("Invalid impressions"), numeric("Invalid clicks")],
    rows: INVALID_REASONS.map((reason) => [
      text(INVALID_REASON_LABELS[reason]),
      { kind: "count", value: invalid.byReason[reason].impressions },
      { kind: "count", value: invalid.byReason[reason].clicks },
    ]),
  };
}

function bucketColumn(granularity: "day" | "hour", timeZone: string): ReportColumn {
  return textColumn(granularity === "day" ? `Date (${timeZone})` : `Hour (${timeZone})`);
}

const breakdownSpecs: Record<BreakdownDimension, { title: string; columns: ReportColumn[]; cells: (row: BreakdownRow) => ReportCell[] }> = {
  campaign: { title: "By campaign", columns: [textColumn("Campaign")], cells: (row) => [text(row.label)] },
  creative: { title: "By creative", columns: [textColumn("Creative"), textColumn("Campaign")], cells: (row) => [text(row.label), text(row.context ?? "")] },
  placement: { title: "By placement", columns: [textColumn("Placement"), textColumn("Site")], cells: (row) => [text(row.label), text(row.context ?? "")] },
  country: { title: "By country", columns: [textColumn("Country")], cells: (row) => [text(row.label)] },
  device: { title: "By device", columns: [textColumn("Device")], cells: (row) => [text(row.label)] },
};

export const ADVERTISER_TABLE_IDS = ["series", "campaign", "creative", "placement", "country", "device", "invalid"] as const;
export type AdvertiserTableId = (typeof ADVERTISER_TABLE_IDS)[number];

/** The advertiser page's tables: the time series first, then one per breakdown, then the invalid traffic by reason. */
export function advertiserTables(report: AdvertiserReport): Record<AdvertiserTableId, ReportTable> {
  const { granularity, range } = report.query;
  const breakdown = (dimension: BreakdownDimension): ReportTable => {
    const spec = breakdownSpecs[dimension];
    return {
      id: dimension,
      title: spec.title,
      columns: [...spec.columns, ...advertiserMetricColumns],
      rows: report.breakdowns[dimension].map((row) => [...spec.cells(row), ...advertiserMetricCells(row)]),
    };
  };
  return {
    series: {
      id: "series",
      title: granularity === "day" ? "By day" : "By hour",
      columns: [bucketColumn(granularity, range.timeZone), ...advertiserMetricColumns],
      rows: report.series.map((row) => [text(row.label), ...advertiserMetricCells(row)]),
    },
    campaign: breakdown("campaign"),
    creative: breakdown("creative"),
    placement: breakdown("placement"),
    country: breakdown("country"),
    device: breakdown("device"),
    invalid: invalidByReasonTable(report.invalid),
  };
}

export const PUBLISHER_TABLE_IDS = ["detail", "placement", "site", "invalid"] as const;
export type PublisherTableId = (typeof PUBLISHER_TABLE_IDS)[number];

/** The publisher page's tables: per bucket, site and placement; then per placement and per site; then the invalid traffic by reason. */
export function publisherTables(report: PublisherReport): Record<PublisherTableId, ReportTable> {
  const { granularity, range } = report.query;
  return {
    detail: {
      id: "detail",
      title: granularity === "day" ? "By day, site and placement" : "By hour, site and placement",
      columns: [bucketColumn(granularity, range.timeZone), textColumn("Site"), textColumn("Placement"), ...publisherMetricColumns],
      rows: report.detail.map((row) => [text(row.bucket.label), text(row.siteDomain), text(row.placementName), ...publisherMetricCells(row)]),
    },
    placement: {
      id: "placement",
      title: "By placement",
      columns: [textColumn("Placement"), textColumn("Site"), ...publisherMetricColumns],
      rows: report.placements.map((row) => [text(row.placementName), text(row.siteDomain), ...publisherMetricCells(row)]),
    },
    site: {
      id: "site",
      title: "By site",
      columns: [textColumn("Site"), ...publisherMetricColumns],
      rows: report.sites.map((row) => [text(row.siteDomain), ...publisherMetricCells(row)]),
    },
    invalid: invalidByReasonTable(report.invalid),
  };
}
