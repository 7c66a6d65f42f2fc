"use client";

import { useActionState, useState } from "react";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup, type RecoveryCodesState, type TwoFactorSetupState } from "@/lib/auth/two-factor-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ShowOnceField } from "@/components/ui/show-once-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { AuthenticatorCodeField } from "./authenticator-code-field";
import { RecoveryCodes } from "./recovery-codes";

type Intent = "regenerate" | "disable" | null;

/**
 * Two-factor authentication of one's own account. Off: password → QR code and setup key → a
 * code from the app turns it on and shows the recovery codes once. On: new recovery codes, or
 * off, each after the password. One component holds every step's answer, so that the page's
 * refresh after it turned on (the session is renewed) keeps the codes on screen.
 */
export function TwoFactorPanel({ enabled, recoveryCodesLeft, requiredBy }: { enabled: boolean; recoveryCodesLeft: number | null; requiredBy: readonly string[] }) {
  const [setupState, setupAction] = useActionState<TwoFactorSetupState, FormData>(startTwoFactorSetup, initialFormState);
  const [confirmState, confirmAction] = useActionState<RecoveryCodesState, FormData>(confirmTwoFactorSetup, initialFormState);
  const [regenerateState, regenerateAction] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodes, initialFormState);
  const [disableState, disableAction] = useActionState(disableTwoFactor, initialFormState);
  const [savedCodes, setSavedCodes] = useState<readonly string[] | null>(null);
  const [intent, setIntent] = useState<Intent>(null);

  const fresh = regenerateState.recoveryCodes ? regenerateState : confirmState;
  if (fresh.recoveryCodes && fresh.recoveryCodes !== savedCodes) {
    const codes = fresh.recoveryCodes;
    return (
      <RecoveryCodes
        codes={codes}
        message={fresh.message ?? ""}
        onSaved={() => {
          setSavedCodes(codes);
          setIntent(null);
        }}
      />
    );
  }

  if (!enabled) {
    if (setupState.setup) {
      const { setup } = setupState;
      return (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            1. Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy, …). It adds “Marquee” to the app.
          </p>
          <div role="img" aria-label="QR code for your authenticator app" className="h-48 w-48 self-start" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
          <ShowOnceField
            id="totp-secret"
            label="Setup key"
            value={setup.secret}
            copyLabel="Copy key"
            hint="Cannot scan? Type this key into the app instead (time-based, 6 digits, every 30 seconds)."
          />
          <form action={confirmAction} className="flex flex-col gap-4" noValidate>
            <FormMessage state={confirmState} />
            <AuthenticatorCodeField label="Code from the app" hint="2. Enter the 6-digit code the app now shows: two-factor authentication is on once it is right." errors={confirmState.errors?.code} />
            <SubmitButton pendingLabel="Checking…" className="self-start">
              Turn on
            </SubmitButton>
          </form>
        </div>
      );
    }
    return (
      <form action={setupAction} className="flex flex-col gap-4" noValidate>
        <p className="text-sm text-slate-700">
          <Badge tone="gray">Off</Badge> Signing in takes only your password. With two-factor authentication, it also takes a code from an app on your
          phone.
        </p>
        <FormMessage state={setupState} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required hint="Confirm it is you." errors={setupState.errors?.password} />
        <SubmitButton pendingLabel="Starting…" className="self-start">
          Set up two-factor authentication
        </SubmitButton>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        <Badge tone="green">On</Badge> Signing in takes your password and a code from your authenticator app.
      </p>
      {recoveryCodesLeft !== null ? (
        <p className="text-sm text-slate-700">
          {recoveryCodesLeft === 1 ? "1 recovery code left." : `${recoveryCodesLeft} recovery codes left.`}
          {recoveryCodesLeft <= 3 ? " Make new ones before you run out." : null}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => setIntent("regenerate")} aria-expanded={intent === "regenerate"}>
          Make new recovery codes
        </Button>
        {requiredBy.length === 0 ? (
          <Button type="button" variant="secondary" onClick={() => setIntent("disable")} aria-expanded={intent === "disable"}>
            Turn off
          </Button>
        ) : null}
      </div>
      {requiredBy.length > 0 ? (
        <p className="text-sm text-slate-600">
          {requiredBy.join(", ")} {requiredBy.length === 1 ? "requires" : "require"} two-factor authentication of every member: it stays on while you are a
          member.
        </p>
      ) : null}
      {intent === "regenerate" ? (
        <form action={regenerateAction} className="flex flex-col gap-4" noValidate>
          <FormMessage state={regenerateState} />
          <TextField name="password" label="Password" type="password" autoComplete="current-password" required hint="Your current recovery codes stop working." errors={regenerateState.errors?.password} />
          <SubmitButton pendingLabel="Making codes…" className="self-start">
            Make new codes
          </SubmitButton>
        </form>
      ) : null}
      {intent === "disable" ? (
        <form action={disableAction} className="flex flex-col gap-4" noValidate>
          <FormMessage state={disableState} />
          <TextField name="password" label="Password" type="password" autoComplete="current-password" required hint="Signing in will take only your password." errors={disableState.errors?.password} />
          <SubmitButton variant="danger" pendingLabel="Turning off…" className="self-start">
            Turn off two-factor authentication
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
