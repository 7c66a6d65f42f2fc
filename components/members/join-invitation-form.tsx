"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { joinInvitationAction } from "@/lib/members/actions";

/** The signed-in user accepts the invitation. */
export function JoinInvitationForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [state, action] = useActionState(joinInvitationAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Joining…">Join {organizationName}</SubmitButton>
    </form>
  );
}
