"use client";

import { useActionState } from "react";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createInvitationAction, type CreateInvitationState } from "@/lib/members/actions";
import { NewInvitationLink } from "./new-invitation-link";

const initialState: CreateInvitationState = { status: "idle" };

const roleOptions = [
  { value: "MEMBER", label: "Member: works in the organisation" },
  { value: "OWNER", label: "Owner: also manages its members" },
] as const;

/** Creates an invitation link; the link appears once, under the form. */
export function CreateInvitationForm() {
  const [state, action] = useActionState(createInvitationAction, initialState);
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4" noValidate>
        <FormMessage state={state} />
        <SelectField name="role" label="Role" options={roleOptions} defaultValue={state.values?.role ?? "MEMBER"} errors={state.errors?.role} />
        <p className="text-xs text-slate-500">
          Marquee sends no e-mail: send the link yourself. It works once, for 7 days.
        </p>
        <div>
          <SubmitButton pendingLabel="Creating…">Create invitation link</SubmitButton>
        </div>
      </form>
      {state.created ? <NewInvitationLink key={state.created.id} url={state.created.url} /> : null}
    </div>
  );
}
