import { z } from "zod";
import { REVIEW_STATUSES } from "@/lib/model/enums";
import type { Creative } from "@/lib/generated/prisma/client";
import { IMAGE_PATH_PREFIXES } from "@/lib/model/urls";
import { creativeFieldsSchema, creativeMessages, creativeSchema } from "@/lib/zod/schemas/creatives";
import { dateTimeOutput, idOutput, iso, isoOrNull, listOf } from "./common";

// Creatives in JSON: the creative form's fields, with null for "none". Checked for shape
// here, then parsed by the form's own schema (creativeSchema): same rules, same messages.

const optionalText = (description: string) => z.string().nullable().optional().meta({ description });

/** Every writable field, as JSON. The kind and size enums are the form's own. */
export const creativeWriteFields = creativeFieldsSchema
  .pick({ kind: true, size: true })
  .extend({
    name: z.string({ error: creativeMessages.name }).meta({ description: "Shown to you and the reviewer.", examples: ["Spring shoes 300×250"] }),
    imageUrl: optionalText(`IMAGE: absolute http(s) URL of the image, or a path on this server under ${IMAGE_PATH_PREFIXES.join(" or ")}.`),
    altText: optionalText("IMAGE: describes the image for people who cannot see it."),
    headline: optionalText("TEXT: up to 60 characters."),
    body: optionalText("TEXT: up to 140 characters."),
    html: optionalText("HTML: the markup, up to 20 KB; rendered in a sandboxed frame."),
    landingUrl: z.string({ error: creativeMessages.landingUrl }).meta({ description: "Where a click goes: absolute http(s) URL, without user info (no “name@” before the host)." }),
  })
  .strict();

export type CreativeWriteFields = z.infer<typeof creativeWriteFields>;

/** JSON fields → the creative form's text fields (null and absent are empty). */
function toFormFields(fields: CreativeWriteFields): z.input<typeof creativeSchema> {
  return {
    name: fields.name,
    kind: fields.kind,
    size: fields.size,
    imageUrl: fields.imageUrl ?? "",
    altText: fields.altText ?? "",
    headline: fields.headline ?? "",
    body: fields.body ?? "",
    html: fields.html ?? "",
    landingUrl: fields.landingUrl,
  };
}

/** POST /api/v1/campaigns/{id}/creatives, and a PATCH merged over the stored creative. */
export const createCreativeBodySchema = creativeWriteFields.transform(toFormFields).pipe(creativeSchema);
export const creativeFromWriteFields = createCreativeBodySchema;

/** PATCH /api/v1/creatives/{id}: any writable fields, laid over the creative as it is. */
export const updateCreativeBodySchema = creativeWriteFields.partial();

export function creativeWriteValues(creative: Creative): CreativeWriteFields {
  return {
    name: creative.name,
    kind: creative.kind,
    size: `${creative.width}x${creative.height}` as CreativeWriteFields["size"],
    imageUrl: creative.imageUrl,
    altText: creative.altText,
    headline: creative.headline,
    body: creative.body,
    html: creative.html,
    landingUrl: creative.landingUrl,
  };
}

// ─── Responses ───────────────────────────────────────────────────────────────

export const creativeResourceSchema = z
  .object({
    id: idOutput("The creative's id."),
    campaignId: idOutput("Its campaign."),
    name: z.string(),
    kind: creativeWriteFields.shape.kind,
    size: z.string().meta({ description: '"WIDTHxHEIGHT", e.g. "300x250".' }),
    width: z.number().int(),
    height: z.number().int(),
    imageUrl: z.string().nullable(),
    altText: z.string().nullable(),
    headline: z.string().nullable(),
    body: z.string().nullable(),
    html: z.string().nullable(),
    landingUrl: z.string(),
    reviewStatus: z.enum(REVIEW_STATUSES).meta({ description: "Only APPROVED creatives serve. New content goes back to PENDING." }),
    reviewNote: z.string().nullable().meta({ description: "The reviewer's reason for a rejection." }),
    reviewedAt: dateTimeOutput("When it was reviewed.").nullable(),
    archivedAt: dateTimeOutput("When it was archived (it no longer serves).").nullable(),
    createdAt: dateTimeOutput("Created."),
    updatedAt: dateTimeOutput("Last changed."),
  })
  .meta({ description: "A creative: what an ad shows and where a click goes." });

export function creativeResource(creative: Creative): z.infer<typeof creativeResourceSchema> {
  return {
    id: creative.id,
    campaignId: creative.campaignId,
    name: creative.name,
    kind: creative.kind,
    size: `${creative.width}x${creative.height}`,
    width: creative.width,
    height: creative.height,
    imageUrl: creative.imageUrl,
    altText: creative.altText,
    headline: creative.headline,
    body: creative.body,
    html: creative.html,
    landingUrl: creative.landingUrl,
    reviewStatus: creative.reviewStatus,
    reviewNote: creative.reviewNote,
    reviewedAt: isoOrNull(creative.reviewedAt),
    archivedAt: isoOrNull(creative.archivedAt),
    createdAt: iso(creative.createdAt),
    updatedAt: iso(creative.updatedAt),
  };
}

export const creativeListSchema = listOf(creativeResourceSchema);
