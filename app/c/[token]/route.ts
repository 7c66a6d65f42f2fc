import { clickRedirect } from "@/lib/tracking/tracking-routes";

// The click redirect's older URL, /c/<offer token>: offers served before /c?t= still carry it
// (lib/tracking/tracking-routes.ts).

export const dynamic = "force-dynamic";

const click = async (request: Request, { params }: { params: Promise<{ token: string }> }) => clickRedirect(request, (await params).token, "/c/[token]");

export const GET = click;
/** Explicit so that HEAD is never counted (link checkers); it redirects like GET. */
export const HEAD = click;
