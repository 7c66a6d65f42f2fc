"use client";

import { useActionState } from "react";
import { verifySignInCode, verifySignInRecoveryCode } from "@/lib/auth/two-factor-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { AuthenticatorCodeField } from "@/components/security/authenticator-code-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The second step of signing in: the authenticator app's code, or (lost phone) a recovery code. */
export function TwoFactorSignIn({ next }: { next?: string }) {
  const [codeState, codeAction] = useActionState(verifySignInCode, initialFormState);
  const [recoveryState, recoveryAction] = useActionState(verifySignInRecoveryCode, initialFormState);
  return (
    <div className="flex flex-col gap-6">
      <form action={codeAction} className="flex flex-col gap-4" noValidate>
        <FormMessage state={codeState} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <AuthenticatorCodeField label="Authentication code" hint="The 6-digit code your authenticator app shows for Marquee." errors={codeState.errors?.code} autoFocus />
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="trustDevice" className="h-4 w-4 rounded border-slate-300" />
          Trust this device for 30 days (do not ask for a code here again)
        </label>
        <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
      </form>
      <details className="rounded-md border border-slate-200 p-4" open={recoveryState.status === "error"}>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Lost your phone? Use a recovery code</summary>
        <form action={recoveryAction} className="mt-4 flex flex-col gap-4" noValidate>
          <FormMessage state={recoveryState} />
          <TextField
            name="recoveryCode"
            label="Recovery code"
            autoComplete="off"
            spellCheck={false}
            required
            hint="One of the codes you saved when you turned on two-factor authentication. Each works once."
            errors={recoveryState.errors?.recoveryCode}
          />
          <SubmitButton variant="secondary" pendingLabel="Checking…">
            Sign in with a recovery code
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
