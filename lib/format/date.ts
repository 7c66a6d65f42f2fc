// Flights, weekdays and hours are in UTC across Marquee (the decision engine works in UTC),
// so the dashboard shows and reads times in UTC too, and says so.

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "1 Jan 2026" */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "1 Jan 2026, 14:00 UTC" */
export function formatDateTime(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
}

/** The value of an `<input type="datetime-local">` showing `date` in UTC: "2026-01-01T14:00". */
export function toDateTimeInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/**
 * Reads "YYYY-MM-DDTHH:mm" (seconds optional) or "YYYY-MM-DD" as UTC; null when it is
 * not such a value or not a real date (e.g. 31 February).
 */
export function parseDateTimeInput(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00"] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day) ||
    date.getUTCHours() !== Number(hour) ||
    date.getUTCMinutes() !== Number(minute) ||
    date.getUTCSeconds() !== Number(second)
  ) {
    return null;
  }
  return date;
}

/** Midnight UTC of the day of `now`. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Midnight UTC of the first day of the month of `now`. */
export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
