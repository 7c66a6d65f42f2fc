"use client";

import { useState } from "react";
import { cn } from "./cn";

// A field's errors come from the server (the form's last submission). Once the person edits
// the field, its error is stale: it goes, with aria-invalid and the red border, until the next
// submission brings new ones. Without script nothing changes: the errors stay until the form
// is sent again, as before.

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

interface FieldProps {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  className?: string;
}

/**
 * The errors still to show: `errors` until the field is edited (onInput), and new ones again
 * after the next submission (a new `errors` array).
 */
function useShownErrors(errors: string[] | undefined): { shown: string[] | undefined; onEdit: () => void } {
  const [edited, setEdited] = useState<{ errors: string[] | undefined } | null>(null);
  const shown = edited && edited.errors === errors ? undefined : errors;
  return { shown, onEdit: () => setEdited({ errors }) };
}

function describedBy(name: string, errors?: string[], hint?: string): string | undefined {
  return [errors?.length ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ name, label, errors, hint, className, children }: FieldProps & { children: React.ReactNode }) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={name} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

/** A field's errors under it, named `<name>-error` for the input's aria-describedby. */
export function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="text-sm text-red-700" role="alert">
      {errors.join(" ")}
    </p>
  );
}

export function TextField({ name, label, errors: received, hint, className, onInput, ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const { shown: errors, onEdit } = useShownErrors(received);
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} className={className}>
      <input
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        className={cn(control, errors?.length ? "border-red-500" : "border-slate-300")}
        onInput={(event) => {
          onEdit();
          onInput?.(event);
        }}
        {...input}
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, errors: received, hint, className, onInput, ...textarea }: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { shown: errors, onEdit } = useShownErrors(received);
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} className={className}>
      <textarea
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        className={cn(control, "min-h-24", errors?.length ? "border-red-500" : "border-slate-300")}
        onInput={(event) => {
          onEdit();
          onInput?.(event);
        }}
        {...textarea}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  errors: received,
  hint,
  className,
  options,
  onChange,
  ...select
}: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<{ value: string; label: string }> }) {
  const { shown: errors, onEdit } = useShownErrors(received);
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} className={className}>
      <select
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        className={cn(control, errors?.length ? "border-red-500" : "border-slate-300")}
        onChange={(event) => {
          onEdit();
          onChange?.(event);
        }}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes sharing one name (e.g. devices, weekdays). */
export function CheckboxGroup({
  name,
  label,
  errors: received,
  hint,
  options,
  defaultValues = [],
}: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; defaultValues?: readonly string[] }) {
  const { shown: errors, onEdit } = useShownErrors(received);
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={describedBy(name, errors, hint)} onChange={onEdit}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name={name} value={option.value} defaultChecked={defaultValues.includes(option.value)} className="h-4 w-4 rounded border-slate-300" />
            {option.label}
          </label>
        ))}
      </div>
      {hint ? (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors name={name} errors={errors} />
    </fieldset>
  );
}
