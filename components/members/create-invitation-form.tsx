"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createInvitationAction, type CreateInvitationState } from "@/lib/members/actions";
import type { MemberRole } from "@/lib/model/enums";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/model/permissions";
import { NewInvitationLink } from "./new-invitation-link";

const initialState: CreateInvitationState = { status: "idle" };

/** Creates an invitation link with one of `roles` (those the inviter may give); the link appears once, under the form. */
export function CreateInvitationForm({ roles }: { roles: readonly MemberRole[] }) {
  const [state, action] = useActionState(createInvitationAction, initialState);
  const roleOptions = roles.map((role) => ({ value: role, label: `${ROLE_LABELS[role]}: ${ROLE_DESCRIPTIONS[role]}` }));
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4" noValidate>
        <FormMessage state={state} />
        <SelectField name="role" label="Role" options={roleOptions} defaultValue={state.values?.role ?? "MEMBER"} errors={state.errors?.role} />
        <TextField
          name="email"
          label="Mail the link to (optional)"
          type="email"
          autoComplete="off"
          defaultValue={state.values?.email}
          errors={state.errors?.email}
          hint="Leave it empty to send the link yourself. It works once, for 7 days, for whoever opens it first."
        />
        <div>
          <SubmitButton pendingLabel="Creating…">Create invitation link</SubmitButton>
        </div>
      </form>
      {state.created ? <NewInvitationLink key={state.created.id} url={state.created.url} /> : null}
    </div>
  );
}
