import { after } from "next/server";
import { toErrorResponse } from "@/lib/http/error-response";
import { clientAddress, preflightResponse, publicApiHeaders } from "@/lib/http/client";
import { requestLog } from "@/lib/log/request-log";
import { trackingContext } from "@/lib/tracking/context";
import { trackImpression } from "@/lib/tracking/track-impression";

// The impression beacon: POST (the snippet's fetch/sendBeacon) or GET (an image pixel).
// 204 + `Marquee-Event` once the database holds the event; 503 + Retry-After when it cannot.

export const dynamic = "force-dynamic";

const headers = { ...publicApiHeaders, "Access-Control-Expose-Headers": "Marquee-Event" };

async function beacon(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const events = requestLog(request.headers, "/api/i/[token]");
  const { token } = await params;
  try {
    const event = await trackImpression({ token, method: request.method, headers: request.headers, address: clientAddress(request.headers) }, trackingContext(after, events));
    return events.finish(answer(event), event);
  } catch (error) {
    const response = toErrorResponse(error, { headers });
    return events.finish(response, `refused_${response.status}`);
  }
}

export const GET = beacon;
export const POST = beacon;

/** Explicit, or Next.js would answer HEAD by running GET — and count it. */
export function HEAD(): Response {
  return answer("ignored");
}

export function OPTIONS(): Response {
  return preflightResponse("GET, POST, HEAD, OPTIONS");
}

function answer(event: string): Response {
  return new Response(null, { status: 204, headers: { ...headers, "Marquee-Event": event } });
}
