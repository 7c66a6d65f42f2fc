// Where a person was going when the sign-in page stopped them: the page a link in a mail names
// ("raise its budget here") must still open after signing in, not the dashboard.

/** The path (and query) of the page requested; proxy.ts sets it on every page request, over anything a client sent. */
export const REQUEST_PATH_HEADER = "x-marquee-path";

const BASE = "http://marquee.invalid";

/**
 * A path of this site to go on to, from a query or a form — untrusted: only a local path
 * ("/advertiser/campaigns/c1/edit?tab=budget") is kept; another origin ("//evil.example",
 * "https://evil.example", "/\\evil.example"), anything with control characters, an API route
 * and the sign-in pages themselves are not (undefined).
 */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2_000 || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/") || url.pathname.startsWith("/api/")) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, told where to go on to (a local path, not the dashboard it goes to anyway). */
export function signInPath(next?: string | null, signIn = "/sign-in"): string {
  const path = localPath(next);
  return path && path !== "/dashboard" ? `${signIn}?next=${encodeURIComponent(path)}` : signIn;
}
