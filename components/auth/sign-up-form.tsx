"use client";

import { useActionState } from "react";
import { signUp } from "@/lib/auth/actions";
import { initialFormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { BrowserTimeZoneField } from "@/components/auth/browser-time-zone-field";
import { NewAccountFields } from "@/components/auth/new-account-fields";

export function SignUpForm() {
  const [state, action] = useActionState(signUp, initialFormState);
  const kind = state.values?.kind ?? "ADVERTISER";
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="text-sm font-medium text-slate-800">I want to</legend>
        <div className="grid grid-cols-2 gap-2">
          {[
            { value: "ADVERTISER", label: "Advertise", detail: "Run campaigns" },
            { value: "PUBLISHER", label: "Publish", detail: "Show ads on my sites" },
          ].map((option) => (
            <label key={option.value} className="flex cursor-pointer flex-col rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:ring-2 has-[:checked]:ring-brand-500/30">
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="kind" value={option.value} defaultChecked={kind === option.value} />
                {option.label}
              </span>
              <span className="text-xs text-slate-500">{option.detail}</span>
            </label>
          ))}
        </div>
        {state.errors?.kind ? <p className="text-sm text-red-700" role="alert">{state.errors.kind.join(" ")}</p> : null}
      </fieldset>
      <TextField name="organizationName" label="Company or site name" autoComplete="organization" required defaultValue={state.values?.organizationName} errors={state.errors?.organizationName} />
      <NewAccountFields state={state} />
      <BrowserTimeZoneField />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
