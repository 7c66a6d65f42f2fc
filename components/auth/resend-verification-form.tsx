"use client";

import { useActionState } from "react";
import { resendVerification } from "@/lib/auth/verification-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ResendVerificationForm() {
  const [state, action] = useActionState(resendVerification, initialFormState);
  return (
    <form action={action} className="mt-2 flex flex-col items-start gap-2">
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send the link again
      </SubmitButton>
    </form>
  );
}
