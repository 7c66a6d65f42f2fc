"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { createSiteAction, updateSiteAction } from "@/lib/sites/actions";

/** Adds a site, or (given one) edits it. */
export function SiteForm({ site }: { site?: { id: string; name: string; domain: string } }) {
  const [state, action] = useActionState(site ? updateSiteAction : createSiteAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {site ? <input type="hidden" name="siteId" value={site.id} /> : null}
      <FormMessage state={state} />
      <TextField name="name" label="Site name" required maxLength={100} defaultValue={state.values?.name ?? site?.name} errors={state.errors?.name} />
      <TextField
        name="domain"
        label="Domain"
        required
        inputMode="url"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="example.com"
        hint="Where the snippet will run, e.g. blog.example.com."
        defaultValue={state.values?.domain ?? site?.domain}
        errors={state.errors?.domain}
      />
      <div>
        <SubmitButton pendingLabel={site ? "Saving…" : "Adding…"}>{site ? "Save site" : "Add site"}</SubmitButton>
      </div>
    </form>
  );
}
