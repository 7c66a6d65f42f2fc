import { TextField } from "@/components/ui/field";

/** The 6-digit code of an authenticator app (TOTP), as phones offer to fill it in. */
export function AuthenticatorCodeField({ label, hint, errors, autoFocus }: { label: string; hint: string; errors?: string[]; autoFocus?: boolean }) {
  return <TextField name="code" label={label} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} autoFocus={autoFocus} required hint={hint} errors={errors} />;
}
