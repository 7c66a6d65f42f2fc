import { z } from "zod";
import type { Site } from "@/lib/generated/prisma/client";
import { siteSchema } from "@/lib/zod/schemas/sites";
import { dateTimeOutput, idOutput, iso, listOf } from "./common";

// Sites in JSON: the site form's two fields, parsed by the form's own schema.

export const siteWriteFields = z
  .object({
    name: z.string().meta({ description: "Shown to you only.", examples: ["Trailhead Daily"] }),
    domain: z.string().meta({ description: 'Where the snippet runs; a pasted URL is reduced to its host ("https://Example.com/blog" → "example.com").', examples: ["trailhead.example"] }),
  })
  .strict();

export type SiteWriteFields = z.infer<typeof siteWriteFields>;

/** POST /api/v1/sites, and a PATCH merged over the stored site. */
export const createSiteBodySchema = siteWriteFields.pipe(siteSchema);
export const siteFromWriteFields = createSiteBodySchema;

/** PATCH /api/v1/sites/{id}: either field, laid over the site as it is. */
export const updateSiteBodySchema = siteWriteFields.partial();

export function siteWriteValues(site: Site): SiteWriteFields {
  return { name: site.name, domain: site.domain };
}

export const siteResourceSchema = z
  .object({
    id: idOutput("The site's id."),
    name: z.string(),
    domain: z.string(),
    createdAt: dateTimeOutput("Created."),
    updatedAt: dateTimeOutput("Last changed."),
  })
  .meta({ description: "A publisher's site (domain). Its placements are the ad slots." });

export function siteResource(site: Site): z.infer<typeof siteResourceSchema> {
  return { id: site.id, name: site.name, domain: site.domain, createdAt: iso(site.createdAt), updatedAt: iso(site.updatedAt) };
}

export const siteListSchema = listOf(siteResourceSchema);
