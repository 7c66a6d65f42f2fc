import type { NextRequest } from "next/server";
import { detectDevice } from "@/lib/ads/device";
import { serveAd } from "@/lib/ads/serve-ad";
import { serveQuerySchema } from "@/lib/ads/serve-query";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { activeCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { clientCountry, clientIp, preflightResponse, publicApiHeaders, publicOrigin } from "@/lib/http/client";
import { store } from "@/lib/redis";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const query = serveQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) {
    const message = query.error.issues[0]?.message ?? "The request is not valid.";
    return toErrorResponse(new ApiError("bad_request", message), { headers: publicApiHeaders });
  }
  const config = env();
  const cache = activeCampaigns();
  try {
    const result = await serveAd(
      { activeSet: () => cache.get(), store: store(), secret: config.MARQUEE_SECRET },
      {
        placementId: query.data.placement,
        keywords: query.data.keywords,
        country: clientCountry(request.headers, config.GEO_COUNTRY_HEADER),
        device: detectDevice(request.headers.get("user-agent")),
        ip: clientIp(request.headers),
        userAgent: request.headers.get("user-agent") ?? "",
        origin: publicOrigin(request, config.MARQUEE_PUBLIC_URL),
      },
    );
    if (result.kind === "unknown_placement") {
      return toErrorResponse(new ApiError("not_found", "No such placement."), { headers: publicApiHeaders });
    }
    if (result.kind === "no_fill") return new Response(null, { status: 204, headers: publicApiHeaders });
    return Response.json(result.response, { headers: publicApiHeaders });
  } catch (error) {
    // Neither the cache nor the database could answer: no fill, never a 5xx to a page.
    reportServeFailure(error);
    return new Response(null, { status: 204, headers: publicApiHeaders });
  }
}

export function OPTIONS() {
  return preflightResponse("GET, OPTIONS");
}

let lastFailureLog = 0;
function reportServeFailure(error: unknown) {
  const now = Date.now();
  if (now - lastFailureLog < 10_000) return; // one line per 10 s, not one per request
  lastFailureLog = now;
  console.error(`Serving without an active set (answering no fill): ${error instanceof Error ? error.message : String(error)}`);
}
