"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiKeyAction, type CreateApiKeyState } from "@/lib/api-keys/actions";
import type { ApiKeyAccess } from "@/lib/generated/prisma/enums";
import { API_KEY_ACCESS_LABELS } from "@/lib/model/permissions";
import { API_KEY_EXPIRY_DAYS, MAX_API_KEY_NAME_LENGTH } from "@/lib/zod/schemas/api-keys";
import { NewApiKey } from "./new-api-key";
import { RadioGroup } from "@/components/ui/radio-group";

const initialState: CreateApiKeyState = { status: "idle" };

const accessHints: Record<ApiKeyAccess, string> = {
  READ: "Reads reports and records; changes nothing.",
  READ_WRITE: "Also creates, edits, pauses and archives, as far as your role allows.",
};

const expiryOptions = [
  { value: "never", label: "Never" },
  ...API_KEY_EXPIRY_DAYS.map((days) => ({ value: String(days), label: `In ${days} days` })),
  { value: "date", label: "On a date" },
];

/**
 * Names and creates a key, with what it may do (the accesses the member's role may give) and
 * when it expires; the key itself appears once, under the form.
 */
export function CreateApiKeyForm({ accesses, timeZone }: { accesses: readonly ApiKeyAccess[]; /** The organisation's: an expiry date is read in it. */ timeZone: string }) {
  const [state, action] = useActionState(createApiKeyAction, initialState);
  const refill = state.status === "error" ? state.values : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4" noValidate>
        <FormMessage state={state} />
        <TextField
          name="name"
          label="Key name"
          required
          maxLength={MAX_API_KEY_NAME_LENGTH}
          placeholder="Nightly report export"
          hint="Name it after what will use it, to know which key to revoke."
          defaultValue={refill?.name}
          errors={state.errors?.name}
        />
        <RadioGroup
          name="access"
          label="Access"
          options={accesses.map((access) => ({ value: access, label: API_KEY_ACCESS_LABELS[access], hint: accessHints[access] }))}
          defaultValue={refill?.access ?? "READ"}
          errors={state.errors?.access}
        />
        {/* The date shows when "On a date" is checked: CSS, so it works before (and without) JavaScript. */}
        <div className="group flex flex-col gap-2">
          <RadioGroup name="expiresIn" label="Expires" options={expiryOptions} defaultValue={refill?.expiresIn ?? "90"} errors={state.errors?.expiresIn} />
          <div className="hidden group-has-[#expiresIn-date:checked]:block">
            <TextField
              name="expiresOn"
              label={`Expiry date (${timeZone})`}
              type="date"
              defaultValue={refill?.expiresOn}
              errors={state.errors?.expiresOn}
              hint={`The key stops working at the start of that day in ${timeZone}.`}
            />
          </div>
        </div>
        <div>
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </div>
      </form>
      {state.created ? <NewApiKey key={state.created.id} name={state.created.name} apiKey={state.created.key} /> : null}
    </div>
  );
}
