"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { deleteAccountAction } from "@/lib/members/actions";

/** The last step of deleting one's account: the password. What goes with it is said above it (the security page). */
export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField name="deletionPassword" label="Your password, to confirm" type="password" autoComplete="current-password" required errors={state.errors?.deletionPassword} />
      <div>
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete my account
        </SubmitButton>
      </div>
    </form>
  );
}
