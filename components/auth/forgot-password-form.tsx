"use client";

import { useActionState } from "react";
import { requestPasswordReset } from "@/lib/auth/password-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(requestPasswordReset, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.errors?.email} />
      <SubmitButton pendingLabel="Sending…">Send the reset link</SubmitButton>
    </form>
  );
}
