import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { clientAddress, publicOrigin } from "@/lib/http/client";
import { publicLimiter } from "@/lib/rate-limit";
import { previewDocument, previewPolicy } from "@/lib/placements/embed-snippet";

// The page behind a placement's live preview in the publisher dashboard: the snippet running
// for real, in a document of its own. Not a srcdoc frame, which would inherit the dashboard's
// per-request script nonce (and break after a client-side navigation); the dashboard frames
// it sandboxed without allow-same-origin, so it cannot reach the dashboard's cookies or DOM.
// It holds nothing secret: a placement id is public (it is in the publisher's pages).

export const dynamic = "force-dynamic";

const PLACEMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function GET(request: Request, { params }: { params: Promise<{ placementId: string }> }) {
  const { placementId } = await params;
  if (!PLACEMENT_ID.test(placementId)) {
    return toErrorResponse(new AppError("bad_request", "The placement id must be letters, digits, - and _ (at most 64)."));
  }
  if (!(await publicLimiter().allow("preview", clientAddress(request.headers)))) {
    return toErrorResponse(new AppError("rate_limited", "Too many previews from your address: wait a minute, then reload.", { headers: { "Retry-After": "60" } }));
  }
  const origin = publicOrigin(request.headers);
  if (!origin) return toErrorResponse(new AppError("bad_request", "The request's Host header is not valid."));
  return new Response(previewDocument(origin, placementId), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": previewPolicy(origin),
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
