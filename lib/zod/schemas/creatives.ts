import { z } from "zod";
import type { CreativeField, CreativeInput } from "@/lib/model/creative";
import { CREATIVE_KINDS } from "@/lib/model/enums";
import { BODY_MAX, HEADLINE_MAX, HTML_MAX_BYTES, IAB_SIZES, sizeOf } from "@/lib/model/options";
import { hasUserInfo, httpUrl, IMAGE_PATH_PREFIXES, imageSource } from "@/lib/model/urls";

// The creative form. What a creative shows depends on its kind; fields of the other kinds
// are ignored (the form keeps them while a person switches kinds) and stored as null.

export const MAX_CREATIVE_NAME_LENGTH = 100;
export const MAX_URL_LENGTH = 2048;
export const MAX_ALT_TEXT_LENGTH = 200;

export const creativeMessages = {
  name: "Name the creative.",
  nameTooLong: `Keep the name under ${MAX_CREATIVE_NAME_LENGTH} characters.`,
  kind: "Choose image, text or HTML.",
  size: "Choose one of the listed sizes.",
  imageUrl: "Enter the image URL.",
  imageUrlScheme: `Use an image URL that starts with https:// or http://, or a path on this server under ${IMAGE_PATH_PREFIXES.join(" or ")}, such as /assets/banner.png.`,
  altText: "Describe the image for people who cannot see it.",
  altTextTooLong: `Keep the description under ${MAX_ALT_TEXT_LENGTH} characters.`,
  headline: "Write a headline.",
  headlineTooLong: `Keep the headline to ${HEADLINE_MAX} characters.`,
  bodyTooLong: `Keep the text to ${BODY_MAX} characters.`,
  html: "Paste the HTML of the ad.",
  htmlTooLarge: `Keep the HTML under ${HTML_MAX_BYTES / 1024} KB.`,
  landingUrl: "Enter the landing page URL.",
  landingUrlScheme: "Use a landing page URL that starts with https:// or http://.",
  urlUserInfo: "Remove the name and “@” before the host: a browser would go to the host after the “@”, not to the one before it.",
  urlTooLong: `Keep the URL under ${MAX_URL_LENGTH.toLocaleString("en-US")} characters.`,
} as const;

/** UTF-8 size, as the snippet sends it. */
export function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

const text = z
  .string()
  .optional()
  .transform((value) => (value ?? "").trim());

/** Every field of the creative form: one per setting of lib/model/creative.ts (CREATIVE_SETTINGS). */
export const creativeFieldsSchema = z.object({
  name: text.pipe(z.string().min(1, creativeMessages.name).max(MAX_CREATIVE_NAME_LENGTH, creativeMessages.nameTooLong)),
  kind: z.enum(CREATIVE_KINDS, { error: creativeMessages.kind }),
  size: z.enum(IAB_SIZES, { error: creativeMessages.size }),
  imageUrl: text,
  altText: text,
  headline: text,
  body: text,
  html: text,
  landingUrl: text,
} satisfies Record<CreativeField, z.ZodType>);

type CreativeFields = z.output<typeof creativeFieldsSchema>;

/** Rules by kind. They run even when another field failed, so every problem shows at once. */
function checkCreativeContent(parsed: CreativeFields, context: z.RefinementCtx) {
  if (typeof parsed !== "object" || parsed === null) return;
  // A field that failed keeps its raw input: read only strings.
  const field = (key: "imageUrl" | "altText" | "headline" | "body" | "html" | "landingUrl") => (typeof parsed[key] === "string" ? parsed[key] : "");
  const fields = {
    kind: parsed.kind,
    imageUrl: field("imageUrl"),
    altText: field("altText"),
    headline: field("headline"),
    body: field("body"),
    html: field("html"),
    landingUrl: field("landingUrl"),
  };
  const issue = (path: keyof CreativeFields, message: string) => context.addIssue({ code: "custom", path: [path], message });
  const checkUrl = (path: "imageUrl" | "landingUrl", emptyMessage: string, schemeMessage: string) => {
    const value = fields[path];
    const valid = path === "imageUrl" ? imageSource : httpUrl;
    if (value === "") issue(path, emptyMessage);
    else if (value.length > MAX_URL_LENGTH) issue(path, creativeMessages.urlTooLong);
    else if (hasUserInfo(value)) issue(path, creativeMessages.urlUserInfo);
    else if (valid(value) === null) issue(path, schemeMessage);
  };

  checkUrl("landingUrl", creativeMessages.landingUrl, creativeMessages.landingUrlScheme);
  if (fields.kind === "IMAGE") {
    checkUrl("imageUrl", creativeMessages.imageUrl, creativeMessages.imageUrlScheme);
    if (fields.altText === "") issue("altText", creativeMessages.altText);
    else if (fields.altText.length > MAX_ALT_TEXT_LENGTH) issue("altText", creativeMessages.altTextTooLong);
  } else if (fields.kind === "TEXT") {
    if (fields.headline === "") issue("headline", creativeMessages.headline);
    else if ([...fields.headline].length > HEADLINE_MAX) issue("headline", creativeMessages.headlineTooLong);
    if ([...fields.body].length > BODY_MAX) issue("body", creativeMessages.bodyTooLong);
  } else if (fields.kind === "HTML") {
    if (fields.html === "") issue("html", creativeMessages.html);
    else if (byteLength(fields.html) > HTML_MAX_BYTES) issue("html", creativeMessages.htmlTooLarge);
  }
}

/** The creative form → what createCreative / updateCreative take. */
export const creativeSchema = creativeFieldsSchema.superRefine(checkCreativeContent, { when: () => true }).transform((fields): CreativeInput => {
  const { width, height } = sizeOf(fields.size);
  return {
    name: fields.name,
    kind: fields.kind,
    width,
    height,
    imageUrl: fields.kind === "IMAGE" ? imageSource(fields.imageUrl) : null,
    altText: fields.kind === "IMAGE" ? fields.altText : null,
    headline: fields.kind === "TEXT" ? fields.headline : null,
    body: fields.kind === "TEXT" ? fields.body || null : null,
    html: fields.kind === "HTML" ? fields.html : null,
    landingUrl: httpUrl(fields.landingUrl) ?? fields.landingUrl,
  };
});

export const createCreativeSchema = creativeSchema;
export const updateCreativeSchema = creativeSchema;

export const creativeIdSchema = z.string({ error: "Creative not found." }).trim().min(1, "Creative not found.").max(64, "Creative not found.");

export const archiveCreativeSchema = z.object({
  creativeId: creativeIdSchema,
});
