import { isIP } from "node:net";
import { env, type Env } from "@/lib/config/env";

// What a request says about its client, read the same way by every endpoint. Identity comes
// only from what the deployment can prove: the platform's own header on Vercel (or the one
// CLIENT_IP_HEADER names), else the TCP peer as Marquee's server saw it, walked back through
// TRUSTED_PROXY_HOPS proxies of the operator's. Headers a client can set (X-Forwarded-*,
// X-Real-IP) are never believed beyond those hops.

/**
 * The header in which Marquee's own HTTP server (scripts/server.mjs) hands the TCP peer's
 * address to the app, after dropping any copy the client sent. It is believed only when that
 * server marked this process as its own (the global below): under a bare `next start` a
 * client could send it.
 */
export const PEER_ADDRESS_HEADER = "x-marquee-peer";
/** The Host the request arrived with, set by the same server (pages see a rewritten Host). */
export const REQUEST_HOST_HEADER = "x-marquee-host";
const SERVER_MARK = Symbol.for("marquee.server");

export type ClientAddressSource = "platform-header" | "peer" | "unverified";

type AddressConfig = Pick<Env, "TRUSTED_PROXY_HOPS" | "CLIENT_IP_HEADER" | "VERCEL">;

/** Where this process learns client addresses from (start-up refuses "unverified" in production). */
export function clientAddressSource(config: AddressConfig = env(), marked: boolean = servedByMarquee()): ClientAddressSource {
  if (platformHeader(config)) return "platform-header";
  return marked ? "peer" : "unverified";
}

export function servedByMarquee(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

function platformHeader(config: AddressConfig): string | undefined {
  // Vercel overwrites X-Real-IP (and X-Forwarded-For) with the client's address.
  return config.CLIENT_IP_HEADER ?? (config.VERCEL ? "x-real-ip" : undefined);
}

/**
 * The client's IP address as the deployment can prove it. Every limit, viewer id and
 * frequency cap keyed by address uses this function and nothing else.
 */
export function clientAddress(headers: Headers, config: AddressConfig = env(), marked: boolean = servedByMarquee()): string {
  const header = platformHeader(config);
  if (header) return normalizeAddress(headers.get(header)?.split(",")[0]) ?? UNKNOWN_ADDRESS;
  const peer = marked ? normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? undefined) : undefined;
  if (peer) {
    if (config.TRUSTED_PROXY_HOPS === 0) return peer;
    // The chain as the last trusted proxy saw it: what it was told, then who told it.
    const chain = [...forwardedChain(headers), peer];
    return normalizeAddress(chain[Math.max(0, chain.length - 1 - config.TRUSTED_PROXY_HOPS)]) ?? UNKNOWN_ADDRESS;
  }
  // Not behind Marquee's server (development under `next dev`, unit tests): Next.js fills
  // X-Forwarded-For from the socket when the client sent none. Production refuses to start
  // in this state (lib/startup/register-node.ts), so this is never billing's answer.
  return normalizeAddress(forwardedChain(headers)[0]) ?? UNKNOWN_ADDRESS;
}

/** Stands for a client whose address the deployment could not read. */
export const UNKNOWN_ADDRESS = "0.0.0.0";

function forwardedChain(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** A plain IP address: IPv4-mapped IPv6 as IPv4, without brackets or port; undefined when not an address. */
export function normalizeAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 0) return undefined;
  return version === 6 ? address.toLowerCase() : address;
}

/** ISO 3166-1 alpha-2 country from the platform's geo header, "ZZ" when absent or invalid. */
export function clientCountry(headers: Headers, headerName: string): string {
  const value = headers.get(headerName)?.trim().toUpperCase();
  return value && /^[A-Z]{2}$/.test(value) ? value : "ZZ";
}

/** A host as browsers send it: name or IPv4 or [IPv6], with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin publisher pages, mails and links must use: MARQUEE_PUBLIC_URL when configured;
 * else the host the request was addressed to. The forwarded host and protocol count only
 * when a proxy of the deployment's set them (Vercel, or TRUSTED_PROXY_HOPS > 0); otherwise
 * the Host header and plain http (Marquee's own server does not terminate TLS). Null when
 * the host is not a host name.
 */
export function publicOrigin(
  headers: Headers,
  config: Pick<Env, "MARQUEE_PUBLIC_URL" | "TRUSTED_PROXY_HOPS" | "VERCEL"> = env(),
  marked: boolean = servedByMarquee(),
): string | null {
  if (config.MARQUEE_PUBLIC_URL) return config.MARQUEE_PUBLIC_URL;
  const proxied = Boolean(config.VERCEL) || config.TRUSTED_PROXY_HOPS > 0;
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim().toLowerCase() || undefined;
  const host = (proxied ? first("x-forwarded-host") : undefined) ?? (marked ? first(REQUEST_HOST_HEADER) : undefined) ?? first("host");
  if (!host || !HOST.test(host)) return null;
  const protocol = proxied && first("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}

/** Headers of every answer to a publisher page: readable from any origin, never cached. */
export const publicApiHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "no-store",
} as const;

export function preflightResponse(methods: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...publicApiHeaders,
      "Access-Control-Allow-Methods": methods,
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
    },
  });
}
