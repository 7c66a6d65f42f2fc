import { z } from "zod";
import type { AdvertiserReport, BreakdownRow } from "@/lib/reports/advertiser-report";
import { INVALID_REASON_LABELS, INVALID_REASONS, type InvalidReason, type InvalidTraffic } from "@/lib/reports/invalid-reasons";
import { deriveMetrics, type TrafficTotals } from "@/lib/reports/metrics";
import type { PublisherReport } from "@/lib/reports/publisher-report";
import { MAX_RANGE_DAYS, type ReportQuery } from "@/lib/reports/report-query";
import { GRANULARITIES, type ReportBucket } from "@/lib/reports/report-range";
import { REPORT_TIME_ZONE_IDS } from "@/lib/reports/time-zones";
import { dateTimeOutput, iso, money, moneyOrNull, moneyOutput } from "./common";

// Reports in JSON: the same reports as the dashboard (lib/reports), parsed from the same
// query schema (parseReportQuery), with the API's parameter names and money as decimal strings.
// `impressions`, `clicks` and the money are the billed (valid) traffic; `invalidImpressions`
// and `invalidClicks` stand beside them, and the totals break the invalid traffic down by reason.

// ─── Query ───────────────────────────────────────────────────────────────────

const reportQueryFields = {
  from: z.iso.date().optional().meta({ description: "First local date, YYYY-MM-DD. Send with `to`; without both, the last 7 days up to today." }),
  to: z.iso.date().optional().meta({
    description: `Last local date (included), YYYY-MM-DD. At most ${MAX_RANGE_DAYS.day} days by day, ${MAX_RANGE_DAYS.hour} by hour.`,
  }),
  timeZone: z
    .string()
    .optional()
    .meta({
      description:
        "IANA time zone of the dates, of \"today\" and of day buckets: your organisation's zone (the default) or one of " +
        `${REPORT_TIME_ZONE_IDS.join(", ")}. Days are sums of whole UTC rollup hours (23 or 25 on the days clocks change); in a zone whose offset is not whole hours (Asia/Kolkata, +05:30) a day runs from the first whole UTC hour after its midnight.`,
    }),
  granularity: z.enum(GRANULARITIES).default("day").meta({ description: "Series buckets: local days, or UTC hours." }),
};

/** Documents GET /api/v1/reports/advertiser's query (parsed by parseReportQuery). */
export const advertiserReportQuerySchema = z.object({
  ...reportQueryFields,
  campaignId: z.string().optional().meta({ description: "Only this campaign of yours." }),
});

/** Documents GET /api/v1/reports/publisher's query (parsed by parseReportQuery). */
export const publisherReportQuerySchema = z.object({
  ...reportQueryFields,
  placementId: z.string().optional().meta({ description: "Only this placement of yours." }),
});

/** The API's parameter names → the report pages' query string, which parseReportQuery reads. */
export function reportSearchParams(params: URLSearchParams): URLSearchParams {
  const read = (name: string) => params.get(name) ?? "";
  const from = read("from");
  const to = read("to");
  return new URLSearchParams({
    range: from || to ? "custom" : "7d",
    from,
    to,
    tz: read("timeZone"),
    granularity: read("granularity"),
    campaign: read("campaignId"),
    placement: read("placementId"),
  });
}

/** parseReportQuery's field names → the API's, for 422 details. */
export const reportParamNames: Record<string, string> = { tz: "timeZone", campaign: "campaignId", placement: "placementId", range: "from" };

// ─── Responses ───────────────────────────────────────────────────────────────

const metricFields = {
  impressions: z.number().int().meta({ description: "Billed impressions: valid traffic only." }),
  clicks: z.number().int().meta({ description: "Billed clicks: valid traffic only." }),
  ctrPercent: z.number().nullable().meta({ description: "Clicks per 100 impressions (billed), two decimals; null without impressions." }),
  ecpm: moneyOutput("Per 1,000 billed impressions.").nullable(),
  ecpc: moneyOutput("Per billed click.").nullable(),
  invalidImpressions: z
    .number()
    .int()
    .meta({ description: "Impressions recorded as invalid traffic (bots, another client than the one served, too many from one client, off the site's domains): not billed, not in `impressions`." }),
  invalidClicks: z.number().int().meta({ description: "Clicks recorded as invalid traffic: not billed, not in `clicks`." }),
};
const advertiserMetrics = { ...metricFields, spend: moneyOutput("Spend (on valid traffic only).") };
const publisherMetrics = { ...metricFields, earnings: moneyOutput("Earnings: what advertisers spent on your placements (valid traffic only).") };

