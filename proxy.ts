import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/content-security-policy";
import { REQUEST_PATH_HEADER } from "@/lib/http/local-path";

/**
 * Every page for people gets a fresh script nonce and the policy that names it. Next.js reads
 * the policy from the request headers while rendering and puts the nonce on its own scripts.
 * The request's path goes along too, for the sign-in page to come back to.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // The page asked for, for a sign-in redirect to come back to (lib/auth/session.ts requireUser);
  // never the client's own header of that name. Not Next's RSC cache-buster.
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${query ? `?${query}` : ""}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Every page for people, prefetches included: Next's guide leaves those out, but a prefetched
  // page or RSC payload is then shown as the page itself, so it must carry the policy too.
  // Not the public ad endpoints (/api, the click redirect /c?t= and /c/<token>, /embed.js), nor
  // static files and uploaded images (/assets/: publisher pages load them; an image needs no
  // script policy).
  matcher: ["/((?!api/|c(?:/|$)|embed\\.js|_next/static|_next/image|favicon\\.ico|demo/|assets/).*)"],
};
