import { after } from "next/server";
import { toErrorResponse } from "@/lib/http/error-response";
import { clientAddress } from "@/lib/http/client";
import { requestLog } from "@/lib/log/request-log";
import { trackingContext } from "@/lib/tracking/context";
import { trackClick } from "@/lib/tracking/track-click";

// The click redirect: 302 to the landing URL stored for the offer's creative; the click is
// recorded after the response is sent (lib/tracking/track-click.ts).

export const dynamic = "force-dynamic";

async function click(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const events = requestLog(request.headers, "/c/[token]");
  const { token } = await params;
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

export const GET = click;
/** Explicit so that HEAD is never counted (link checkers); it redirects like GET. */
export const HEAD = click;
