"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ReportFormValues } from "@/lib/reports/report-query";
import { SEARCH_MAX_LENGTH } from "@/lib/zod/schemas/search";

// The report filters: a plain GET form, so that every report is a URL (bookmark, share,
// back button) and works without JavaScript. With JavaScript, picking a date switches the
// range to "Custom dates". A scope with more options than a list should hold comes with a
// search field: sent with the form, it narrows the list to the names that contain it.

export interface FilterOption {
  value: string;
  label: string;
}

const rangeOptions: FilterOption[] = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom dates" },
];

const granularityOptions: FilterOption[] = [
  { value: "day", label: "Daily" },
  { value: "hour", label: "Hourly (up to 31 days)" },
];

export function ReportFilters({
  values,
  errors = {},
  timeZones,
  scope,
}: {
  values: ReportFormValues;
  errors?: Record<string, string[]>;
  timeZones: FilterOption[];
  /** The campaign (advertiser) or placement (publisher) filter. */
  scope: {
    name: "campaign" | "placement";
    label: string;
    allLabel: string;
    options: FilterOption[];
    /** A field that narrows `options` when the form is sent (`name`: its query parameter), and what the list holds now. */
    search?: { name: string; label: string; value: string; hint: string };
  };
}) {
  const selectDates = (form: HTMLFormElement) => {
    const range = form.elements.namedItem("range");
    if (range instanceof HTMLSelectElement) range.value = "custom";
  };
  return (
    <form
      method="get"
      role="search"
      aria-label="Report filters"
      className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      onChange={(event) => {
        const target = event.target;
        if (target instanceof HTMLInputElement && (target.name === "from" || target.name === "to")) selectDates(event.currentTarget);
      }}
    >
      <SelectField name="range" label="Range" options={rangeOptions} defaultValue={values.range} errors={errors.range} />
      <TextField name="from" label="From" type="date" defaultValue={values.from} errors={errors.from} hint="Used with custom dates" />
      <TextField name="to" label="To (included)" type="date" defaultValue={values.to} errors={errors.to} />
      <SelectField name="tz" label="Time zone" options={timeZones} defaultValue={values.tz} errors={errors.tz} />
      <SelectField name="granularity" label="Granularity" options={granularityOptions} defaultValue={values.granularity} errors={errors.granularity} />
      {scope.search ? (
        <TextField
          name={scope.search.name}
          label={scope.search.label}
          type="search"
          defaultValue={scope.search.value}
          maxLength={SEARCH_MAX_LENGTH}
          hint={scope.search.hint}
          className="sm:col-span-2"
        />
      ) : null}
      <SelectField
        name={scope.name}
        label={scope.label}
        options={[{ value: "", label: scope.allLabel }, ...scope.options]}
        defaultValue={values[scope.name]}
        errors={errors[scope.name]}
        className="sm:col-span-2"
      />
      <div className="flex items-end">
        <Button type="submit" className="w-full sm:w-auto">
          Show report
        </Button>
      </div>
    </form>
  );
}
