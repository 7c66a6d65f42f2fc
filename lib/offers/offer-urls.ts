// The tracking URLs an offer's token travels in: one mapping, used by /api/serve to hand them
// out and by the routes to read them back (lib/tracking/tracking-routes.ts).
//
// The token rides in the query, not the path: Next.js's router remembers every distinct path
// it has looked up on disk (an 8 MiB cache of file-system lookups), so with a token in the
// path each event added an entry and a self-hosted server's heap grew with every event until
// that cache was full. The older /api/i/<token> and /c/<token> still work, for offers served
// before the change.

/** The query parameter that carries the offer token. */
export const TOKEN_PARAMETER = "t";

/** The impression beacon of an offer. */
export function impressionUrl(origin: string, token: string): string {
  return `${origin}/api/i?${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;
}

/** The click redirect of an offer. */
export function clickUrl(origin: string, token: string): string {
  return `${origin}/c?${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;
}

/** The token of a tracking URL, either form; "" when it has none. */
export function tokenOfTrackingUrl(url: string): string {
  const parsed = new URL(url);
  const query = parsed.searchParams.get(TOKEN_PARAMETER);
  if (query !== null) return query;
  const legacy = /^\/(?:api\/i|c)\/([^/]+)$/.exec(parsed.pathname);
  return legacy ? decodeURIComponent(legacy[1]!) : "";
}
