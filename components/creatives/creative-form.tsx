"use client";

import { useActionState, useDeferredValue, useRef, useState } from "react";
import { useFocusFirstError } from "@/components/campaigns/use-focus-first-error";
import { useFormVersion } from "@/components/campaigns/use-form-version";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormValues } from "@/lib/campaigns/form-values";
import { CREATIVE_KINDS, type CreativeKind } from "@/lib/model/enums";
import { BODY_MAX, HEADLINE_MAX, HTML_MAX_BYTES, IAB_SIZES, creativeKindLabels, iabSizeLabels, sizeOf, type IabSize } from "@/lib/model/options";
import { createCreativeAction, updateCreativeAction } from "@/lib/creatives/actions";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { byteLength } from "@/lib/zod/schemas/creatives";
import { CreativePreviewFrame } from "./creative-preview";
import { ChosenImagePreview, ImageUpload, type ChosenImage } from "./image-upload";

const kindHints: Record<CreativeKind, string> = {
  IMAGE: "A picture you upload, or one at an http(s) address",
  TEXT: "A headline and a line of text",
  HTML: "Your own markup, sandboxed",
};

const sizeOptions = IAB_SIZES.map((size) => ({ value: size, label: iabSizeLabels[size] }));

const isKind = (value: string | undefined): value is CreativeKind => CREATIVE_KINDS.includes(value as CreativeKind);
const isSize = (value: string | undefined): value is IabSize => IAB_SIZES.includes(value as IabSize);

/**
 * The creative form with a live preview at the real size, for a new creative
 * (`campaignId`) or an existing one (`creativeId`).
 */
export function CreativeForm({
  campaignId,
  creativeId,
  initialValues,
  cancelHref,
  imageMaxBytes,
}: {
  campaignId: string;
  creativeId?: string;
  initialValues: FormValues;
  cancelHref: string;
  /** The heaviest image upload accepted (ASSET_MAX_KB), for the instant check. */
  imageMaxBytes: number;
}) {
  const [state, action] = useActionState(creativeId ? updateCreativeAction : createCreativeAction, initialFormState);
  const version = useFormVersion(state);
  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={state} />
      <CreativeFields
        key={version}
        state={state}
        action={action}
        values={state.values ?? initialValues}
        campaignId={campaignId}
        creativeId={creativeId}
        cancelHref={cancelHref}
        imageMaxBytes={imageMaxBytes}
      />
    </div>
  );
}

