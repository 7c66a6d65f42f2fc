// One fuzz case, and what the generators of every area share: each case draws from its own
// stream of the seeded PRNG (seed, area, case number), so `FUZZ_SEED` and a case's id (`area#n`)
// replay exactly that case; the odd headers and query strings any request may carry.
import type http from "node:http";
import type { ApiKeys } from "./fixtures";
import { headerSafe, nastyText, randomString, Rng, streamSeed } from "./inputs";

/** What the cases are made for: this run's seed, and the instance under test with its secrets and API keys. */
export interface FuzzRun {
  /** FUZZ_SEED. */
  seed: number;
  /** The instance's origin (`http://127.0.0.1:<port>`): what its own pages send as `Origin`. */
  url: string;
  /** The instance's MARQUEE_SECRET, which signs its offers. */
  secret: string;
  /** The instance's CRON_SECRET. */
  cronSecret: string;
  /** API keys of the demo organisations and of others (fixtures.ts). */
  keys: ApiKeys;
}

export interface FuzzCase {
  /** `area#n`: with FUZZ_SEED, names the one case to replay. */
  id: string;
  method: string;
  /** Sent exactly as written (node:http does not normalise it). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** What the failure message shows of the body. */
  bodyNote?: string;
  /** Marquee's own API: a JSON error must be `{ error: { code, message } }`. */
  apiErrors?: boolean;
  /**
   * A post to a server action: a bare error row is judged by the reason the server logged for
   * its digest (a payload React or Next.js could not decode is theirs to refuse).
   */
  action?: boolean;
  check?: (response: FuzzResponse) => string[];
  timeoutMs?: number;
}

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  seconds: number;
  /** Why the request was sent a second time, on a fresh connection (see send in the spec). */
  resent?: string;
}

/** A case whose body is built when it is sent (multipart encoding is asynchronous). */
export type PendingCase = FuzzCase | (() => Promise<FuzzCase>);

/** `count` cases of one area, each from its own stream. */
export function generate(run: FuzzRun, area: string, count: number, make: (rng: Rng, id: string, run: FuzzRun) => FuzzCase): FuzzCase[] {
  return Array.from({ length: count }, (_, index) => make(new Rng(streamSeed(run.seed, area, index)), `${area}#${index}`, run));
}

const BOT_AND_ODD_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
  "Googlebot/2.1 (+http://www.google.com/bot.html)",
  "curl/8.0",
  "",
  "x".repeat(4_000),
];

/** Headers a hostile client may send to any endpoint. */
export function oddHeaders(rng: Rng): Record<string, string> {
  const headers: Record<string, string> = {};
  if (rng.chance(0.5)) headers["user-agent"] = headerSafe(rng.chance(0.6) ? rng.pick(BOT_AND_ODD_AGENTS) : nastyText(rng));
  if (rng.chance(0.3)) headers["x-vercel-ip-country"] = headerSafe(rng.pick(["US", "de", "ZZ", "XX", "", "USA", "1", nastyText(rng)]));
  if (rng.chance(0.3)) headers["x-forwarded-for"] = headerSafe(rng.pick(["203.0.113.9", "", ",,,", "::1", "999.999.1.1, 10.0.0.1", "not an ip", nastyText(rng)]));
  if (rng.chance(0.2)) headers["x-forwarded-host"] = headerSafe(rng.pick(["evil.example", "a b", "[::1]:99999", "", "host\\path", nastyText(rng)]));
  if (rng.chance(0.2)) headers["x-forwarded-proto"] = headerSafe(rng.pick(["https", "javascript", "", nastyText(rng)]));
  if (rng.chance(0.1)) headers["sec-purpose"] = rng.pick(["prefetch", "prefetch;prerender", "x"]);
  if (rng.chance(0.1)) headers.purpose = "prefetch";
  if (rng.chance(0.1)) headers.accept = rng.pick(["text/x-component", "application/json", "*/*", "text/html", ""]);
  return headers;
}

export function queryString(rng: Rng, names: readonly string[], values: () => string): string {
  const parts: string[] = [];
  for (let count = rng.int(5); count > 0; count -= 1) {
    const name = rng.chance(0.85) ? rng.pick(names) : randomString(rng, 10);
    // Node refuses request lines past 16 KB before any app code runs: long, not huge.
    const value = values().slice(0, 3_000);
    // Mostly encoded as a browser would, sometimes raw (a stray % or a lone surrogate's bytes).
    const raw = (text: string) => headerSafe(text).replace(/[ #]/g, "+");
    parts.push(rng.chance(0.8) ? `${encodeURIComponent(name)}=${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ""))}` : `${raw(name)}=${raw(value)}`);
  }
  return parts.length ? `?${parts.join("&")}` : rng.chance(0.2) ? "?" : "";
}
