"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setUpFirstOperatorAction } from "@/lib/admin/actions";
import { initialFormState } from "@/lib/forms/form-state";
import { NewAccountFields } from "@/components/auth/new-account-fields";

/** The setup page's form: the first operator's account; the link's token travels with it. */
export function FirstOperatorForm({ token }: { token: string }) {
  const [state, action] = useActionState(setUpFirstOperatorAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewAccountFields state={state} />
      <SubmitButton pendingLabel="Creating the operator account…">Create the operator account</SubmitButton>
    </form>
  );
}
