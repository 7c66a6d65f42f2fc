import { z } from "zod";
import type { Placement } from "@/lib/generated/prisma/client";
import { embedSnippet } from "@/lib/placements/embed-snippet";
import { placementFormSchema, placementSchema, placementSize } from "@/lib/zod/schemas/placements";
import { dateTimeOutput, idOutput, iso, isoOrNull, listOf, money, moneyInput, moneyOutput, wordList } from "./common";

// Placements in JSON: the placement form's fields (keywords as a list), parsed by the form's
// own schema (placementSchema).

export const placementWriteFields = placementFormSchema
  .pick({ size: true })
  .extend({
    name: z.string().meta({ description: "Shown to you only.", examples: ["Sidebar"] }),
    keywords: wordList("What the pages around it are about; campaigns targeting keywords match these."),
    floorPrice: moneyInput("Least CPM this placement accepts; \"0\" for no floor."),
  })
  .strict();

export type PlacementWriteFields = z.infer<typeof placementWriteFields>;

function toFormFields(fields: PlacementWriteFields): z.input<typeof placementSchema> {
  return { name: fields.name, size: fields.size, keywords: fields.keywords.join(","), floorPrice: fields.floorPrice };
}

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

export function placementWriteValues(placement: Placement): PlacementWriteFields {
  return {
    name: placement.name,
    size: placementSize(placement.width, placement.height) as PlacementWriteFields["size"],
    keywords: placement.keywords,
    floorPrice: money(placement.floorPriceMicros),
  };
}

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
export function placementResource(placement: Placement, origin: string): z.infer<typeof placementResourceSchema> {
  return {
    id: placement.id,
    siteId: placement.siteId,
    name: placement.name,
    size: placementSize(placement.width, placement.height),
    width: placement.width,
    height: placement.height,
    keywords: placement.keywords,
    floorPrice: money(placement.floorPriceMicros),
    embedSnippet: placement.archivedAt === null ? embedSnippet(origin, placement.id) : null,
    archivedAt: isoOrNull(placement.archivedAt),
    createdAt: iso(placement.createdAt),
    updatedAt: iso(placement.updatedAt),
  };
}

export const placementListSchema = listOf(placementResourceSchema);
