import type { FormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";

/** The hint of every new password's field: the account rules judge it (lib/auth/account-rules.ts). */
export const NEW_PASSWORD_HINT = "At least 10 characters, hard to guess: a few unrelated words work well.";

/** A new password typed twice (a reset, a change): the field `name`, and `confirmPassword`. */
export function NewPasswordFields({ name, state, hint }: { name: string; state: FormState; hint?: string }) {
  return (
    <>
      <TextField name={name} label="New password" type="password" autoComplete="new-password" required hint={hint ? `${NEW_PASSWORD_HINT} ${hint}` : NEW_PASSWORD_HINT} errors={state.errors?.[name]} />
      <TextField name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" required errors={state.errors?.confirmPassword} />
    </>
  );
}
