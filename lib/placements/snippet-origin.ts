/** A host as browsers send it: name or IPv4 or [IPv6], with an optional port. Nothing else reaches a snippet. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const LOCAL = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?$/i;

/**
 * The origin publishers' pages load the snippet from: MARQUEE_PUBLIC_URL when configured,
 * else this deployment as the browser reached the dashboard (`X-Forwarded-Host`/`-Proto`
 * from Vercel or the reverse proxy, then Host). Without a forwarded protocol it is https
 * unless the host is local: an http script would be blocked on the publishers' https pages.
 */
export function snippetOrigin(headers: Headers, configured?: string): string | null {
  if (configured) return configured;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim().toLowerCase();
  if (!host || !HOST.test(host)) return null;
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const protocol = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : LOCAL.test(host) ? "http" : "https";
  return `${protocol}://${host}`;
}
