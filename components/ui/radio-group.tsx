import { FieldErrors } from "./field";

/** One choice of several as radio buttons, each with an optional hint, and the field's errors. */
export function RadioGroup({
  name,
  label,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={errors?.length ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-col gap-1.5">
        {options.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="radio"
              id={`${name}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={defaultValue === option.value}
              aria-describedby={option.hint ? `${name}-${option.value}-hint` : undefined}
              className="mt-0.5 h-4 w-4 border-slate-300"
            />
            <span className="flex flex-col">
              <span>{option.label}</span>
              {option.hint ? (
                <span id={`${name}-${option.value}-hint`} className="text-xs text-slate-500">
                  {option.hint}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      <FieldErrors name={name} errors={errors} />
    </fieldset>
  );
}
