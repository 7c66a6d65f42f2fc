import {
  addDays,
  daysInclusive,
  firstHourOfLocalDate,
  HOUR_MS,
  localDate,
  localHourLabel,
  utcHourKey,
} from "./zoned-time";

// The period a report covers: local dates [from, to] of a time zone, turned into the
// half-open range of UTC rollup hours [startUtc, endUtc) whose local start date is in it.

export const RANGE_PRESETS = ["today", "7d", "30d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const GRANULARITIES = ["day", "hour"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface ReportRange {
  /** First local date, YYYY-MM-DD. */
  from: string;
  /** Last local date, included. */
  to: string;
  timeZone: string;
  /** First rollup hour of `from`. */
  startUtc: Date;
  /** First rollup hour after `to` (excluded). */
  endUtc: Date;
}

/** One point of a report's time series. */
export interface ReportBucket {
  /** Day: the local date "2026-03-29". Hour: the UTC hour "2026-03-29T01:00:00Z". */
  key: string;
  /** Day: "2026-03-29". Hour: local time with offset, "2026-03-29 03:00 +02:00". */
  label: string;
  start: Date;
}

/** The local dates a preset stands for, on the local date of `now`. */
export function presetDates(preset: Exclude<RangePreset, "custom">, timeZone: string, now: Date): { from: string; to: string } {
  const today = localDate(now, timeZone);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
  }
}

export function reportRange(from: string, to: string, timeZone: string): ReportRange {
  return {
    from,
    to,
    timeZone,
    startUtc: new Date(firstHourOfLocalDate(from, timeZone)),
    endUtc: new Date(firstHourOfLocalDate(addDays(to, 1), timeZone)),
  };
}

/**
 * Every bucket of the range, in order, including empty ones: one per local date, or one per
 * rollup hour (23 on the day clocks go forward, 25 on the day they go back — never merged).
 */
export function reportBuckets(range: ReportRange, granularity: Granularity): ReportBucket[] {
  const buckets: ReportBucket[] = [];
  if (granularity === "day") {
    const days = daysInclusive(range.from, range.to);
    for (let index = 0; index < days; index++) {
      const date = addDays(range.from, index);
      buckets.push({ key: date, label: date, start: new Date(firstHourOfLocalDate(date, range.timeZone)) });
    }
    return buckets;
  }
  for (let hour = range.startUtc.getTime(); hour < range.endUtc.getTime(); hour += HOUR_MS) {
    buckets.push({ key: utcHourKey(hour), label: localHourLabel(hour, range.timeZone), start: new Date(hour) });
  }
  return buckets;
}
