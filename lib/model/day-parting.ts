// Day-parting as people think of it — "from 09:00 to 17:00", "weekdays" — over what is stored
// and served: a campaign's `hours` (0–23, the hour a page is viewed) and `weekdays` (0 = Sunday),
// in its organisation's zone. Empty means any. Pure, so the form (components/campaigns/
// schedule-picker.tsx) and its tests share it; any list of hours, however scattered, maps to
// ranges and back without loss.

/** Hours [from, to): `to` is exclusive, 1–24 (24 = midnight at the end of the day); from > to wraps past midnight. */
export interface HourRange {
  from: number;
  to: number;
}

export interface Schedule {
  weekdays: readonly number[];
  hours: readonly number[];
}

const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

/** The hours a range covers, sorted ([22, 2) → 0, 1, 22, 23); an empty range (from = to) covers none. */
export function hoursOfRange({ from, to }: HourRange): number[] {
  const length = to > from ? to - from : to < from ? to + 24 - from : 0;
  return sorted(Array.from({ length: Math.min(length, 24) }, (_, index) => (from + index) % 24));
}

/** Every hour of the ranges, once, sorted. */
export function hoursOfRanges(ranges: readonly HourRange[]): number[] {
  return sorted(ranges.flatMap(hoursOfRange));
}

/**
 * A list of hours as the fewest ranges, in order of the day: runs of consecutive hours, and a
 * run that ends at midnight joined to one that starts there ([22, 2) rather than [0, 2) and
 * [22, 24)). No hours → no ranges (any hour); all 24 → one range [0, 24).
 */
export function rangesOfHours(hours: readonly number[]): HourRange[] {
  const list = sorted(hours.filter((hour) => Number.isInteger(hour) && hour >= 0 && hour < 24));
  const ranges: HourRange[] = [];
  for (const hour of list) {
    const last = ranges.at(-1);
    if (last && last.to === hour) last.to = hour + 1;
    else ranges.push({ from: hour, to: hour + 1 });
  }
  const first = ranges[0];
  const last = ranges.at(-1);
  if (first && last && ranges.length > 1 && first.from === 0 && last.to === 24) {
    ranges.pop();
    first.from = last.from;
  }
  return ranges;
}

/** "09:00" for 9; 24 → "24:00". */
export const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** "09:00–17:00". */
export const rangeLabel = ({ from, to }: HourRange) => `${clock(from)}–${clock(to)}`;

/**
 * One click to a common schedule. A preset sets what its name is about and leaves the rest:
 * "Weekends" then "Evenings 18–24" is weekend evenings; "Weekdays 9–17" names both.
 */
export const SCHEDULE_PRESETS: ReadonlyArray<{ id: string; label: string; schedule: Partial<Schedule> }> = [
  { id: "weekdays-9-17", label: "Weekdays 9–17", schedule: { weekdays: [1, 2, 3, 4, 5], hours: hoursOfRange({ from: 9, to: 17 }) } },
  { id: "weekends", label: "Weekends", schedule: { weekdays: [0, 6] } },
  { id: "evenings", label: "Evenings 18–24", schedule: { hours: hoursOfRange({ from: 18, to: 24 }) } },
  { id: "all-day", label: "All day", schedule: { hours: [] } },
];

/** The schedule after a preset. */
export function applySchedulePreset(schedule: Schedule, preset: { schedule: Partial<Schedule> }): Schedule {
  return { weekdays: preset.schedule.weekdays ?? schedule.weekdays, hours: preset.schedule.hours ?? schedule.hours };
}