const reasonCountsSchema = z.object({ impressions: z.number().int(), clicks: z.number().int() });
const invalidByReasonSchema = z
  .object(Object.fromEntries(INVALID_REASONS.map((reason) => [reason, reasonCountsSchema.meta({ description: `${INVALID_REASON_LABELS[reason]}.` })])) as Record<InvalidReason, typeof reasonCountsSchema>)
  .meta({ description: "The invalid impressions and clicks of the range, by reason; every reason is present. They add up to `invalidImpressions` and `invalidClicks`." });

function metrics(totals: TrafficTotals) {
  const derived = deriveMetrics(totals);
  return {
    impressions: derived.impressions,
    clicks: derived.clicks,
    ctrPercent: derived.ctrHundredths === null ? null : derived.ctrHundredths / 100,
    ecpm: moneyOrNull(derived.ecpmMicros),
    ecpc: moneyOrNull(derived.ecpcMicros),
    invalidImpressions: totals.invalidImpressions,
    invalidClicks: totals.invalidClicks,
  };
}

const spendMetrics = (totals: TrafficTotals) => ({ ...metrics(totals), spend: money(totals.spendMicros) });
const earningsMetrics = (totals: TrafficTotals) => ({ ...metrics(totals), earnings: money(totals.spendMicros) });

function invalidByReason(invalid: InvalidTraffic): Record<InvalidReason, { impressions: number; clicks: number }> {
  return Object.fromEntries(INVALID_REASONS.map((reason) => [reason, { ...invalid.byReason[reason] }])) as Record<InvalidReason, { impressions: number; clicks: number }>;
}

/** The report's totals: billed metrics, the invalid counts beside them, and those by reason. */
function reportTotals<T>(metricsOf: (totals: TrafficTotals) => T, report: { totals: AdvertiserReport["totals"]; invalid: InvalidTraffic }) {
  const { invalidImpressions, invalidClicks } = report.invalid;
  return { ...metricsOf({ ...report.totals, invalidImpressions, invalidClicks }), invalidByReason: invalidByReason(report.invalid) };
}

const periodFields = {
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  granularity: z.enum(GRANULARITIES),
};

function period(query: ReportQuery) {
  return { from: query.range.from, to: query.range.to, timeZone: query.range.timeZone, granularity: query.granularity };
}

const bucketFields = {
  key: z.string().meta({ description: 'Day: the local date "2026-03-29". Hour: the UTC hour "2026-03-29T01:00:00Z".' }),
  label: z.string(),
  start: dateTimeOutput("Start of the bucket."),
};

const bucket = (value: ReportBucket) => ({ key: value.key, label: value.label, start: iso(value.start) });

const breakdownRowSchema = z.object({ id: z.string(), label: z.string(), context: z.string().nullable(), ...advertiserMetrics });

export const advertiserReportSchema = z
  .object({
    ...periodFields,
    campaignId: z.string().nullable(),
    totals: z.object({ ...advertiserMetrics, invalidByReason: invalidByReasonSchema }),
    series: z.array(z.object({ ...bucketFields, ...advertiserMetrics })).meta({ description: "Every bucket of the range, empty ones included." }),
    breakdowns: z.object({
      campaign: z.array(breakdownRowSchema),
      creative: z.array(breakdownRowSchema),
      placement: z.array(breakdownRowSchema),
      country: z.array(breakdownRowSchema),
      device: z.array(breakdownRowSchema),
    }),
    pacing: z.array(
      z.object({
        campaignId: z.string(),
        name: z.string(),
        status: z.string(),
        lifetimeSpent: moneyOutput("Spent over the whole flight."),
        totalBudget: moneyOutput("Budget of the whole flight."),
        dailyBudget: moneyOutput("Daily budget.").nullable(),
        basis: z.enum(["daily_budget", "total_budget", "none"]),
        spent: moneyOutput("Spent in the range."),
        planned: moneyOutput("What an even spread plans for the elapsed part of the range.").nullable(),
        ratioPercent: z.number().nullable().meta({ description: "Spent / planned, two decimals (100 = on plan)." }),
        state: z.enum(["not_started", "under", "on_track", "over", "unplanned"]),
      }),
    ),
  })
  .meta({ description: "Impressions, clicks and spend of your campaigns over a range, with breakdowns and budget pacing." });

