import { createHash } from "node:crypto";
import { HEADER_MEMO_SIZE, memoByValue } from "./header-memo";

// Which page a request says it comes from. Origin and Referer are set by browsers and can be
// set by scripts: evidence to compare with what a publisher registered, never identity.

/** The host of the page a request came from: its Origin, else its Referer; undefined when neither names one. */
export function pageHost(headers: Headers): string | undefined {
  for (const name of ["origin", "referer"]) {
    const value = headers.get(name);
    if (!value || value === "null") continue;
    const host = hostOfPageUrl(value);
    if (host !== undefined) return host;
  }
  return undefined;
}

/** The host of an http(s) URL, lower-case; undefined when the value is not one (once per distinct value). */
const hostOfPageUrl = memoByValue((value): string | undefined => {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.hostname.toLowerCase();
  } catch {
    // Not a URL: no evidence of a page.
  }
  return undefined;
}, HEADER_MEMO_SIZE);

/** Whether a host is one of the domains or a subdomain of one (domains lower-case, without a port). */
export function isOnDomains(host: string, domains: readonly string[]): boolean {
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** A short tag of a host, signed into offers: tells whether a beacon comes from the page served. */
export const hostTag = memoByValue((host) => createHash("sha256").update(host).digest().subarray(0, 6).toString("base64url"), HEADER_MEMO_SIZE);
