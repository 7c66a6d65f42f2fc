import { z } from "zod";
import { placementFormFieldsFromJson, placementJson, type PlacementField, type PlacementRecord } from "@/lib/model/placement";
import { embedSnippet } from "@/lib/placements/embed-snippet";
import { placementFormSchema, placementSchema } from "@/lib/zod/schemas/placements";
import { dateTimeOutput, idOutput, iso, isoOrNull, listOf, moneyInput, moneyOutput, wordList } from "./common";

// Placements in JSON: the placement form's fields (keywords as a list), turned into the form's
// fields (placementFormFieldsFromJson, lib/model/placement.ts) and parsed by the form's own
// schema (placementSchema).

export const placementWriteFields = placementFormSchema
  .pick({ size: true })
  .extend({
    name: z.string().meta({ description: "Shown to you only.", examples: ["Sidebar"] }),
    keywords: wordList("What the pages around it are about; campaigns targeting keywords match these."),
    floorPrice: moneyInput("Least CPM this placement accepts; \"0\" for no floor."),
  } satisfies Record<Exclude<PlacementField, "size">, z.ZodType>)
  .strict();

export type PlacementWriteFields = z.infer<typeof placementWriteFields>;

/** JSON fields → the placement form's fields, as its schema reads them. */
const toFormFields = (fields: PlacementWriteFields): z.input<typeof placementSchema> => placementFormFieldsFromJson(fields);

/** A whole placement as JSON → what createPlacement / updatePlacement take. */
export const placementFromWriteFields = placementWriteFields.transform(toFormFields).pipe(placementSchema);

/** POST /api/v1/sites/{id}/placements: keywords and floor are optional. */
export const createPlacementBodySchema = placementWriteFields
  .extend({
    keywords: placementWriteFields.shape.keywords.default([]),
    floorPrice: placementWriteFields.shape.floorPrice.default("0"),
  })
  .transform(toFormFields)
  .pipe(placementSchema);

/** PATCH /api/v1/placements/{id}: any writable fields, laid over the placement as it is. */
export const updatePlacementBodySchema = placementWriteFields.partial();

export const placementResourceSchema = z
  .object({
    id: idOutput("The placement's id (the snippet's data-marquee-placement)."),
    siteId: idOutput("Its site."),
    name: z.string(),
    size: z.string().meta({ description: '"WIDTHxHEIGHT", e.g. "300x250".' }),
    width: z.number().int(),
    height: z.number().int(),
    keywords: z.array(z.string()),
    floorPrice: moneyOutput("Least CPM accepted."),
    embedSnippet: z.string().nullable().meta({ description: "The HTML to paste into the site's pages; null once archived." }),
    archivedAt: dateTimeOutput("When it was archived (it no longer shows ads).").nullable(),
    createdAt: dateTimeOutput("Created."),
    updatedAt: dateTimeOutput("Last changed."),
  })
  .meta({ description: "A placement: one ad slot of a site." });

/** `origin` is where publisher pages load the snippet from (this deployment). */
export function placementResource(placement: PlacementRecord, origin: string): z.infer<typeof placementResourceSchema> {
  // The settings, with the size's pixels right after the size (where the answers have them).
  const { name, size, ...settings } = placementJson(placement);
  return {
    id: placement.id,
    siteId: placement.siteId,
    name,
    size,
    width: placement.width,
    height: placement.height,
    ...settings,
    embedSnippet: placement.archivedAt === null ? embedSnippet(origin, placement.id) : null,
    archivedAt: isoOrNull(placement.archivedAt),
    createdAt: iso(placement.createdAt),
    updatedAt: iso(placement.updatedAt),
  };
}

export const placementListSchema = listOf(placementResourceSchema);
