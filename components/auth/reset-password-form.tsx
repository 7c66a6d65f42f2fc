"use client";

import { useActionState } from "react";
import { resetPassword } from "@/lib/auth/password-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { NewPasswordFields } from "./new-password-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPassword, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" state={state} />
      <SubmitButton pendingLabel="Saving…">Set the new password</SubmitButton>
    </form>
  );
}
