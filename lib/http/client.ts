// What a request says about its client, read the same way by every public endpoint.

/** The client's IP: the first X-Forwarded-For hop (set by Vercel or the proxy), else X-Real-IP. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim();
  return headers.get("x-real-ip")?.trim() || "0.0.0.0";
}

/** ISO 3166-1 alpha-2 country from the platform's geo header, "ZZ" when absent or invalid. */
export function clientCountry(headers: Headers, headerName: string): string {
  const value = headers.get(headerName)?.trim().toUpperCase();
  return value && /^[A-Z]{2}$/.test(value) ? value : "ZZ";
}

/**
 * The origin publisher pages must call back: the configured public URL, else what the
 * request was addressed to (the proxy's forwarded host first, as Vercel and nginx set it).
 */
export function publicOrigin(request: { headers: Headers; url: string }, configured?: string): string {
  if (configured) return configured;
  const url = new URL(request.url);
  const candidate = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(candidate) ? candidate : url.host;
  const protocol = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return `${protocol === "https" ? "https" : "http"}://${host}`;
}

/** Headers of every answer to a publisher page: readable from any origin, never cached. */
export const publicApiHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "no-store",
} as const;

export function preflightResponse(methods: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...publicApiHeaders,
      "Access-Control-Allow-Methods": methods,
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
    },
  });
}
