import "server-only";
import { after } from "next/server";
import { toErrorResponse } from "@/lib/http/error-response";
import { clientAddress, preflightResponse, publicApiHeaders } from "@/lib/http/client";
import { requestLog } from "@/lib/log/request-log";
import { TOKEN_PARAMETER } from "@/lib/offers/offer-urls";
import { trackingContext } from "./context";
import { trackClick } from "./track-click";
import { trackImpression } from "./track-impression";

// The tracking routes' answers, shared by the URLs /api/serve hands out — /api/i?t=<token>
// and /c?t=<token> — and the older /api/i/<token> and /c/<token> (why both:
// lib/offers/offer-urls.ts).

/** The offer token of a request to /api/i or /c: its first `t` (missing → "", which the token check refuses with a 400). */
export function queryToken(request: Request & { nextUrl?: URL }): string {
  return (request.nextUrl ?? new URL(request.url)).searchParams.get(TOKEN_PARAMETER) ?? "";
}

const beaconHeaders = { ...publicApiHeaders, "Access-Control-Expose-Headers": "Marquee-Event" };

/**
 * The impression beacon: POST (the snippet's fetch/sendBeacon) or GET (an image pixel).
 * 204 + `Marquee-Event` once the database holds the event; 503 + Retry-After when it cannot.
 */
export async function impressionBeacon(request: Request, token: string, route: string): Promise<Response> {
  const events = requestLog(request.headers, route);
  try {
    const event = await trackImpression({ token, method: request.method, headers: request.headers, address: clientAddress(request.headers) }, trackingContext(after, events));
    return events.finish(beaconAnswer(event), event);
  } catch (error) {
    const response = toErrorResponse(error, { headers: beaconHeaders });
    return events.finish(response, `refused_${response.status}`);
  }
}

/** HEAD of a beacon URL: answered explicitly, or Next.js would run GET — and count it. */
export function impressionHead(): Response {
  return beaconAnswer("ignored");
}

export function impressionPreflight(): Response {
  return preflightResponse("GET, POST, HEAD, OPTIONS");
}

function beaconAnswer(event: string): Response {
  return new Response(null, { status: 204, headers: { ...beaconHeaders, "Marquee-Event": event } });
}

/**
 * The click redirect: 302 to the landing URL stored for the offer's creative; the click is
 * recorded after the response is sent (track-click.ts). HEAD redirects too, and is never counted.
 */
export async function clickRedirect(request: Request, token: string, route: string): Promise<Response> {
  const events = requestLog(request.headers, route);
  try {
    const { landingUrl, event } = await trackClick({ token, method: request.method, headers: request.headers, address: clientAddress(request.headers) }, trackingContext(after, events));
    const redirect = new Response(null, {
      status: 302,
      headers: {
        Location: landingUrl,
        "Cache-Control": "no-store",
        // The advertiser sees the publisher's origin (attribution), never the page's full URL.
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Robots-Tag": "noindex, nofollow",
        "Marquee-Event": event,
      },
    });
    return events.finish(redirect, event);
  } catch (error) {
    const response = toErrorResponse(error);
    return events.finish(response, `refused_${response.status}`);
  }
}
