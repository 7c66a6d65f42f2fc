import { clientAddress } from "@/lib/http/client";

/** Where better-auth reads the client's address (its ipAddressHeaders): set only by authHeaders. */
export const AUTH_CLIENT_ADDRESS_HEADER = "x-marquee-client-address";

/**
 * The request's headers as every call into better-auth must pass them: with the client's
 * address as Marquee proves it, replacing any value a client sent under that name.
 */
export function authHeaders(source: Headers): Headers {
  const headers = new Headers(source);
  headers.set(AUTH_CLIENT_ADDRESS_HEADER, clientAddress(source));
  return headers;
}

/**
 * better-auth's endpoints reachable over HTTP (app/api/auth). Marquee's own pages call the
 * library on the server (server actions, which apply the product's rules); over HTTP only
 * what a browser session needs stays open. Everything else better-auth ships — sign-up
 * without an organisation, profile updates without the form's limits, password endpoints —
 * answers 404, so that no door skips the product's locks (and an upgrade that adds endpoints
 * opens none). /verify-email is the link in the verification mail: a GET that a browser opens.
 */
export const OPEN_AUTH_PATHS: ReadonlySet<string> = new Set(["/get-session", "/sign-out", "/verify-email"]);
