"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiKeyAction, type CreateApiKeyState } from "@/lib/api-keys/actions";
import { MAX_API_KEY_NAME_LENGTH } from "@/lib/zod/schemas/api-keys";
import { NewApiKey } from "./new-api-key";

const initialState: CreateApiKeyState = { status: "idle" };

/** Names and creates a key; the key itself appears once, under the form. */
export function CreateApiKeyForm() {
  const [state, action] = useActionState(createApiKeyAction, initialState);
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
          defaultValue={state.status === "error" ? state.values?.name : undefined}
          errors={state.errors?.name}
        />
        <div>
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </div>
      </form>
      {state.created ? <NewApiKey key={state.created.id} name={state.created.name} apiKey={state.created.key} /> : null}
    </div>
  );
}
