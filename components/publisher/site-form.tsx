"use client";

import { useActionState } from "react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { createSiteAction, updateSiteAction } from "@/lib/sites/actions";

/** Adds a site, or (given one) edits it. */
export function SiteForm({ site }: { site?: { id: string; name: string; domain: string; extraDomains: string[] } }) {
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
        hint="Where the snippet will run, e.g. blog.example.com. Its subdomains count too."
        defaultValue={state.values?.domain ?? site?.domain}
        errors={state.errors?.domain}
      />
      <TextAreaField
        name="extraDomains"
        label="Extra domains (optional)"
        rows={3}
        autoCapitalize="none"
        spellCheck={false}
        placeholder={"example.org\nnews.example.net"}
        hint="Other domains whose pages show these placements, one per line or separated by commas (at most 20; subdomains count too). Ads seen on any other domain are invalid traffic and earn nothing."
        defaultValue={state.values?.extraDomains ?? site?.extraDomains.join("\n")}
        errors={state.errors?.extraDomains}
      />
      <div>
        <SubmitButton pendingLabel={site ? "Saving…" : "Adding…"}>{site ? "Save site" : "Add site"}</SubmitButton>
      </div>
    </form>
  );
}
