import { startOfZonedDay, zonedParts, zonedTimeToUtc } from "./time-zone";

// One date format for every date a person sees, in one zone: their organisation's (operators'
// pages: the operator's current organisation's, or UTC). "3 Dec 2026" and "3 Dec 2026, 14:05 CET"
// — day before month, 24-hour clock, the zone named — read the same in every country.
// Dates entered (datetime-local inputs) are read in that zone too, DST-correct.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const two = (value: number) => String(value).padStart(2, "0");

// Building a DateTimeFormat costs far more than using one: one per zone and locale, kept.
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function zoneNameIn(locale: "en-US" | "en-GB", date: Date, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    zoneNameFormats.set(key, format);
  }
  return format.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * The zone's short name at `date`: "EDT", "CET", "CEST", "UTC"; "GMT+9" where no abbreviation
 * is in common use. American English knows the American names, British English the European.
 */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const american = zoneNameIn("en-US", date, timeZone);
  return /^GMT[+-]/.test(american) ? zoneNameIn("en-GB", date, timeZone) : american;
}

/** "3 Dec 2026": the day that holds `date` in `timeZone`. */
export function formatDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "3 Dec 2026, 14:05 CET": the wall-clock time in `timeZone`, 24-hour, the zone named. */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${two(p.hour)}:${two(p.minute)} ${zoneAbbreviation(date, timeZone)}`;
}

/** "December 2026": the month that holds `date` in `timeZone` (a month's totals). */
export function formatMonth(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** The value of an `<input type="datetime-local">` showing `date` as a clock in `timeZone` reads it: "2026-01-01T14:00". */
export function toDateTimeInput(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * Reads "YYYY-MM-DDTHH:mm" (seconds optional) or "YYYY-MM-DD" as a clock in `timeZone` reads
 * it (zonedTimeToUtc: a time the clocks skip is read with the offset from before the change,
 * so 02:30 on the spring-forward night in New York is 03:30 EDT); null when it is not such a
 * value or not a real date (e.g. 31 February).
 */
export function parseDateTimeInput(text: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(match[group] ?? 0)) as [number, number, number, number, number, number];
  // Whether it is a real date and time of day does not depend on the zone: checked as UTC.
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return null;
  }
  return zonedTimeToUtc({ year, month, day, hour, minute, second }, timeZone);
}

/** When the day that holds `now` began, in `timeZone` (an overview's "today"). */
export function startOfDayIn(now: Date, timeZone: string): Date {
  return startOfZonedDay(now, timeZone);
}

/** When the month that holds `now` began, in `timeZone` (an overview's "this month"). */
export function startOfMonthIn(now: Date, timeZone: string): Date {
  const p = zonedParts(now, timeZone);
  return zonedTimeToUtc({ year: p.year, month: p.month, day: 1 }, timeZone);
}
