import { z } from "zod";

/** Letters, digits and hyphens per label, at least two labels (example.com, blog.example.co.uk). */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** What people paste: "https://Example.com/blog/" → "example.com". */
function hostOf(value: string): string {
  const withoutScheme = value.replace(/^https?:\/\//i, "");
  return withoutScheme.replace(/[/?#].*$/, "").replace(/\.$/, "").toLowerCase();
}

// A bound argument of the site forms, so anything a direct POST sends (PostgreSQL refuses NUL).
export const siteIdSchema = z.string({ error: "Site not found." }).trim().min(1, "Site not found.").max(64, "Site not found.").regex(/^[^\u0000]+$/, "Site not found.");

export const siteSchema = z.object({
  name: z.string({ error: "Name the site." }).trim().min(1, "Name the site.").max(100, "Keep the name under 100 characters."),
  domain: z
    .string({ error: "Enter the site's domain." })
    .trim()
    .min(1, "Enter the site's domain.")
    .transform(hostOf)
    .pipe(z.string().regex(HOSTNAME, "Enter a domain like example.com (no port or path).")),
});

export const createSiteSchema = siteSchema;
export const updateSiteSchema = siteSchema;

export type SiteInput = z.infer<typeof siteSchema>;
