import { z } from "zod";

/** Letters, digits and hyphens per label, at least two labels (example.com, blog.example.co.uk). */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** What people paste: "https://Example.com/blog/" → "example.com". */
function hostOf(value: string): string {
  const withoutScheme = value.replace(/^https?:\/\//i, "");
  return withoutScheme.replace(/[/?#].*$/, "").replace(/\.$/, "").toLowerCase();
}

export const MAX_EXTRA_DOMAINS = 20;

/** As many as a publisher blocks by hand; each placement of the site carries them in the active set. */
export const MAX_BLOCKED_DOMAINS = 100;

const DOMAIN_HINT = "enter host names like example.org (no port or path)";

/** One list of domains a site's form or the API takes: what it is called in a message, and how many it may hold. */
interface DomainList {
  name: string;
  max: number;
}

const EXTRA: DomainList = { name: "extra domains", max: MAX_EXTRA_DOMAINS };
const BLOCKED: DomainList = { name: "blocked domains", max: MAX_BLOCKED_DOMAINS };

/**
 * A list of domains (a site's extra domains, or those it blocks). Each entry is reduced to its
 * host like the domain ("https://Blog.Example.org/x" → "blog.example.org"); repeats count once;
 * every entry that is not a host name is named.
 */
function domainHosts(list: DomainList, entries: readonly string[], context: z.RefinementCtx): string[] {
  const hosts = new Set<string>();
  const invalid: string[] = [];
  for (const entry of entries.map((value) => value.trim()).filter((value) => value !== "")) {
    const host = hostOf(entry);
    if (HOSTNAME.test(host)) hosts.add(host);
    else invalid.push(entry.length > 60 ? `${entry.slice(0, 60)}…` : entry);
  }
  if (invalid.length > 0) {
    const named = invalid.slice(0, 3).map((entry) => `“${entry}”`).join(", ");
    const more = invalid.length > 3 ? ` and ${invalid.length - 3} more` : "";
    context.addIssue({ code: "custom", message: `${named}${more} ${invalid.length === 1 ? "is not a domain" : "are not domains"}: ${DOMAIN_HINT}.` });
  }
  if (hosts.size > list.max) context.addIssue({ code: "custom", message: `List at most ${list.max} ${list.name} (there are ${hosts.size}).` });
  return [...hosts];
}

/** The API's list (absent: none). */
const domainList = (list: DomainList) =>
  z
    .array(z.string({ error: `Send each of the ${list.name} as a string.` }), { error: `Send the ${list.name} as a list of host names (${DOMAIN_HINT}).` })
    .optional()
    .transform((entries, context) => domainHosts(list, entries ?? [], context));

/** The form's text: one per line, or comma-separated (absent: none); far more than the most hosts and their separators is refused before it is split. */
const domainText = (list: DomainList) =>
  z
    .string()
    .max(list.max * 300, `List at most ${list.max} ${list.name}.`)
    .optional()
    .transform((text, context) => domainHosts(list, (text ?? "").split(/[\s,]+/), context));

/** What the snippet shows on every ad of a site unless the publisher chose other wording. */
export const DEFAULT_AD_LABEL = "Ad";

export const MAX_AD_LABEL_LENGTH = 20;

/**
 * The disclosure the snippet shows on the site's ads ("Ad", "Sponsored", "Anzeige"): plain
 * text of 1–20 characters, so that it fits a corner of the smallest slot. The snippet shows
 * it as text (never markup); angle brackets and control characters are refused all the same,
 * as they can only be a mistake. Absent: "Ad" (on PATCH: unchanged).
 */
const adLabel = z
  .string({ error: "Enter the label as text." })
  .trim()
  .min(1, "Enter the label every ad shows, e.g. Ad or Sponsored.")
  .refine((label) => Array.from(label).length <= MAX_AD_LABEL_LENGTH, `Keep the label to ${MAX_AD_LABEL_LENGTH} characters or fewer.`)
  .refine((label) => !/[<>\u0000-\u001f\u007f]/.test(label), "Use plain text for the label (no < or >, no line breaks).")
  .optional()
  .transform((label) => label ?? DEFAULT_AD_LABEL);

// A bound argument of the site forms, so anything a direct POST sends (PostgreSQL refuses NUL).
export const siteIdSchema = z.string({ error: "Site not found." }).trim().min(1, "Site not found.").max(64, "Site not found.").regex(/^[^\u0000]+$/, "Site not found.");

const siteFields = {
  name: z.string({ error: "Name the site." }).trim().min(1, "Name the site.").max(100, "Keep the name under 100 characters."),
  domain: z
    .string({ error: "Enter the site's domain." })
    .trim()
    .min(1, "Enter the site's domain.")
    .transform(hostOf)
    .pipe(z.string().regex(HOSTNAME, "Enter a domain like example.com (no port or path).")),
  adLabel,
};

/** The site's own domain is on the site already: not an extra one. */
const withoutOwnDomain = <T extends { domain: string; extraDomains: string[] }>(site: T): T => ({
  ...site,
  extraDomains: site.extraDomains.filter((host) => host !== site.domain),
});

/** A site as the API and the domain functions take it: extra and blocked domains as lists. */
export const siteSchema = z.object({ ...siteFields, extraDomains: domainList(EXTRA), blockedDomains: domainList(BLOCKED) }).transform(withoutOwnDomain);

/** A site as the form sends it: extra and blocked domains as text. */
export const siteFormSchema = z.object({ ...siteFields, extraDomains: domainText(EXTRA), blockedDomains: domainText(BLOCKED) }).transform(withoutOwnDomain);

export const createSiteSchema = siteSchema;
export const updateSiteSchema = siteSchema;

export type SiteInput = z.infer<typeof siteSchema>;
