import { auth } from "@/lib/auth/auth";
import { authHeaders, OPEN_AUTH_PATHS } from "@/lib/auth/auth-headers";
import { invalidateActiveCampaigns } from "@/lib/cache";

// better-auth's HTTP endpoints: only OPEN_AUTH_PATHS; every other one answers 404.

export const dynamic = "force-dynamic";

const BASE = "/api/auth";

async function handler(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(BASE.length).replace(/\/+$/, "");
  if (!OPEN_AUTH_PATHS.has(path)) {
    return Response.json({ code: "NOT_FOUND", message: "There is no such authentication endpoint." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  if (await hasNul(request)) {
    return Response.json({ code: "INVALID_INPUT", message: "Text cannot contain the NUL character (\\u0000)." }, { status: 400 });
  }
  const response = await auth().handler(new Request(request, { headers: authHeaders(request.headers) }));
  if (path === "/verify-email" && confirmedAnAddress(response)) await invalidateActiveCampaigns();
  return response;
}

/**
 * A confirmed address can let an organisation serve (lib/model/organization.ts): the cached
 * active set is dropped, as after a campaign write. better-auth answers a good link with a
 * redirect to the callback, a bad one with the same redirect carrying `error=`.
 */
function confirmedAnAddress(response: Response): boolean {
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || location === null) return false;
  try {
    return !new URL(location, "http://marquee.invalid").searchParams.has("error");
  } catch {
    return false;
  }
}

/** PostgreSQL refuses NUL in text, and better-auth would pass one to it unchecked (a 500): refused first. */
async function hasNul(request: Request): Promise<boolean> {
  if (/%00/.test(new URL(request.url).search)) return true;
  if (request.method === "GET" || request.method === "HEAD") return false;
  const body = await request.clone().text();
  return body.includes("\u0000") || body.includes("\\u0000");
}

export const GET = handler;
export const POST = handler;
