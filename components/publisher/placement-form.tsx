"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { createPlacementAction, updatePlacementAction } from "@/lib/placements/actions";
import { PLACEMENT_SIZE_NAMES, PLACEMENT_SIZES } from "@/lib/zod/schemas/placements";

const sizeOptions = [
  { value: "", label: "Choose a size" },
  ...PLACEMENT_SIZES.map((size) => ({ value: size, label: `${size.replace("x", " × ")} — ${PLACEMENT_SIZE_NAMES[size]}` })),
];

export interface PlacementFormValues {
  name: string;
  size: string;
  keywords: string;
  floorPrice: string;
}

/** Creates a placement on a site, or (given a placement id and its values) edits it. */
export function PlacementForm(props: { siteId: string; placement?: undefined } | { siteId?: undefined; placement: { id: string; values: PlacementFormValues } }) {
  const [state, formAction] = useActionState(props.placement ? updatePlacementAction : createPlacementAction, initialFormState);
  const initial = props.placement?.values;
  const value = (name: keyof PlacementFormValues) => state.values?.[name] ?? initial?.[name];
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {props.placement ? <input type="hidden" name="placementId" value={props.placement.id} /> : <input type="hidden" name="siteId" value={props.siteId} />}
      <FormMessage state={state} />
      <TextField name="name" label="Placement name" required maxLength={100} placeholder="Sidebar, top" defaultValue={value("name")} errors={state.errors?.name} />
      {/* Keyed by the value: React applies a select's defaultValue only when it mounts, and the
          form reset after an action would otherwise bring back the first one. */}
      <SelectField
        key={`size-${value("size") ?? ""}`}
        name="size"
        label="Size"
        required
        options={sizeOptions}
        hint="An ad shows only where the page gives it the placement's whole width. Phones are 320–430 px wide: a 728 × 90 or 970 × 250 never fits there; 320 × 50 and 300 × 250 are made for them."
        defaultValue={value("size") ?? ""}
        errors={state.errors?.size}
      />
      <TextField
        name="keywords"
        label="Keywords"
        placeholder="outdoor, hiking"
        hint="Optional, separated by commas. Campaigns targeting these keywords can show here."
        defaultValue={value("keywords")}
        errors={state.errors?.keywords}
      />
      <TextField
        name="floorPrice"
        label="Floor price (USD CPM)"
        inputMode="decimal"
        placeholder="0.00"
        hint="The least an ad must pay per 1,000 impressions to show here. Empty: no floor."
        defaultValue={value("floorPrice")}
        errors={state.errors?.floorPrice}
      />
      <div>
        <SubmitButton pendingLabel={props.placement ? "Saving…" : "Creating…"}>{props.placement ? "Save placement" : "Create placement"}</SubmitButton>
      </div>
    </form>
  );
}
