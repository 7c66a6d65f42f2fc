// Local dates and hours for reports. Reports bucket the hourly rollups — whole UTC hours — by
// the local date on which each hour starts; these helpers give that date, the first hour of a
// local date, and the labels of hours, on the one wall-clock module (lib/format/time-zone.ts).
import { zonedDayKey, zonedParts, zoneOffsetMs, type ZonedParts } from "@/lib/format/time-zone";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type LocalDateTime = Omit<ZonedParts, "weekday">;

const asDate = (instant: Date | number) => (typeof instant === "number" ? new Date(instant) : instant);

/** The wall-clock time in `timeZone` at `instant`. */
export function localDateTime(instant: Date | number, timeZone: string): LocalDateTime {
  return zonedParts(asDate(instant), timeZone);
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

/** The local date (YYYY-MM-DD) in `timeZone` at `instant`. */
export function localDate(instant: Date | number, timeZone: string): string {
  return zonedDayKey(asDate(instant), timeZone);
}

/** Minutes east of UTC of `timeZone` at `instant` (Berlin in summer: 120; New York in winter: -300). */
export function utcOffsetMinutes(instant: Date | number, timeZone: string): number {
  return Math.round(zoneOffsetMs(asDate(instant), timeZone) / 60_000);
}

/** "+02:00", "-05:00", "+05:30". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * The local start of the hour beginning at `instant`, with its offset: "2026-10-25 02:00 +02:00".
 * The offset tells apart the two 02:00 hours of the night the clocks go back.
 */
export function localHourLabel(instant: Date | number, timeZone: string): string {
  const local = localDateTime(instant, timeZone);
  const offset = formatUtcOffset(utcOffsetMinutes(instant, timeZone));
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)} ${offset}`;
}

/** The UTC hour (epoch ms) that starts at or before `time`. */
export function floorToHour(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

/** "2026-10-25T01:00:00Z": the key of a UTC hour, as the report's SQL spells it. */
export function utcHourKey(time: number): string {
  return `${new Date(floorToHour(time)).toISOString().slice(0, 13)}:00:00Z`;
}

/**
 * The first whole UTC hour that starts on local date `date` (YYYY-MM-DD) in `timeZone`.
 * Every hour from it until the first hour of the next date belongs to `date`: 24 of them
 * on most days, 23 or 25 when the clocks change. In zones with a half-hour offset it is
 * the hour starting at 00:30 local time.
 */
export function firstHourOfLocalDate(date: string, timeZone: string): number {
  const midnightAsUtc = Date.parse(`${date}T00:00:00Z`);
  let hour = floorToHour(midnightAsUtc - utcOffsetMinutes(midnightAsUtc, timeZone) * 60_000);
  // The offset at the guess may differ from the offset at local midnight (a clock change
  // near midnight): walk to the exact boundary, at most a few hours.
  while (localDate(hour, timeZone) < date) hour += HOUR_MS;
  while (localDate(hour - HOUR_MS, timeZone) >= date) hour -= HOUR_MS;
  return hour;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD), both included: 1 when equal. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}
