import { z } from "zod";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { GRANULARITIES, presetDates, RANGE_PRESETS, reportRange, type Granularity, type RangePreset, type ReportRange } from "./report-range";
import { isReportTimeZone } from "./time-zones";
import { daysInclusive, isIsoDate } from "./zoned-time";

// The query string of the report pages and their CSV downloads — one schema, so that a CSV
// link carrying the page's parameters returns exactly the page's rows.
//
//   ?range=today|7d|30d|custom &from=YYYY-MM-DD &to=YYYY-MM-DD (custom only)
//   &tz=<IANA zone of REPORT_TIME_ZONES, or the organisation's; default the organisation's>
//   &granularity=day|hour &campaign=<id> | &placement=<id>

/** Longest range per granularity: a year of days, a month of hours (744 rows at most). */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { day: 366, hour: 31 };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A GET form sends "" for an empty field: treat it as absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value), schema.optional());

const isoDate = z.string().refine(isIsoDate, "must be a date (YYYY-MM-DD)");

/** The schema, for an organisation whose zone is `organizationTimeZone` (the default `tz`). */
export const reportQuerySchema = (organizationTimeZone: string) =>
  z
    .object({
      range: optional(z.enum(RANGE_PRESETS, { error: "must be today, 7d, 30d or custom" })).transform((value) => value ?? "7d"),
      from: optional(isoDate),
      to: optional(isoDate),
      // Aborts like an enum would: the range's own checks wait until the zone is right.
      tz: optional(
        z.string().refine((zone) => isReportTimeZone(zone, organizationTimeZone), { message: "must be one of the listed time zones", abort: true }),
      ).transform((value) => value ?? organizationTimeZone),
      granularity: optional(z.enum(GRANULARITIES, { error: "must be day or hour" })).transform((value) => value ?? "day"),
      campaign: optional(z.string().regex(ID, "must be a campaign id")),
      placement: optional(z.string().regex(ID, "must be a placement id")),
    })
    .superRefine((value, context) => {
      if (value.range !== "custom") return;
      if (!value.from) context.addIssue({ code: "custom", path: ["from"], message: "is required for a custom range" });
      if (!value.to) context.addIssue({ code: "custom", path: ["to"], message: "is required for a custom range" });
      if (value.from && value.to && value.from > value.to) {
        context.addIssue({ code: "custom", path: ["to"], message: "must be on or after the start date" });
      }
    });

export interface ReportQuery {
  preset: RangePreset;
  range: ReportRange;
  granularity: Granularity;
  /** Advertiser report: one campaign of the organisation, or null for all. */
  campaignId: string | null;
  /** Publisher report: one placement of the organisation, or null for all. */
  placementId: string | null;
}

/**
 * Most campaigns (or placements) a report's filter lists: past it, the newest, or those a search
 * finds (lib/reports/advertiser-report.ts, publisher-report.ts; the hint: filter-search.ts).
 */
export const REPORT_FILTER_OPTIONS = 100;

/** What the filter form shows: the submitted values, with a preset's dates filled in. */
export interface ReportFormValues {
  range: string;
  from: string;
  to: string;
  tz: string;
  granularity: string;
  campaign: string;
  placement: string;
}

export type ParsedReportQuery =
  | { ok: true; query: ReportQuery; values: ReportFormValues }
  | { ok: false; errors: Record<string, string[]>; values: ReportFormValues };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

const FIELDS = ["range", "from", "to", "tz", "granularity", "campaign", "placement"] as const;

function readParams(input: SearchParamsInput): Record<(typeof FIELDS)[number], string | undefined> {
  const read = (name: string): string | undefined => {
    if (input instanceof URLSearchParams) return input.get(name) ?? undefined;
    const value = input[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return Object.fromEntries(FIELDS.map((name) => [name, read(name)])) as Record<(typeof FIELDS)[number], string | undefined>;
}

/**
 * Parses a report's query string; presets ("today", "last 7 days") are resolved on the local
 * date of `now` in the chosen zone, by default the organisation's.
 */
export function parseReportQuery(input: SearchParamsInput, now: Date, organizationTimeZone: string = DEFAULT_TIME_ZONE): ParsedReportQuery {
  const raw = readParams(input);
  const rawValues: ReportFormValues = {
    range: raw.range ?? "7d",
    from: raw.from ?? "",
    to: raw.to ?? "",
    tz: raw.tz ?? organizationTimeZone,
    granularity: raw.granularity ?? "day",
    campaign: raw.campaign ?? "",
    placement: raw.placement ?? "",
  };
  const parsed = reportQuerySchema(organizationTimeZone).safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues), values: rawValues };

  const { range: preset, tz, granularity } = parsed.data;
  const dates = preset === "custom" ? { from: parsed.data.from!, to: parsed.data.to! } : presetDates(preset, tz, now);
  const values: ReportFormValues = { ...rawValues, range: preset, tz, granularity, ...dates };
  const days = daysInclusive(dates.from, dates.to);
  if (days > MAX_RANGE_DAYS[granularity]) {
    const message =
      granularity === "hour"
        ? `An hourly report covers at most ${MAX_RANGE_DAYS.hour} days: shorten the range or choose daily.`
        : `A report covers at most ${MAX_RANGE_DAYS.day} days.`;
    return { ok: false, errors: { [granularity === "hour" ? "granularity" : "to"]: [message] }, values };
  }
  return {
    ok: true,
    values,
    query: {
      preset,
      range: reportRange(dates.from, dates.to, tz),
      granularity,
      campaignId: parsed.data.campaign ?? null,
      placementId: parsed.data.placement ?? null,
    },
  };
}

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "query");
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * The query string of a report's CSV link. It carries the page's resolved dates, not its
 * preset, so that the file has the page's rows even when downloaded after midnight.
 */
export function reportQueryString(query: ReportQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    range: "custom",
    from: query.range.from,
    to: query.range.to,
    tz: query.range.timeZone,
    granularity: query.granularity,
    ...(query.campaignId ? { campaign: query.campaignId } : {}),
    ...(query.placementId ? { placement: query.placementId } : {}),
    ...extra,
  });
  return params.toString();
}
