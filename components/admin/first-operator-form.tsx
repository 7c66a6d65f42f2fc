"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setUpFirstOperatorAction } from "@/lib/admin/actions";
import { initialFormState } from "@/lib/forms/form-state";

/** The setup page's form: the first operator's account; the link's token travels with it. */
export function FirstOperatorForm({ token }: { token: string }) {
  const [state, action] = useActionState(setUpFirstOperatorAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} errors={state.errors?.name} />
      <TextField name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.errors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" required hint="At least 10 characters, hard to guess." errors={state.errors?.password} />
      <SubmitButton pendingLabel="Creating the operator account…">Create the operator account</SubmitButton>
    </form>
  );
}
