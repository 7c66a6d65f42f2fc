"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { signUpWithInvitationAction } from "@/lib/members/actions";

/** The sign-up form of an invitation: the account joins the inviting organisation. */
export function InvitationSignUpForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [state, action] = useActionState(signUpWithInvitationAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} errors={state.errors?.name} />
      <TextField name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.errors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={state.errors?.password} />
      <SubmitButton pendingLabel="Creating your account…">Create account and join {organizationName}</SubmitButton>
    </form>
  );
}
