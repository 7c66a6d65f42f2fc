"use client";

import { useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { IAB_SIZES, iabSizeLabels } from "@/lib/model/options";
import { SIZE_PRESETS } from "@/lib/model/size-presets";
import { useHydrated } from "./use-hydrated";

/**
 * The sizes a campaign targets: plain checkboxes (they are the form's fields, so this works
 * without JavaScript), and with it, presets that tick a group of sizes at once (shown only
 * once hydrated: without script they could not work).
 */
export function SizePicker({ name, defaultValues, errors }: { name: string; defaultValues: readonly string[]; errors?: string[] }) {
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<readonly string[]>(defaultValues);
  const tick = (sizes: readonly string[]) => setChosen((current) => [...new Set([...current, ...sizes])]);
  const toggle = (size: string, on: boolean) => setChosen((current) => (on ? [...current, size] : current.filter((other) => other !== size)));

  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={[errors?.length ? `${name}-error` : null, `${name}-hint`].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-slate-800">Sizes</legend>
      {hydrated ? (
        <div role="group" aria-label="Size presets" className="flex flex-wrap gap-2 pb-1">
          {SIZE_PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              onClick={() => tick(preset.sizes)}
              title={`Ticks ${preset.sizes.map((size) => size.replace("x", "×")).join(", ")}`}
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              + {preset.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {IAB_SIZES.map((size) => (
          <label key={size} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              name={name}
              value={size}
              checked={chosen.includes(size)}
              onChange={(event) => toggle(size, event.target.checked)}
              className="h-4 w-4 rounded border-slate-300"
            />
            {iabSizeLabels[size]}
          </label>
        ))}
      </div>
      <p id={`${name}-hint`} className="text-xs text-slate-500">
        Only placements of these sizes.
      </p>
      <FieldErrors name={name} errors={errors} />
    </fieldset>
  );
}
