"use client";

import { useActionState } from "react";
import { resetPassword } from "@/lib/auth/password-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPassword, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, hard to guess: a few unrelated words work well."
        errors={state.errors?.password}
      />
      <TextField name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" required errors={state.errors?.confirmPassword} />
      <SubmitButton pendingLabel="Saving…">Set the new password</SubmitButton>
    </form>
  );
}
