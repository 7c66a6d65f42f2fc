"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { grantOperatorAction } from "@/lib/admin/actions";
import { initialFormState } from "@/lib/forms/form-state";

/** Makes an existing account an operator, named by its e-mail address. */
export function GrantOperatorForm() {
  const [state, action] = useActionState(grantOperatorAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField name="email" label="E-mail of the account" type="email" autoComplete="off" required defaultValue={state.values?.email} errors={state.errors?.email} hint="The person signs up first." />
      <div>
        <SubmitButton pendingLabel="Granting…">Make operator</SubmitButton>
      </div>
    </form>
  );
}
