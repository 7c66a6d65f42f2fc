"use client";

import { useActionState, useRef } from "react";
import { ButtonLink } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createCampaignAction, updateCampaignAction } from "@/lib/campaigns/actions";
import { listValue, type FormValues } from "@/lib/campaigns/form-values";
import type { PlacementOption } from "@/lib/campaigns/list-placement-options";
import { DEVICE_TYPES, PACINGS, PRICING_MODELS, PRIORITY_TIERS } from "@/lib/model/enums";
import { FREQUENCY_PERIODS, deviceLabels, frequencyPeriodLabels, pacingLabels, pricingModelLabels, priorityTierLabels, type FrequencyPeriod } from "@/lib/model/options";
import { initialFormState } from "@/lib/forms/form-state";
import { FormSection } from "./form-section";
import { PlacementPicker } from "./placement-picker";
import { SchedulePicker } from "./schedule-picker";
import { SizePicker } from "./size-picker";
import { useFocusFirstError } from "./use-focus-first-error";
import { useFormVersion } from "./use-form-version";

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

const periodOptions = [
  { value: "", label: "No cap" },
  ...(Object.keys(FREQUENCY_PERIODS) as FrequencyPeriod[]).map((period) => ({ value: period, label: frequencyPeriodLabels[period] })),
];

/**
 * One form for a new campaign and for editing one: every setting, grouped. Works without
 * JavaScript (a plain form post to the server action); with it, errors appear without a
 * reload and focus moves to the first one. What the user typed is kept on errors.
 */
export function CampaignForm({
  campaignId,
  initialValues,
  statusOptions,
  placements,
  cancelHref,
  timeZone,
}: {
  campaignId?: string;
  initialValues: FormValues;
  statusOptions: ReadonlyArray<{ value: string; label: string }>;
  placements: PlacementOption[];
  cancelHref: string;
  /** The organisation's IANA zone: flights, weekdays and hours are read and shown in it. */
  timeZone: string;
}) {
  const [state, action] = useActionState(campaignId ? updateCampaignAction : createCampaignAction, initialFormState);
  const version = useFormVersion(state);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);

  const values = state.values ?? initialValues;
  const errors = state.errors ?? {};
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", errors: errors[name] });

  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={state} />
      <form key={version} ref={formRef} action={action} noValidate className="flex flex-col gap-6">
        {campaignId ? <input type="hidden" name="campaignId" value={campaignId} /> : null}

        <FormSection title="Campaign">
          <TextField label="Name" required maxLength={100} autoComplete="off" className="sm:col-span-2" {...field("name")} />
          <SelectField label="Status" options={statusOptions} {...field("status")} hint="Active campaigns serve once a creative is approved." />
        </FormSection>

        <FormSection title="Flight" description={`Dates and times in ${timeZone}, the organisation's time zone (Settings → Organisation).`}>
          <TextField label={`Starts (${timeZone})`} type="datetime-local" required {...field("startsAt")} />
          <TextField label={`Ends (${timeZone})`} type="datetime-local" hint="Leave empty to run until the budget is spent." {...field("endsAt")} />
        </FormSection>

        <FormSection title="Pricing and budget" description="Amounts in US dollars, e.g. 2.50.">
          <SelectField label="Pricing" options={options(PRICING_MODELS, pricingModelLabels)} {...field("pricingModel")} />
          <TextField label="Price (USD)" inputMode="decimal" autoComplete="off" hint="Per 1,000 impressions (CPM) or per click (CPC)." {...field("price")} />
          <TextField label="Total budget (USD)" inputMode="decimal" autoComplete="off" {...field("totalBudget")} />
          <TextField label="Daily budget (USD)" inputMode="decimal" autoComplete="off" hint="Optional. At most the total budget." {...field("dailyBudget")} />
          <SelectField label="Pacing" options={options(PACINGS, pacingLabels)} className="sm:col-span-2" {...field("pacing")} />
        </FormSection>

        <FormSection title="Priority" description="Higher tiers always win; within a tier, weight × price decides how often.">
          <SelectField label="Tier" options={options(PRIORITY_TIERS, priorityTierLabels)} {...field("tier")} />
          <TextField label="Weight" type="number" inputMode="numeric" min={1} max={1000} step={1} hint="1 to 1000." {...field("weight")} />
        </FormSection>

        <FormSection title="Frequency cap" description="How often one viewer may see this campaign. Leave both empty for no cap.">
          <TextField label="Impressions per viewer" type="number" inputMode="numeric" min={1} max={1000} step={1} {...field("frequencyCapCount")} />
          <SelectField label="Period" options={periodOptions} {...field("frequencyCapPeriod")} />
        </FormSection>

        {/* Targeting is the longest section: one tab stop past it, to the buttons. */}
        <a href="#campaign-form-submit" className="sr-only self-start rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-2 ring-brand-500 focus:not-sr-only">
          Skip targeting
        </a>
        <FormSection title="Targeting" description="Nothing chosen means any: every placement, size, country, device, keyword and time.">
          <div className="sm:col-span-2">
            {placements.length > 0 ? (
              <PlacementPicker name="targetPlacementIds" placements={placements} defaultValues={listValue(values, "targetPlacementIds")} errors={errors.targetPlacementIds} />
            ) : (
              <p className="text-sm text-slate-600">No publisher offers a placement yet: the campaign can target sizes only.</p>
            )}
          </div>
          <div className="sm:col-span-2">
            <SizePicker name="targetSizes" defaultValues={listValue(values, "targetSizes")} errors={errors.targetSizes} />
          </div>
          <TextField label="Countries to include" autoComplete="off" placeholder="US, CA" hint="Two-letter codes, separated by commas." {...field("countriesInclude")} />
          <TextField label="Countries to exclude" autoComplete="off" placeholder="FR" hint="Two-letter codes, separated by commas." {...field("countriesExclude")} />
          <div className="sm:col-span-2">
            <CheckboxGroup name="devices" label="Devices" options={options(DEVICE_TYPES, deviceLabels)} defaultValues={listValue(values, "devices")} errors={errors.devices} />
          </div>
          <TextField label="Keywords" autoComplete="off" placeholder="hiking, camping" hint="Separated by commas. Matched against the page's and the placement's keywords." className="sm:col-span-2" {...field("keywords")} />
          <div className="sm:col-span-2">
            <SchedulePicker
              defaultWeekdays={listValue(values, "weekdays").map(Number)}
              defaultHours={listValue(values, "hours").map(Number)}
              errors={{ weekdays: errors.weekdays, hours: errors.hours }}
              timeZone={timeZone}
            />
          </div>
        </FormSection>

        <div id="campaign-form-submit" tabIndex={-1} className="flex flex-col-reverse gap-2 focus:outline-none sm:flex-row sm:justify-end">
          <ButtonLink href={cancelHref} variant="secondary">
            Cancel
          </ButtonLink>
          <SubmitButton pendingLabel="Saving…">{campaignId ? "Save campaign" : "Create campaign"}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
