"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePassword } from "@/lib/auth/password-actions";
import { initialFormState } from "@/lib/forms/form-state";

/** One's own password: the current one, then the new one twice. A success signs out every other browser. */
export function ChangePasswordForm() {
  const [state, action] = useActionState(changePassword, initialFormState);
  return (
    // Emptied after a success (the key), so that no password stays in the fields.
    <form key={state.status === "success" ? state.message : "form"} action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={state.errors?.currentPassword} />
      <NewPasswordFields name="newPassword" state={state} hint="Every other browser signed in to your account is signed out." />
      <div>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
