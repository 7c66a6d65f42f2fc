import { systemHealth } from "@/lib/admin/system-health";
import { env } from "@/lib/config/env";
import { authorizeDeepCheck, sessionRole } from "@/lib/health/deep-check-access";
import { toErrorResponse } from "@/lib/http/error-response";

// The operators' health check: this instance's database latency, Redis and its circuit breaker,
// the active set cache, parked clicks, the last hour's invalid traffic, its build and uptime,
// and what each warning means. For a signed-in operator, or `Authorization: Bearer
// <HEALTH_CHECK_TOKEN>` (monitoring). 503 when the database is down, like /api/health.

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    await authorizeDeepCheck({
      authorization: request.headers.get("authorization"),
      token: env().HEALTH_CHECK_TOKEN,
      sessionRole: () => sessionRole(request.headers),
    });
    const health = await systemHealth();
    return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
