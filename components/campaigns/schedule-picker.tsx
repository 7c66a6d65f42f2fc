"use client";

import { useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { applySchedulePreset, clock, hoursOfRange, rangesOfHours, SCHEDULE_PRESETS, type HourRange, type Schedule } from "@/lib/model/day-parting";
import { HOURS, WEEKDAY_LABELS } from "@/lib/model/options";
import { useHydrated } from "./use-hydrated";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none";
const smallButton = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50";
const fromOptions = HOURS;
const toOptions = HOURS.map((hour) => hour + 1);

/** The first hour no range covers, as a one-hour range; 09:00–17:00 on an empty schedule. */
function nextRange(hours: readonly number[]): HourRange {
  if (hours.length === 0) return { from: 9, to: 17 };
  const free = HOURS.find((hour) => !hours.includes(hour));
  return free === undefined ? { from: 0, to: 24 } : { from: free, to: free + 1 };
}

/**
 * Day-parting: weekdays as checkboxes, hours as ranges ("From 09:00 to 17:00", as many as
 * needed) and presets. What the form sends stays the stored lists — `weekdays` and `hours` —
 * so the server action and the API read it as before, and any saved hours (even 1, 5, 9) show
 * as ranges and save back unchanged (lib/model/day-parting.ts). Without JavaScript it is the
 * 7 + 24 checkboxes, under the same names.
 */
export function SchedulePicker({
  defaultWeekdays,
  defaultHours,
  errors,
  timeZone,
}: {
  defaultWeekdays: readonly number[];
  defaultHours: readonly number[];
  errors: { weekdays?: string[]; hours?: string[] };
  /** The organisation's zone, in which weekdays and hours are read. */
  timeZone: string;
}) {
  const hydrated = useHydrated();
  const [schedule, setSchedule] = useState<Schedule>({ weekdays: defaultWeekdays, hours: defaultHours });
  const setHours = (hours: readonly number[]) => setSchedule((current) => ({ ...current, hours: [...new Set(hours)].sort((a, b) => a - b) }));
  const toggleDay = (day: number, on: boolean) =>
    setSchedule((current) => ({ ...current, weekdays: on ? [...new Set([...current.weekdays, day])].sort((a, b) => a - b) : current.weekdays.filter((other) => other !== day) }));

  const weekdays = (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.weekdays?.length ? "weekdays-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Weekdays ({timeZone})</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {WEEKDAY_LABELS.map((label, day) => (
          <label key={label} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name="weekdays" value={day} checked={schedule.weekdays.includes(day)} onChange={(event) => toggleDay(day, event.target.checked)} className="h-4 w-4 rounded border-slate-300" />
            <abbr title={label} className="no-underline">
              {label.slice(0, 3)}
            </abbr>
          </label>
        ))}
      </div>
      <p className="text-xs text-slate-500">None ticked means every day.</p>
      <FieldErrors name="weekdays" errors={errors.weekdays} />
    </fieldset>
  );

  if (!hydrated) {
    return (
      <div className="flex flex-col gap-4">
        {weekdays}
        <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.hours?.length ? "hours-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Hours ({timeZone})</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {HOURS.map((hour) => (
              <label key={hour} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" name="hours" value={hour} defaultChecked={defaultHours.includes(hour)} className="h-4 w-4 rounded border-slate-300" />
                {String(hour).padStart(2, "0")}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-500">The hour a page is viewed, 00 to 23. None ticked means any hour.</p>
          <FieldErrors name="hours" errors={errors.hours} />
        </fieldset>
      </div>
    );
  }

  const ranges = rangesOfHours(schedule.hours);
  const replaceRange = (old: HourRange, next: HourRange) => {
    const removed = hoursOfRange(old);
    setHours([...schedule.hours.filter((hour) => !removed.includes(hour)), ...hoursOfRange(next)]);
  };

  return (
    <div className="flex flex-col gap-4">
      <div role="group" aria-label="Schedule presets" className="flex flex-wrap gap-2">
        {SCHEDULE_PRESETS.map((preset) => (
          <button key={preset.id} type="button" onClick={() => setSchedule((current) => applySchedulePreset(current, preset))} className={smallButton}>
            {preset.label}
          </button>
        ))}
      </div>
      {weekdays}
      {/* Outside the fieldset: focus on an error goes to its first visible control. */}
      {schedule.hours.map((hour) => (
        <input key={hour} type="hidden" name="hours" value={hour} />
      ))}
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.hours?.length ? "hours-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Hours ({timeZone})</legend>
        {ranges.length === 0 ? <p className="text-sm text-slate-600">All day: any hour.</p> : null}
        <ul className="flex flex-col gap-2">
          {ranges.map((range, index) => (
            <li key={index} className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <label className="inline-flex items-center gap-1.5">
                From
                <select value={range.from} onChange={(event) => replaceRange(range, { from: Number(event.target.value), to: range.to })} className={selectClass} aria-label={`Range ${index + 1} from`}>
                  {fromOptions.map((hour) => (
                    <option key={hour} value={hour}>
                      {clock(hour)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-flex items-center gap-1.5">
                to
                <select value={range.to} onChange={(event) => replaceRange(range, { from: range.from, to: Number(event.target.value) })} className={selectClass} aria-label={`Range ${index + 1} to`}>
                  {toOptions.map((hour) => (
                    <option key={hour} value={hour}>
                      {clock(hour)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => replaceRange(range, { from: 0, to: 0 })} className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100" aria-label={`Remove ${clock(range.from)}–${clock(range.to)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div>
          <button type="button" onClick={() => setHours([...schedule.hours, ...hoursOfRange(nextRange(schedule.hours))])} className={smallButton}>
            Add hours
          </button>
        </div>
        <p className="text-xs text-slate-500">The hour a page is viewed; “to” is not included (09:00–17:00 ends at 16:59). Past midnight, e.g. 22:00 to 02:00, works too.</p>
        <FieldErrors name="hours" errors={errors.hours} />
      </fieldset>
    </div>
  );
}