function breakdownRows(rows: BreakdownRow[]) {
  return rows.map((row) => ({ id: row.id, label: row.label, context: row.context, ...spendMetrics(row) }));
}

export function advertiserReportResource(report: AdvertiserReport): z.infer<typeof advertiserReportSchema> {
  return {
    ...period(report.query),
    campaignId: report.query.campaignId,
    totals: reportTotals(spendMetrics, report),
    series: report.series.map((row) => ({ ...bucket(row), ...spendMetrics(row) })),
    breakdowns: {
      campaign: breakdownRows(report.breakdowns.campaign),
      creative: breakdownRows(report.breakdowns.creative),
      placement: breakdownRows(report.breakdowns.placement),
      country: breakdownRows(report.breakdowns.country),
      device: breakdownRows(report.breakdowns.device),
    },
    pacing: report.pacing.map((row) => ({
      campaignId: row.campaignId,
      name: row.name,
      status: row.status,
      lifetimeSpent: money(row.lifetimeSpentMicros),
      totalBudget: money(row.totalBudgetMicros),
      dailyBudget: moneyOrNull(row.dailyBudgetMicros),
      basis: row.basis,
      spent: money(row.spentMicros),
      planned: moneyOrNull(row.plannedMicros),
      ratioPercent: row.ratioHundredths === null ? null : row.ratioHundredths / 100,
      state: row.state,
    })),
  };
}

const placementFields = { placementId: z.string(), placementName: z.string(), siteId: z.string(), siteName: z.string(), siteDomain: z.string() };

export const publisherReportSchema = z
  .object({
    ...periodFields,
    placementId: z.string().nullable(),
    totals: z.object({ ...publisherMetrics, invalidByReason: invalidByReasonSchema }),
    series: z.array(z.object({ ...bucketFields, ...publisherMetrics })).meta({ description: "Every bucket of the range, empty ones included." }),
    placements: z.array(z.object({ ...placementFields, ...publisherMetrics })),
    sites: z.array(z.object({ siteId: z.string(), siteName: z.string(), siteDomain: z.string(), ...publisherMetrics })),
    detail: z.array(z.object({ bucket: z.string(), ...placementFields, ...publisherMetrics })).meta({ description: "One row per bucket and placement with traffic." }),
  })
  .meta({ description: "Impressions, clicks and earnings of your placements over a range." });

type PublisherReportResource = z.infer<typeof publisherReportSchema>;

export function publisherReportResource(report: PublisherReport): PublisherReportResource {
  const placement = (row: PublisherReport["placements"][number]) => ({
    placementId: row.placementId,
    placementName: row.placementName,
    siteId: row.siteId,
    siteName: row.siteName,
    siteDomain: row.siteDomain,
  });
  return {
    ...period(report.query),
    placementId: report.query.placementId,
    totals: reportTotals(earningsMetrics, report),
    series: report.series.map((row) => ({ ...bucket(row), ...earningsMetrics(row) })),
    placements: report.placements.map((row) => ({ ...placement(row), ...earningsMetrics(row) })),
    sites: report.sites.map((row) => ({ siteId: row.siteId, siteName: row.siteName, siteDomain: row.siteDomain, ...earningsMetrics(row) })),
    detail: report.detail.map((row) => ({ bucket: row.bucket.key, ...placement(row), ...earningsMetrics(row) })),
  };
}
