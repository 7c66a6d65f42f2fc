// Wall-clock time in an IANA time zone (an organisation's: "Europe/Berlin"), both ways, with the
// rules of the zone's daylight-saving changes from the runtime's own tz database (Intl). Every
// date an organisation enters or sees, and every day, hour and weekday its campaigns keep, goes
// through here: one place where a March or October change can go wrong.

export const DEFAULT_TIME_ZONE = "UTC";

/** A moment's wall-clock reading in a zone. month 1–12; weekday 0 = Sunday … 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat costs far more than using one: one per zone, kept.
const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows `timeZone` as an IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    partFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zones a person may choose from (the runtime's list, with UTC). */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf("timeZone");
  return names.includes(DEFAULT_TIME_ZONE) ? names : [DEFAULT_TIME_ZONE, ...names];
}

/** What a clock in `timeZone` reads at `date`. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of partFormat(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
  };
}

/** How far `timeZone`'s clock is ahead of UTC at `date`, in milliseconds (negative west of Greenwich). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/**
 * The moment a clock in `timeZone` reads `wall`. A reading that happens twice (the hour
 * repeated when clocks go back) is its first occurrence; one that never happens (the hour
 * skipped when clocks go forward) is read with the offset from before the change, so
 * 02:30 on a spring-forward night in Europe/Berlin is 03:30 local — the moment a person
 * who meant "half past two" would expect.
 */
export function zonedTimeToUtc(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // The offset a few hours either side of the reading: they differ only near a change.
  const before = zoneOffsetMs(new Date(asUtc - 12 * 3_600_000), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + 12 * 3_600_000), timeZone);
  // Try the earlier offset first (the first occurrence of a repeated hour), then the later one.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = new Date(asUtc - offset);
    if (zoneOffsetMs(candidate, timeZone) === offset) return candidate;
  }
  // A skipped reading: no offset maps onto it; use the offset from before the change.
  return new Date(asUtc - before);
}

/** The moment the day (in `timeZone`) that holds `date` began. */
export function startOfZonedDay(date: Date, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  return zonedTimeToUtc({ year: p.year, month: p.month, day: p.day }, timeZone);
}

/** The day (in `timeZone`) that holds `date`, as "YYYY-MM-DD". */
export function zonedDayKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}
