import { z } from "zod";
import type { Site } from "@/lib/generated/prisma/client";
import { DEFAULT_AD_LABEL, MAX_AD_LABEL_LENGTH, MAX_BLOCKED_DOMAINS, MAX_EXTRA_DOMAINS, siteSchema } from "@/lib/zod/schemas/sites";
import { dateTimeOutput, idOutput, iso, listOf } from "./common";

// Sites in JSON: the site form's fields, parsed by the form's own schema.

export const siteWriteFields = z
  .object({
    name: z.string().meta({ description: "Shown to you only.", examples: ["Trailhead Daily"] }),
    domain: z.string().meta({ description: 'Where the snippet runs; a pasted URL is reduced to its host ("https://Example.com/blog" → "example.com").', examples: ["trailhead.example"] }),
    extraDomains: z
      .array(z.string({ error: "Send each of the extra domains as a string." }), { error: 'Send the extra domains as a list of host names, e.g. ["example.org"].' })
      .optional()
      .meta({
        description: `More domains whose pages (and their subdomains' pages) may show the site's placements, e.g. a second brand or a CDN host; at most ${MAX_EXTRA_DOMAINS}, each reduced to its host like \`domain\`, lower-case. Ads seen on any other page are invalid traffic (OFF_DOMAIN), not billed. Omitted on create: none; on PATCH: unchanged.`,
        examples: [["trailhead-news.example", "amp.trailhead.example"]],
      }),
    blockedDomains: z
      .array(z.string({ error: "Send each of the blocked domains as a string." }), { error: 'Send the blocked domains as a list of host names, e.g. ["rival.example"].' })
      .optional()
      .meta({
        description: `Advertisers' domains whose ads never show on the site's placements: a campaign with an ad whose landing page is on one of them (or a subdomain) is left out; at most ${MAX_BLOCKED_DOMAINS}, each reduced to its host like \`domain\`, lower-case. Omitted on create: none; on PATCH: unchanged.`,
        examples: [["rival.example"]],
      }),
    adLabel: z
      .string({ error: "Enter the label as text." })
      .optional()
      .meta({
        description: `The disclosure every ad on the site's pages shows, inside the slot (the snippet's label): plain text, 1–${MAX_AD_LABEL_LENGTH} characters, e.g. "Sponsored" or "Anzeige". Omitted on create: "${DEFAULT_AD_LABEL}"; on PATCH: unchanged.`,
        examples: ["Sponsored"],
      }),
  })
  .strict();

export type SiteWriteFields = z.infer<typeof siteWriteFields>;

/** POST /api/v1/sites, and a PATCH merged over the stored site. */
export const createSiteBodySchema = siteWriteFields.pipe(siteSchema);
export const siteFromWriteFields = createSiteBodySchema;

/** PATCH /api/v1/sites/{id}: any of the fields, laid over the site as it is. */
export const updateSiteBodySchema = siteWriteFields.partial();

export function siteWriteValues(site: Site): SiteWriteFields {
  return { name: site.name, domain: site.domain, extraDomains: site.extraDomains, blockedDomains: site.blockedDomains, adLabel: site.adLabel };
}

export const siteResourceSchema = z
  .object({
    id: idOutput("The site's id."),
    name: z.string(),
    domain: z.string(),
    extraDomains: z.array(z.string()).meta({ description: "More domains whose pages may show the site's placements (lower-case hosts)." }),
    blockedDomains: z.array(z.string()).meta({ description: "Advertisers' domains whose ads never show on the site's placements (lower-case hosts)." }),
    adLabel: z.string().meta({ description: "The disclosure every ad on the site's pages shows (the snippet's label)." }),
    createdAt: dateTimeOutput("Created."),
    updatedAt: dateTimeOutput("Last changed."),
  })
  .meta({ description: "A publisher's site (domain). Its placements are the ad slots." });

export function siteResource(site: Site): z.infer<typeof siteResourceSchema> {
  return { id: site.id, name: site.name, domain: site.domain, extraDomains: site.extraDomains, blockedDomains: site.blockedDomains, adLabel: site.adLabel, createdAt: iso(site.createdAt), updatedAt: iso(site.updatedAt) };
}

export const siteListSchema = listOf(siteResourceSchema);
