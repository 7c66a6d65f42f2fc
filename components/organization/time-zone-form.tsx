"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { setTimeZoneAction } from "@/lib/organizations/actions";

/**
 * The organisation's time zone: a text field with the zones as suggestions (the browser's own
 * searchable list: typing "berl" offers Europe/Berlin), the current zone filled in. The server
 * accepts only a zone it knows, and says so under the field.
 */
export function TimeZoneForm({ timeZone, timeZones }: { timeZone: string; timeZones: readonly string[] }) {
  const [state, action] = useActionState(setTimeZoneAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField
        name="timeZone"
        label="Time zone"
        list="time-zone-names"
        autoComplete="off"
        spellCheck={false}
        required
        defaultValue={state.values?.timeZone ?? timeZone}
        errors={state.errors?.timeZone}
        hint="Type to search, e.g. Berlin or New York."
      />
      <datalist id="time-zone-names">
        {timeZones.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div>
        <SubmitButton pendingLabel="Saving…">Save time zone</SubmitButton>
      </div>
    </form>
  );
}
