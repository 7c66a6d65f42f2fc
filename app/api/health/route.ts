import { liveHealth } from "@/lib/health";

// For load balancers, Docker's HEALTHCHECK and uptime monitors: 200 while this instance can
// serve and record events, 503 when its database does not answer. A status per component and
// nothing else (the operators' details are at /api/health/deep). Probes are shared and cached
// for a second per instance, so any rate of checks costs the database at most one query a second.

export const dynamic = "force-dynamic";

async function health(request: Request): Promise<Response> {
  const report = await liveHealth();
  const init = { status: report.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } };
  return request.method === "HEAD" ? new Response(null, init) : Response.json(report, init);
}

export const GET = health;
/** Some load balancers probe with HEAD: the same status, no body. */
export const HEAD = health;
