import type { FormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { NEW_PASSWORD_HINT } from "./new-password-fields";

/** The person of a new account: name, e-mail and a password that must pass the account rules (lib/auth/account-rules.ts). */
export function NewAccountFields({ state }: { state: FormState }) {
  return (
    <>
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} errors={state.errors?.name} />
      <TextField name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.errors?.email} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" required hint={NEW_PASSWORD_HINT} errors={state.errors?.password} />
    </>
  );
}
