import type { NextRequest } from "next/server";
import { clickRedirect, queryToken } from "@/lib/tracking/tracking-routes";

// The click redirect, /c?t=<offer token> (the URL /api/serve hands out).

export const dynamic = "force-dynamic";

const click = (request: NextRequest) => clickRedirect(request, queryToken(request), "/c");

export const GET = click;
/** Explicit so that HEAD is never counted (link checkers); it redirects like GET. */
export const HEAD = click;
