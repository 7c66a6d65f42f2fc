import { z } from "zod";
import { creativeFormFieldsFromJson, creativeJson, type CreativeField, type CreativeRecord } from "@/lib/model/creative";
import { REVIEW_STATUSES } from "@/lib/model/enums";
import { IMAGE_PATH_PREFIXES } from "@/lib/model/urls";
import { creativeFieldsSchema, creativeMessages, creativeSchema } from "@/lib/zod/schemas/creatives";
import { dateTimeOutput, idOutput, iso, isoOrNull, listOf } from "./common";

// Creatives in JSON: the creative form's fields, with null for "none". Checked for shape
// here, then turned into the form's fields (creativeFormFieldsFromJson, lib/model/creative.ts)
// and parsed by the form's own schema (creativeSchema): same rules, same messages.

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
  } satisfies Record<Exclude<CreativeField, "kind" | "size">, z.ZodType>)
  .strict();

export type CreativeWriteFields = z.infer<typeof creativeWriteFields>;

/** JSON fields → the creative form's text fields, as its schema reads them. */
const toFormFields = (fields: CreativeWriteFields): z.input<typeof creativeSchema> => creativeFormFieldsFromJson(fields);

/** POST /api/v1/campaigns/{id}/creatives, and a PATCH merged over the stored creative. */
export const createCreativeBodySchema = creativeWriteFields.transform(toFormFields).pipe(creativeSchema);
export const creativeFromWriteFields = createCreativeBodySchema;

/** PATCH /api/v1/creatives/{id}: any writable fields, laid over the creative as it is. */
export const updateCreativeBodySchema = creativeWriteFields.partial();

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

export function creativeResource(creative: CreativeRecord): z.infer<typeof creativeResourceSchema> {
  // The settings, with the size's pixels right after the size (where the answers have them).
  const { name, kind, size, ...content } = creativeJson(creative);
  return {
    id: creative.id,
    campaignId: creative.campaignId,
    name,
    kind,
    size,
    width: creative.width,
    height: creative.height,
    ...content,
    reviewStatus: creative.reviewStatus,
    reviewNote: creative.reviewNote,
    reviewedAt: isoOrNull(creative.reviewedAt),
    archivedAt: isoOrNull(creative.archivedAt),
    createdAt: iso(creative.createdAt),
    updatedAt: iso(creative.updatedAt),
  };
}

export const creativeListSchema = listOf(creativeResourceSchema);
