import { DEFAULT_TIME_ZONE, zonedParts, zonedTimeToUtc } from "@/lib/format/time-zone";

// What a clock in a campaign's organisation's zone reads: the local day (daily budget, even
// pacing), weekday and hour (day-parting). Read once per zone per UTC minute and kept, so a
// decision costs a Map lookup here, not an Intl call per campaign per request. A minute is
// safe: every zone's offset, and every change of it, falls on a whole minute, so the local
// hour and day cannot change within one.

export interface ZoneClock {
  /** The local date, YYYY-MM-DD. */
  day: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 0–23. */
  hour: number;
  /** Epoch milliseconds at which the local day began, and at which the next one begins: 23, 24 or 25 hours apart. */
  dayStart: number;
  dayEnd: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const clocks = new Map<string, { minute: number; clock: ZoneClock }>();

/** A zone's local day as another instance read it: its date, weekday, start and end. */
export type ZoneDay = Omit<ZoneClock, "hour">;

const knownDays = new Map<string, ZoneDay>();

/**
 * Tells the clock a zone's local day, read by the instance that wrote the shared copy of the
 * active set (lib/ads/active-set-parts.ts). Within that day, if it is 24 hours long (its offset
 * does not change), the local hour is the whole hours since its start and no Intl call is
 * needed: a new instance's first Intl call loads ICU's zone data, ~30 ms of its first ad. A
 * day of 23 or 25 hours (the clocks change) is not kept: Intl reads it.
 */
export function knowZoneDay(timeZone: string, day: ZoneDay): void {
  if (day.dayEnd - day.dayStart !== 24 * HOUR_MS || !/^\d{4}-\d{2}-\d{2}$/.test(day.day) || !(day.weekday >= 0 && day.weekday <= 6)) return;
  knownDays.set(timeZone, { day: day.day, weekday: day.weekday, dayStart: day.dayStart, dayEnd: day.dayEnd });
}

/** The clock of `timeZone` at `now` (epoch ms). An unknown zone reads as UTC rather than failing every decision. */
export function zoneClock(timeZone: string, now: number): ZoneClock {
  const minute = Math.floor(now / MINUTE_MS);
  const cached = clocks.get(timeZone);
  if (cached && cached.minute === minute) return cached.clock;
  const known = knownDays.get(timeZone);
  let clock: ZoneClock;
  if (known && known.dayStart <= now && now < known.dayEnd) {
    clock = { ...known, hour: Math.floor((now - known.dayStart) / HOUR_MS) };
    clocks.set(timeZone, { minute, clock });
    return clock;
  }
  try {
    clock = readClock(timeZone, now);
  } catch {
    clock = readClock(DEFAULT_TIME_ZONE, now);
  }
  clocks.set(timeZone, { minute, clock });
  return clock;
}

function readClock(timeZone: string, now: number): ZoneClock {
  const parts = zonedParts(new Date(now), timeZone);
  // Date.UTC rolls day 32 over into the next month: the next local date, without a calendar.
  const next = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + 1));
  return {
    day: `${parts.year}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`,
    weekday: parts.weekday,
    hour: parts.hour,
    dayStart: zonedTimeToUtc({ year: parts.year, month: parts.month, day: parts.day }, timeZone).getTime(),
    dayEnd: zonedTimeToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone).getTime(),
  };
}
