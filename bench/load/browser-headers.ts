// What a page view's requests carry: a desktop browser's User-Agent (tracking refuses
// scripting clients and headless browsers as bots), the platform's geo header, the page's
// Origin (the bench site's domain, so offers are "on site"), and the client's address in the
// header the platform sets — varied per client so that frequency caps and the per-client
// rates see many viewers, not one.
//
// The address: the app never believes a client's X-Forwarded-For (lib/http/client.ts), and
// on loopback every TCP peer is 127.0.0.1. So the bench's servers run as a Vercel deployment
// does — CLIENT_IP_HEADER=x-real-ip, the header the platform overwrites with the client's
// address (BENCH_SERVER_ENV in bench/run.ts) — and the load sends the simulated client's
// address in it.
import { BENCH_SITE_DOMAIN, REQUEST_COUNTRIES } from "@/bench/data/bench-data-set";

export const DESKTOP_CHROME_USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** The header the bench's servers take the client's address from (their CLIENT_IP_HEADER). */
export const CLIENT_ADDRESS_HEADER = "x-real-ip";

/** The page the bench's ads are on: a page of the bench site (its registered domain). */
export const BENCH_PAGE_ORIGIN = `https://${BENCH_SITE_DOMAIN}`;

/**
 * Distinct viewers the serving load comes from: few enough that each one is served hundreds
 * of times a run, so frequency caps bind (the capped scenarios measure caps that refuse).
 */
export const VIEWERS = 5_000;

/**
 * Distinct visitors the tracking load's views and clicks come from: as many as a busy site's
 * audience (2^20), so that each one views a placement about as often as a person does — a few
 * times in the view limit's 5 minutes at most. With 5,000 clients each one sent about ten
 * views of the same placement per 5 minutes, which the production limit (5 per 5 minutes)
 * judges RATE_LIMIT, and which made every per-client rate check count ten rows of history
 * where real traffic has none or one.
 */
export const VISITORS = 1 << 20;

export function randomCountry(): string {
  return REQUEST_COUNTRIES[Math.floor(Math.random() * REQUEST_COUNTRIES.length)]!;
}

export function randomClientIp(population: number = VIEWERS): string {
  const n = Math.floor(Math.random() * population);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** A simulated browser: where it connects from and what it says it is. */
export interface BenchClient {
  address: string;
  userAgent: string;
}

export function randomClient(population: number = VIEWERS): BenchClient {
  return { address: randomClientIp(population), userAgent: DESKTOP_CHROME_USER_AGENT };
}

/**
 * Headers of a request of `client` from a page of the bench site: Origin as a browser sends it
 * with a cross-origin fetch or beacon, or Referer (`page: "referer"`) as it sends with a
 * click's navigation.
 */
export function browserHeaders(client: BenchClient = randomClient(), page: "origin" | "referer" = "origin"): Record<string, string> {
  return {
    "user-agent": client.userAgent,
    "x-vercel-ip-country": randomCountry(),
    [CLIENT_ADDRESS_HEADER]: client.address,
    ...(page === "origin" ? { origin: BENCH_PAGE_ORIGIN } : { referer: `${BENCH_PAGE_ORIGIN}/` }),
  };
}
