import { isbot } from "isbot";
import type { RateWindow } from "@/lib/config/env";
import { HEADER_MEMO_SIZE, memoByValue } from "@/lib/http/header-memo";
import { hostTag, pageHost } from "@/lib/http/page";
import type { EventValidity } from "@/lib/model/enums";
import { LEGACY_PAGE, type Offer } from "@/lib/offers/offer-token";
import { clientId, viewerId } from "@/lib/offers/viewer";

// Whether a tracking request is an event a person produced. Exactly-once answers "was this
// counted twice?"; this answers "did a person see (or click) it?". Decided before billing, on
// evidence the request carries; the one reason that needs history (rate) is decided by the
// database, where every instance's events meet (marquee_record_* in prisma/migrations).
//
// Headers a client can set (User-Agent, Origin, Referer) are evidence compared with what the
// server itself signed into the offer at serving time, never identity: the address comes from
// lib/http/client.ts. A script can imitate a browser's headers; it cannot make its beacons
// come from every address it was served to, nor outrun the per-client rates.

/** `Purpose`/`Sec-Purpose`/`X-Purpose`/`X-Moz` values of speculative loads. */
const SPECULATIVE = /\b(prefetch|prerender|preview)\b/i;

/**
 * HEAD (link checkers) and speculative loads (prefetch, prerender, link previews) are not
 * events at all: nothing is recorded, so the real view or click that may follow still counts.
 */
export function isSpeculative(headers: Headers, method: string): boolean {
  if (method.toUpperCase() === "HEAD") return true;
  for (const name of ["purpose", "sec-purpose", "x-purpose", "x-moz"]) {
    const value = headers.get(name);
    if (value && SPECULATIVE.test(value)) return true;
  }
  return false;
}

/** No User-Agent, or one of a known bot, crawler, headless browser or scripting client (isbot's list; once per distinct User-Agent). */
export const isNonBrowser = memoByValue((userAgent) => userAgent.trim() === "" || isbot(userAgent), HEADER_MEMO_SIZE);

export interface InvalidTrafficPolicy {
  /** Off: every event is VALID (for diagnosis and the benchmark's baseline only). */
  enabled: boolean;
  /** Views of one placement per client: past this, RATE_LIMIT. */
  views: RateWindow;
  /** Clicks per client, in every one of these windows: past any, RATE_LIMIT. */
  clicks: RateWindow[];
}

export interface EventEvidence {
  kind: "impression" | "click";
  headers: Headers;
  /** The client's address (lib/http/client.ts). */
  address: string;
  offer: Offer;
  secret: string;
  /** Filtering off: every event is VALID. */
  enabled?: boolean;
}

export interface Judgement {
  validity: Exclude<EventValidity, "RATE_LIMIT">;
  /** The page's host when the event is OFF_DOMAIN (undefined: no page named). */
  pageHost?: string;
  /** The client (its address, keyed: lib/offers/viewer.ts clientId), whose rates the database checks. */
  client: string;
}

/**
 * The request-level verdict on an event of a verified offer. The first reason that applies
 * wins, in this order: a non-browser client; another client than the one served (address or
 * User-Agent differ from the offer's viewer); a page off the placement's site — the ad was
 * served to one (the offer says so), or the event names another page than the one served. A
 * beacon always names its page (a browser's cross-origin POST sends Origin); a click may not
 * (referrers can be stripped), so only a named page counts against it.
 */
export function judgeEvent(evidence: EventEvidence): Judgement {
  const { headers, offer } = evidence;
  const userAgent = headers.get("user-agent") ?? "";
  const client = clientId({ address: evidence.address, atSeconds: offer.issuedAt }, evidence.secret);
  if (evidence.enabled === false) return { validity: "VALID", client };
  if (isNonBrowser(userAgent)) return { validity: "BOT", client };
  const viewer = viewerId({ address: evidence.address, userAgent, atSeconds: offer.issuedAt }, evidence.secret);
  if (offer.viewer !== "-" && offer.viewer !== viewer) return { validity: "CLIENT_MISMATCH", client };
  const host = pageHost(headers);
  if (offer.page === LEGACY_PAGE) return { validity: "VALID", client };
  const otherPage = host !== undefined && (offer.page === "-" || hostTag(host) !== offer.page);
  const unnamed = host === undefined && evidence.kind === "impression";
  if (offer.page === "-" || otherPage || unnamed) return { validity: "OFF_DOMAIN", pageHost: host, client };
  return { validity: "VALID", client };
}
