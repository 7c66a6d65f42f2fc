import type { NextRequest } from "next/server";
import { detectDevice } from "@/lib/ads/device";
import { serveAd } from "@/lib/ads/serve-ad";
import { serveQuerySchema } from "@/lib/ads/serve-query";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { activeCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { clientAddress, clientCountry, preflightResponse, publicApiHeaders, publicOrigin } from "@/lib/http/client";
import { pageHost } from "@/lib/http/page";
import { requestLog } from "@/lib/log/request-log";
import { throttledLog } from "@/lib/log/throttled-log";
import { publicLimiter } from "@/lib/rate-limit/public-limit";
import { store } from "@/lib/redis";

export const dynamic = "force-dynamic";

const ROUTE = "/api/serve";
const problems = throttledLog();

export async function GET(request: NextRequest) {
  const requestEvents = requestLog(request.headers, ROUTE);
  const answer = (response: Response, outcome: string) => requestEvents.finish(response, outcome);
  const query = serveQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) {
    const message = query.error.issues[0]?.message ?? "The request is not valid.";
    return answer(toErrorResponse(new AppError("bad_request", message), { headers: publicApiHeaders }), "bad_request");
  }
  const config = env();
  const address = clientAddress(request.headers);
  // Past its limit a client gets no fill: never an error a page would show.
  if (!(await publicLimiter().allow("serve", address))) return answer(new Response(null, { status: 204, headers: publicApiHeaders }), "rate_limited");
  const cache = activeCampaigns();
  try {
    const userAgent = request.headers.get("user-agent") ?? "";
    const result = await serveAd(
      { activeSet: () => cache.get(), store: store(), secret: config.MARQUEE_SECRET },
      {
        placementId: query.data.placement,
        keywords: query.data.keywords,
        slot: query.data.slot,
        room: query.data.width,
        country: clientCountry(request.headers, config.GEO_COUNTRY_HEADER),
        device: detectDevice(userAgent),
        address,
        userAgent,
        pageHost: pageHost(request.headers),
        origin: publicOrigin(request.headers) ?? request.nextUrl.origin,
      },
    );
    if (result.kind === "unknown_placement") {
      return answer(toErrorResponse(new AppError("not_found", "No such placement."), { headers: publicApiHeaders }), "unknown_placement");
    }
    // No ad fits the room the page gave the slot, or none is eligible: the snippet collapses it.
    if (result.kind !== "ad") return answer(new Response(null, { status: 204, headers: publicApiHeaders }), result.kind);
    return answer(Response.json(result.response, { headers: publicApiHeaders }), "filled");
  } catch (error) {
    // Neither the cache nor the database could answer: no fill, never a 5xx to a page.
    problems.error("Ads are not served (no fill): neither Redis nor the database can give the active campaigns", { ...requestEvents.fields(), outcome: "no_active_set", error });
    return answer(new Response(null, { status: 204, headers: publicApiHeaders }), "no_active_set");
  }
}

export function OPTIONS() {
  return preflightResponse("GET, OPTIONS");
}
