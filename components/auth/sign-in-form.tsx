"use client";

import { useActionState } from "react";
import { signIn } from "@/lib/auth/actions";
import { initialFormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** `next`: the page to go on to once signed in (the page that sent the person here). */
export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState(signIn, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.errors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required errors={state.errors?.password} />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
