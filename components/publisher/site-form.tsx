"use client";

import { useActionState } from "react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { createSiteAction, updateSiteAction } from "@/lib/sites/actions";
import { DEFAULT_AD_LABEL, MAX_AD_LABEL_LENGTH, MAX_BLOCKED_DOMAINS } from "@/lib/zod/schemas/sites";

/** Adds a site, or (given one) edits it. */
export function SiteForm({ site }: { site?: { id: string; name: string; domain: string; extraDomains: string[]; blockedDomains: string[]; adLabel: string } }) {
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
      <TextAreaField
        name="blockedDomains"
        label="Blocked advertiser domains (optional)"
        rows={3}
        autoCapitalize="none"
        spellCheck={false}
        placeholder={"rival.example\ncasino.example"}
        hint={`Ads that lead to these domains never show on this site: a campaign with any ad whose landing page is on one of them, or on a subdomain, is left out. One per line or separated by commas (at most ${MAX_BLOCKED_DOMAINS}).`}
        defaultValue={state.values?.blockedDomains ?? site?.blockedDomains.join("\n")}
        errors={state.errors?.blockedDomains}
      />
      <TextField
        name="adLabel"
        label="Ad label"
        required
        hint={`Shown in a corner of every ad on your pages, so visitors know it is one: ${DEFAULT_AD_LABEL}, Sponsored, Anzeige… (plain text, at most ${MAX_AD_LABEL_LENGTH} characters).`}
        defaultValue={state.values?.adLabel ?? site?.adLabel ?? DEFAULT_AD_LABEL}
        errors={state.errors?.adLabel}
      />
      <div>
        <SubmitButton pendingLabel={site ? "Saving…" : "Adding…"}>{site ? "Save site" : "Add site"}</SubmitButton>
      </div>
    </form>
  );
}