function CreativeFields({
  state,
  action,
  values,
  campaignId,
  creativeId,
  cancelHref,
  imageMaxBytes,
}: {
  state: FormState;
  action: (formData: FormData) => void;
  values: FormValues;
  campaignId: string;
  creativeId?: string;
  cancelHref: string;
  imageMaxBytes: number;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors = state.errors ?? {};

  const [kind, setKind] = useState<CreativeKind>(isKind(values.kind) ? values.kind : "IMAGE");
  const [size, setSize] = useState<string>(values.size ?? "300x250");
  // A file chosen for upload: previewed instead of the image URL until the form is saved.
  const [chosenImage, setChosenImage] = useState<ChosenImage | null>(null);
  const [content, setContent] = useState({
    imageUrl: values.imageUrl ?? "",
    altText: values.altText ?? "",
    headline: values.headline ?? "",
    body: values.body ?? "",
    html: values.html ?? "",
    landingUrl: values.landingUrl ?? "",
  });
  // Typing stays responsive; the preview (an image load, an iframe document) follows.
  const preview = useDeferredValue(content);
  const bound = (name: keyof typeof content) => ({
    name,
    value: content[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setContent((current) => ({ ...current, [name]: event.target.value })),
    errors: errors[name],
  });
  const dimensions = isSize(size) ? sizeOf(size) : null;
  // Wide formats (leaderboard, billboard) get the whole width above the fields, so they show at their real size.
  const wide = (dimensions?.width ?? 0) > 480;
  const htmlBytes = byteLength(content.html);

  return (
    <form ref={formRef} action={action} noValidate className={cn("group grid grid-cols-1 gap-6", !wide && "lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]")}>
      <input type="hidden" name="campaignId" value={campaignId} />
      {creativeId ? <input type="hidden" name="creativeId" value={creativeId} /> : null}

      <div className="flex flex-col gap-6">
        <Card className="flex flex-col gap-4">
          <TextField name="name" label="Name" required maxLength={100} autoComplete="off" defaultValue={values.name ?? ""} errors={errors.name} hint="For you; people never see it." />
          <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.kind ? "kind-error" : undefined}>
            <legend className="text-sm font-medium text-slate-800">Kind</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
              {CREATIVE_KINDS.map((option) => (
                <div
                  key={option}
                  className="relative flex flex-col rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:ring-2 has-[:checked]:ring-brand-500/30"
                >
                  {/* The label's ::after covers the card, so the whole card picks the kind; the hint is a description, not part of the name. */}
                  <label htmlFor={`kind-${option}`} className="flex cursor-pointer items-center gap-2 font-medium after:absolute after:inset-0">
                    <input
                      type="radio"
                      id={`kind-${option}`}
                      name="kind"
                      value={option}
                      checked={kind === option}
                      onChange={() => setKind(option)}
                      aria-describedby={`kind-${option}-hint`}
                      className="relative z-10"
                    />
                    {creativeKindLabels[option]}
                  </label>
                  <span id={`kind-${option}-hint`} className="text-xs text-slate-500">
                    {kindHints[option]}
                  </span>
                </div>
              ))}
            </div>
            {errors.kind ? (
              <p id="kind-error" role="alert" className="text-sm text-red-700">
                {errors.kind.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <SelectField name="size" label="Size" options={sizeOptions} value={size} onChange={(event) => setSize(event.target.value)} errors={errors.size} />
        </Card>

        {/* Each kind's fields; the others stay in the form (hidden by CSS, also without JavaScript) and are ignored. */}
        <Card className="hidden flex-col gap-4 group-has-[#kind-IMAGE:checked]:flex">
          <ImageUpload size={dimensions} maxBytes={imageMaxBytes} errors={errors.imageFile} onChosen={setChosenImage} />
          <TextField
            label="Or the image's URL"
            type="url"
            inputMode="url"
            placeholder="https://cdn.example.com/ad-300x250.png"
            autoComplete="off"
            hint="Where the image is hosted; an uploaded image's address (/assets/…) once saved."
            {...bound("imageUrl")}
          />
          <TextField label="Alternative text" hint="What the image says, for people who cannot see it." autoComplete="off" maxLength={200} {...bound("altText")} />
        </Card>
        <Card className="hidden flex-col gap-4 group-has-[#kind-TEXT:checked]:flex">
          <TextField label="Headline" autoComplete="off" hint={`${[...content.headline].length} of ${HEADLINE_MAX} characters.`} {...bound("headline")} />
          <TextAreaField label="Text" rows={3} hint={`${[...content.body].length} of ${BODY_MAX} characters. Optional.`} {...bound("body")} />
        </Card>
        <Card className="hidden flex-col gap-4 group-has-[#kind-HTML:checked]:flex">
          <TextAreaField
            label="HTML"
            rows={10}
            spellCheck={false}
            className="[&_textarea]:font-mono [&_textarea]:text-xs"
            hint={`${(htmlBytes / 1024).toFixed(1)} of ${HTML_MAX_BYTES / 1024} KB. Shown in a sandboxed frame; clicks go to the landing page.`}
            {...bound("html")}
          />
        </Card>

        <Card className="flex flex-col gap-4">
          <TextField label="Landing page URL" type="url" inputMode="url" required placeholder="https://www.example.com/offer" autoComplete="off" hint="Where a click goes: an https:// or http:// address." {...bound("landingUrl")} />
        </Card>

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <ButtonLink href={cancelHref} variant="secondary">
            Cancel
          </ButtonLink>
          <SubmitButton pendingLabel="Saving…">{creativeId ? "Save creative" : "Add creative"}</SubmitButton>
        </div>
      </div>

      <div className={wide ? "order-first" : "lg:sticky lg:top-4 lg:self-start"}>
        <Card className="flex flex-col gap-3">
          <h2 className="text-base font-semibold text-slate-900">Preview</h2>
          {dimensions && kind === "IMAGE" && chosenImage ? (
            <ChosenImagePreview image={chosenImage} width={dimensions.width} height={dimensions.height} alt={preview.altText} />
          ) : dimensions ? (
            <CreativePreviewFrame kind={kind} width={dimensions.width} height={dimensions.height} {...preview} />
          ) : (
            <p className="text-sm text-slate-600">Choose a size to see the preview.</p>
          )}
          <p className="text-xs text-slate-500">
            {kind === "HTML" ? "Scripts do not run in this preview. " : ""}
            New and changed creatives serve once an operator approves them.
          </p>
        </Card>
      </div>
    </form>
  );
}
