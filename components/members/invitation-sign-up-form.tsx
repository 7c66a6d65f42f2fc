"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { signUpWithInvitationAction } from "@/lib/members/actions";
import { NewAccountFields } from "@/components/auth/new-account-fields";

/** The sign-up form of an invitation: the account joins the inviting organisation. */
export function InvitationSignUpForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [state, action] = useActionState(signUpWithInvitationAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewAccountFields state={state} />
      <SubmitButton pendingLabel="Creating your account…">Create account and join {organizationName}</SubmitButton>
    </form>
  );
}
