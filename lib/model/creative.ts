import type { Creative } from "@/lib/generated/prisma/browser";
import { keysOf, pickFields, type SettingFields } from "./fields";
import { sizeKey, type IabSize } from "./options";

// A creative's record and what the app makes of it, in one place (as ./campaign.ts for
// campaigns): the columns people set and the ones the system keeps, and the mappings between
// the record and the form's input and values, the API's JSON, a copy and — through its
// content — the active set's entry (lib/ads/active-set.ts). A new column fails to compile here
// until it is placed; tests/unit/model/field-mapping.test.ts checks against Prisma's model.

/** A stored creative, as Prisma reads it. */
export type CreativeRecord = Creative;

/**
 * The columns a person sets, in the form or through the API, each with the field that
 * carries it (width and height are one "size"). All but the name are its content: what people
 * see and where a click goes — what serving needs, and what review approves.
 */
export const CREATIVE_SETTINGS = {
  name: "name",
  kind: "kind",
  width: "size",
  height: "size",
  imageUrl: "imageUrl",
  altText: "altText",
  headline: "headline",
  body: "body",
  html: "html",
  landingUrl: "landingUrl",
} as const satisfies SettingFields<CreativeRecord>;

export type CreativeSetting = keyof typeof CREATIVE_SETTINGS;
/** A field of the creative form, and of the API's creative JSON. */
export type CreativeField = (typeof CREATIVE_SETTINGS)[CreativeSetting];
/** What a person set on a creative, as stored. */
export type CreativeSettings = Pick<CreativeRecord, CreativeSetting>;

export const CREATIVE_SETTING_COLUMNS = keysOf(CREATIVE_SETTINGS);

export type CreativeContentField = Exclude<CreativeSetting, "name">;
/** What people see and where a click goes: a change sends the creative back to review. */
export const CREATIVE_CONTENT_FIELDS = CREATIVE_SETTING_COLUMNS.filter((column): column is CreativeContentField => column !== "name");
export type CreativeContent = Pick<CreativeRecord, CreativeContentField>;

/** The columns nobody types in, and why the form and the API do not write them. */
export const CREATIVE_SYSTEM_FIELDS = {
  id: "Its key, made by the database.",
  campaignId: "Its campaign: the one it is added to (from the URL, checked against the organisation), never input.",
  reviewStatus: "Set by review: PENDING when it is created or its content changes, then an operator's decision. The API reports it.",
  reviewNote: "The operator's reason for a rejection. The API reports it.",
  reviewedAt: "When an operator decided. The API reports it.",
  reviewedById: "Which operator decided.",
  archivedAt: "Set by archiving (it then never serves). The API reports it.",
  createdAt: "Set by the database when it is created; the API reports it.",
  updatedAt: "Set by Prisma on every write; the API reports it, edits and reviews guard on it, the active set's version watches it.",
} as const satisfies Record<Exclude<keyof CreativeRecord, CreativeSetting>, string>;

// ─── The form's input ────────────────────────────────────────────────────────

/**
 * A creative as the form and the API hand it to the domain, parsed and checked
 * (creativeSchema, lib/zod/schemas/creatives.ts): exactly its settings, the other kinds'
 * fields null.
 */
export type CreativeInput = CreativeSettings;

/** The form's parsed input, or a stored creative (to copy it) → the columns a person sets. */
export function creativeSettingsOf(creative: CreativeSettings): CreativeSettings {
  return pickFields(creative, CREATIVE_SETTING_COLUMNS);
}

/** A creative's content: what serving shows. */
export function creativeContentOf(creative: CreativeContent): CreativeContent {
  return pickFields(creative, CREATIVE_CONTENT_FIELDS);
}

/** Whether saving `input` changes what people would see or where a click goes (a new name does not). */
export function changesContent(creative: CreativeContent, input: CreativeContent): boolean {
  return CREATIVE_CONTENT_FIELDS.some((field) => creative[field] !== input[field]);
}

// ─── The form's values ───────────────────────────────────────────────────────

/** A saved creative, as the form shows it (the other kinds' fields empty). */
export function creativeFormValues(creative: CreativeSettings): Record<CreativeField, string> {
  return {
    name: creative.name,
    kind: creative.kind,
    size: sizeKey(creative.width, creative.height),
    imageUrl: creative.imageUrl ?? "",
    altText: creative.altText ?? "",
    headline: creative.headline ?? "",
    body: creative.body ?? "",
    html: creative.html ?? "",
    landingUrl: creative.landingUrl,
  };
}

// ─── The API's JSON ──────────────────────────────────────────────────────────

/** A stored creative's settings as the API's JSON: the size as "WIDTHxHEIGHT", null for none. */
export function creativeJson(creative: CreativeSettings) {
  return {
    name: creative.name,
    kind: creative.kind,
    size: sizeKey(creative.width, creative.height) as IabSize,
    imageUrl: creative.imageUrl,
    altText: creative.altText,
    headline: creative.headline,
    body: creative.body,
    html: creative.html,
    landingUrl: creative.landingUrl,
  } satisfies Record<CreativeField, unknown>;
}

export type CreativeJson = ReturnType<typeof creativeJson>;

/** The fields only some kinds have: a client may leave them out. */
type KindField = "imageUrl" | "altText" | "headline" | "body" | "html";

/** The JSON a client sends. */
export type CreativeJsonInput = Omit<CreativeJson, KindField> & Partial<Pick<CreativeJson, KindField>>;

/** The API's JSON → the creative form's text fields (null and absent are empty), for the form's own schema. */
export function creativeFormFieldsFromJson(json: CreativeJsonInput) {
  return {
    name: json.name,
    kind: json.kind,
    size: json.size,
    imageUrl: json.imageUrl ?? "",
    altText: json.altText ?? "",
    headline: json.headline ?? "",
    body: json.body ?? "",
    html: json.html ?? "",
    landingUrl: json.landingUrl,
  } satisfies Record<CreativeField, unknown>;
}
