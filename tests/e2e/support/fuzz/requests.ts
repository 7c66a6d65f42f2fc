// Cases of the public endpoints (serving, beacons, clicks, health, cron, CSV reports, pages and
// paths), of better-auth's routes and of the management API: mostly well-formed requests with a
// few parts broken, built from the deployment's own ids, offers and keys.
import { randomBytes } from "node:crypto";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { demoAccounts } from "../sign-in";
import { oddHeaders, queryString, type FuzzCase, type FuzzRun } from "./cases";
import { DEMO_IDS, ID_POOL, INVITE_TOKEN, OTHER_CAMPAIGN, OTHER_CREATIVE, OTHER_IDS, OTHER_PLACEMENT, OTHER_SITE, PENDING_CREATIVE, type ApiKeys } from "./fixtures";
import { headerSafe, HUGE, jsonBodyText, NASTY_IDS, nastyText, randomJson, randomString, type Rng } from "./inputs";

// ─── Public endpoints ───────────────────────────────────────────────────────

export function serveCase(rng: Rng, id: string): FuzzCase {
  const placement = () => rng.pick(["demo-placement-sidebar", "demo-placement-mobile", OTHER_PLACEMENT, ...NASTY_IDS, nastyText(rng)]);
  const value = () => (rng.chance(0.3) ? placement() : nastyText(rng));
  let query = queryString(rng, ["placement", "keywords", "url", "slot", "width", "placement[]", "callback"], value);
  if (rng.chance(0.5)) query = `?placement=${rng.chance(0.7) ? "demo-placement-sidebar" : encodeURIComponent(placement())}${query.replace("?", "&")}`;
  const method = rng.chance(0.85) ? "GET" : rng.pick(["OPTIONS", "HEAD", "POST", "PUT", "DELETE", "PATCH"]);
  return { id, method, path: `/api/serve${query}`, headers: oddHeaders(rng), body: method === "POST" ? nastyText(rng) : undefined, apiErrors: true };
}

function baseOffer(rng: Rng): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: rng.pick(["demo-campaign-spring", "demo-campaign-tents", OTHER_CAMPAIGN]),
    creativeId: rng.pick(["demo-creative-spring-mpu", "demo-creative-tents-text", OTHER_CREATIVE]),
    placementId: rng.pick(["demo-placement-sidebar", "demo-placement-mobile", OTHER_PLACEMENT]),
    pricingModel: rng.pick(["CPM", "CPC"] as const),
    priceMicros: 1_000_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "US",
    device: "DESKTOP",
    viewer: "-",
    capPeriodSeconds: 0,
    page: "-",
  };
}

/** A token of an offer of well-formed fields the database does not hold, or that others own. */
function strangeButWellFormedOffer(rng: Rng): Offer {
  const offer = baseOffer(rng);
  const field = rng.int(8);
  if (field === 0) offer.campaignId = rng.pick(["no-such-campaign", "a".repeat(64), "demo-campaign-house"]);
  if (field === 1) offer.creativeId = rng.pick(["no-such-creative", PENDING_CREATIVE, "demo-creative-house-html"]);
  if (field === 2) offer.placementId = rng.pick(["no-such-placement", "x"]);
  if (field === 3) offer.priceMicros = rng.pick([0, Number.MAX_SAFE_INTEGER, 2 ** 40]);
  if (field === 4) offer.issuedAt = rng.pick([0, Math.floor(Date.now() / 1000) - 3_500, Math.floor(Date.now() / 1000) + 59]);
  if (field === 5) offer.capPeriodSeconds = rng.pick([-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER]);
  if (field === 6) offer.viewer = rng.pick(["a".repeat(64), "v-1"]);
  if (field === 7) offer.offerId = rng.pick(["a", "a".repeat(64), "same-offer-id"]);
  return offer;
}

/** Signed with the deployment's own secret, over fields verifyOffer must refuse. */
function malformedSignedOffer(rng: Rng): Offer {
  const offer = baseOffer(rng) as unknown as Record<string, unknown>;
  const field = rng.pick(["offerId", "campaignId", "creativeId", "placementId", "pricingModel", "priceMicros", "issuedAt", "country", "device", "viewer", "capPeriodSeconds"]);
  const numeric = ["priceMicros", "issuedAt", "capPeriodSeconds"].includes(field);
  offer[field] = numeric ? rng.pick([-1, NaN, Infinity, 1e300, 2 ** 60, 1.5]) : rng.pick(["", "a.b", "x y", "..", "ä", "a".repeat(65), "null", "undefined", "zz", "XYZ", nastyText(rng)]);
  return offer as unknown as Offer;
}

function token(rng: Rng, secret: string): string {
  const valid = signOffer(baseOffer(rng), secret);
  switch (rng.int(12)) {
    case 0:
      return signOffer(strangeButWellFormedOffer(rng), secret);
    case 1:
    case 2:
      return signOffer(malformedSignedOffer(rng), secret);
    case 3:
      return signOffer(baseOffer(rng), "another-deployment-secret-0123456789");
    case 4: {
      const at = rng.int(valid.length);
      return valid.slice(0, at) + String.fromCharCode(33 + rng.int(94)) + valid.slice(at + 1);
    }
    case 5:
      return valid.slice(0, rng.int(valid.length));
    case 6:
      return valid + rng.pick([".", "..", ".x", "=", "%00", valid]);
    case 7:
      return rng.pick(["a".repeat(513), "a.".repeat(600), "x".repeat(8_000), "1." + ".".repeat(11)]);
    case 8:
      return valid.split(".").reverse().join(".");
    case 9:
      return rng.pick(["", ".", "..", "%", "%2e", "%2F", "%E0%A4%A", "%ff%fe", "%00", "a%20b", "%C0%AF"]);
    case 10:
      return signOffer({ ...baseOffer(rng), issuedAt: rng.pick([0, 1, 2 ** 40]) }, secret);
    default:
      return encodeURIComponent(nastyText(rng).replace(/[\uD800-\uDFFF]/g, "")).slice(0, 6_000);
  }
}

/** A request to a tracking route (`/api/i` or `/c`), its token in the query (`?t=`, as /api/serve hands it out) or in the path (the older form). */
export function trackingCase(rng: Rng, id: string, run: FuzzRun, route: "/api/i" | "/c", methods: readonly string[]): FuzzCase {
  const method = rng.chance(0.9) ? rng.pick(methods) : rng.pick(["PUT", "DELETE", "PATCH", "POST"]);
  const body = method === "POST" || method === "PUT" ? (rng.chance(0.5) ? nastyText(rng) : JSON.stringify(randomJson(rng))) : undefined;
  const query = rng.chance(0.2) ? queryString(rng, ["r", "url", "cb", "t"], () => nastyText(rng)) : "";
  const value = token(rng, run.secret);
  const path = rng.chance(0.5)
    ? `${route}?t=${tokenInPath(value)}${query.replace(/^\?/, "&")}`
    : `${route}/${tokenInPath(value)}${query}`;
  return {
    id,
    method,
    path,
    headers: { ...oddHeaders(rng), ...(body !== undefined ? { "content-type": rng.pick(["text/plain", "application/json", "application/x-www-form-urlencoded", "multipart/form-data"]) } : {}) },
    body,
    apiErrors: true,
  };
}

/** A token in a path: its own characters are URL-safe; anything else is escaped unless it is already a %-escape. */
function tokenInPath(value: string): string {
  return /^[\w.~%-]*$/.test(value) ? value : encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ""));
}

export function healthCase(rng: Rng, id: string): FuzzCase {
  const path = rng.pick(["/api/health", "/api/ping", "/api/v1/openapi.json"]);
  const method = rng.chance(0.7) ? "GET" : rng.pick(["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]);
  return { id, method, path: `${path}${queryString(rng, ["x", "cache", "verbose"], () => nastyText(rng))}`, headers: oddHeaders(rng), body: method === "POST" ? nastyText(rng) : undefined };
}

export function cronCase(rng: Rng, id: string, run: FuzzRun): FuzzCase {
  const authorization = rng.pick([
    undefined,
    "",
    "Bearer",
    "Bearer ",
    `Bearer ${headerSafe(randomString(rng, 60))}`,
    `Bearer ${run.cronSecret.slice(0, 20)}`,
    `Bearer ${run.cronSecret}x`,
    `bearer ${run.cronSecret}`,
    `Bearer  ${run.cronSecret}`,
    `Basic ${Buffer.from(`cron:${run.cronSecret}`).toString("base64")}`,
    `Bearer ${"a".repeat(8_000)}`,
    headerSafe(nastyText(rng)),
  ]);
  const headers: Record<string, string> = { ...oddHeaders(rng) };
  if (authorization !== undefined) headers.authorization = authorization;
  const method = rng.chance(0.8) ? "GET" : rng.pick(["POST", "HEAD", "DELETE"]);
  const job = rng.pick(["prune-events", "campaign-mail"]);
  return { id, method, path: `/api/cron/${job}${queryString(rng, ["secret", "days", "limit"], () => nastyText(rng))}`, headers, apiErrors: true };
}

const REPORT_PARAMS = ["range", "from", "to", "tz", "granularity", "campaign", "placement", "table"];
const REPORT_VALUES = ["today", "7d", "30d", "custom", "day", "hour", "UTC", "Europe/Berlin", "America/New_York", "Mars/Olympus", "series", "detail", "campaign", "placement", "country", "2026-03-29", "2026-10-25", "2025-01-01", "2027-12-31", "1900-01-01", "2026-02-29", "2026-13-01"];

export function reportsCsvCase(rng: Rng, id: string, cookie: string | undefined): FuzzCase {
  const kind = rng.pick(["advertiser", "publisher"]);
  const query = queryString(rng, REPORT_PARAMS, () => (rng.chance(0.6) ? rng.pick([...REPORT_VALUES, ...OTHER_IDS, ...DEMO_IDS]) : nastyText(rng)));
  return { id, method: rng.chance(0.9) ? "GET" : "POST", path: `/api/reports/${kind}.csv${query}`, headers: { ...oddHeaders(rng), ...(cookie ? { cookie } : {}) }, apiErrors: true };
}

const PUBLIC_PAGES = ["/", "/sign-in", "/sign-up", "/dashboard", "/advertiser", "/advertiser/reports", "/publisher/reports", "/admin", "/settings/members", "/no-such-page"];

export function pageCase(rng: Rng, id: string, cookie: string | undefined, signedInPages: readonly string[] = []): FuzzCase {
  const page = rng.chance(0.15)
    ? `/invite/${rng.pick([INVITE_TOKEN, INVITE_TOKEN.slice(1), encodeURIComponent(nastyText(rng).replace(/[\uD800-\uDFFF]/g, "")).slice(0, 3_000), "a".repeat(43)])}`
    : rng.pick([...PUBLIC_PAGES, ...signedInPages]);
  const query = queryString(rng, ["notice", "callbackURL", "redirect", "next", "error", ...REPORT_PARAMS], () => (rng.chance(0.3) ? rng.pick(REPORT_VALUES) : nastyText(rng)));
  const headers: Record<string, string> = { ...oddHeaders(rng), ...(cookie ? { cookie } : {}) };
  // Next.js reads these on every page request; a client can send anything in them.
  if (rng.chance(0.1)) headers.rsc = "1";
  if (rng.chance(0.05)) headers["next-router-prefetch"] = "1";
  return { id, method: rng.chance(0.9) ? "GET" : rng.pick(["HEAD", "POST", "PUT"]), path: `${page}${query}`, headers };
}

const TRAVERSALS = [
  "/..%2f..%2f..%2fetc%2fpasswd",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/..%5c..%5c..%5cetc%5cpasswd",
  "/.env",
  "/.env.local",
  "/.git/config",
  "/.data/marquee-secret",
  "/prisma/schema.prisma",
  "/package.json",
  "/next.config.js",
  "/_next/static/..%2f..%2fpackage.json",
  "/_next/%2e%2e/%2e%2e/package.json",
  "/_next/static/chunks/%2e%2e%2f%2e%2e%2fserver%2fapp-paths-manifest.json",
  "/_next/data/x/../../package.json",
  "/_next/image?url=file:///etc/passwd&w=64&q=75",
  "/_next/image?url=http://127.0.0.1:1/&w=64&q=75",
  "/public/../package.json",
  "//etc/passwd",
  "/api/../.env",
  "/api/v1/../../.data/marquee-secret",
  "/embed.js/..%2f..%2f.env",
  "/%00",
  "/%",
  "/%%",
  "/%zz",
  "/%E0%A4%A",
  "/api/%ff",
  "/api/i/%",
  "/api/i/%E0%A4%A",
  "/api/i/%ff%fe",
  "/c/%",
  "/c/%C0%AF",
  "/api/v1/campaigns/%",
  "/api/v1/campaigns/%E0/creatives",
  "/api/v1/sites/%ff/placements",
  "/api/v1/placements/%C0%AF",
  "/api/v1/creatives/%E0",
  "/advertiser/campaigns/%",
  "/advertiser/campaigns/%E0%A4%A/edit",
  "/advertiser/campaigns/demo-campaign-spring/creatives/%ff/edit",
  "/publisher/sites/%",
  "/publisher/placements/%E0",
  "/invite/%",
  "/api/auth/%",
  "/api/auth/%E0%A4%A",
  "/api/v1/campaigns/..%2f..%2f..%2fhealth",
  "/api/i/a%2f..%2f..%2fhealth",
  "/advertiser/campaigns/demo-campaign-spring%2f..%2f..%2fnew",
  `/api/i/${"%41".repeat(2_000)}`,
  `/${"a/".repeat(2_000)}`,
  "/api/serve;jsessionid=1?placement=demo-placement-sidebar",
  "/API/SERVE?placement=demo-placement-sidebar",
  "/api/serve/?placement=demo-placement-sidebar",
  "/api/serve%3Fplacement=demo-placement-sidebar",
];

/** Content that must never be served: configuration and source files of the deployment. */
const FILE_MARKERS = [/repositoryformatversion/, /generator client/, /"name":\s*"marquee"/, /root:x:0:0/, /DATABASE_URL=/, /distDir:/, /\[extensions\]/];

export function pathCase(rng: Rng, id: string): FuzzCase {
  const path = rng.chance(0.7)
    ? rng.pick(TRAVERSALS)
    : `${rng.pick(["/", "/api/", "/api/v1/", "/api/i/", "/c/", "/advertiser/campaigns/", "/publisher/sites/", "/invite/", "/_next/", "/api/auth/"])}${rng.pick(["%", "%2e%2e%2f", "..;/", "%252e%252e%252f", "%u002e", "\\..\\", "%0d%0aSet-Cookie:x=1", "%20", "~", "@", "*"])}${headerSafe(randomString(rng, 12)).replace(/[ #?]/g, "_")}`;
  const method = rng.chance(0.8) ? "GET" : rng.pick(["HEAD", "POST", "OPTIONS", "DELETE"]);
  return {
    id,
    method,
    path,
    headers: oddHeaders(rng),
    check: (response) => FILE_MARKERS.filter((marker) => marker.test(response.text)).map((marker) => `served file content (${marker})`),
  };
}

// ─── better-auth ────────────────────────────────────────────────────────────

const AUTH_ENDPOINTS = [
  "/api/auth/sign-in/email",
  "/api/auth/sign-up/email",
  "/api/auth/sign-out",
  "/api/auth/get-session",
  "/api/auth/list-sessions",
  "/api/auth/revoke-session",
  "/api/auth/revoke-other-sessions",
  "/api/auth/update-user",
  "/api/auth/change-password",
  "/api/auth/change-email",
  "/api/auth/delete-user",
  "/api/auth/request-password-reset",
  "/api/auth/reset-password",
  "/api/auth/reset-password/x",
  "/api/auth/verify-email",
  "/api/auth/send-verification-email",
  "/api/auth/list-accounts",
  "/api/auth/callback/github",
  "/api/auth/sign-in/social",
  "/api/auth/ok",
  "/api/auth/error",
  "/api/auth/no-such-endpoint",
  "/api/auth/",
];

export function authApiCase(rng: Rng, id: string, run: FuzzRun): FuzzCase {
  const endpoint = rng.pick(AUTH_ENDPOINTS);
  const method = rng.chance(0.75) ? "POST" : rng.pick(["GET", "PUT", "DELETE", "OPTIONS", "HEAD"]);
  const base =
    endpoint === "/api/auth/sign-up/email"
      ? { name: "Fuzz", email: `fuzz-${rng.int(1e9)}@example.com`, password: "fuzz-password-123", role: "admin" }
      : { email: rng.pick([demoAccounts.advertiser.email, "nobody@example.com"]), password: rng.pick(["wrong-password", demoAccounts.publisher.password]), token: randomString(rng, 20), newPassword: nastyText(rng) };
  const headers: Record<string, string> = { ...oddHeaders(rng) };
  if (rng.chance(0.7)) headers["content-type"] = rng.pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", ""]);
  // better-auth refuses cross-site requests by Origin; half look like this deployment's pages.
  if (rng.chance(0.6)) headers.origin = rng.chance(0.6) ? run.url : headerSafe(rng.pick(["https://evil.example", "null", "", nastyText(rng)]));
  if (rng.chance(0.15)) headers.cookie = headerSafe(rng.pick(["__Secure-better-auth.session_token=x", `better-auth.session_token=${randomString(rng, 40)}`, "a=b; ".repeat(200), nastyText(rng)]));
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD") {
    body = rng.chance(0.1) ? JSON.stringify({ ...base, email: HUGE }) : rng.chance(0.05) ? "x".repeat(1_100_000) : jsonBodyText(rng, base);
  }
  return { id, method, path: `${endpoint}${rng.chance(0.2) ? queryString(rng, ["callbackURL", "token", "error", "currentURL"], () => nastyText(rng)) : ""}`, headers, body };
}

// ─── The management API ─────────────────────────────────────────────────────

const CAMPAIGN_BODY = {
  name: "Fuzzed campaign",
  status: "DRAFT",
  startsAt: "2026-05-01T09:00:00Z",
  endsAt: null,
  pricingModel: "CPM",
  price: "2.50",
  totalBudget: "100",
  dailyBudget: null,
  pacing: "EVEN",
  tier: "STANDARD",
  weight: 1,
  frequencyCapCount: null,
  frequencyCapPeriod: null,
  targetPlacementIds: [],
  targetSizes: [],
  countriesInclude: [],
  countriesExclude: [],
  devices: [],
  keywords: [],
  weekdays: [],
  hours: [],
};
const CREATIVE_BODY = { name: "Fuzzed creative", kind: "TEXT", size: "300x250", headline: "Hello", body: "World", landingUrl: "https://example.com/", imageUrl: null, altText: null, html: null };
const SITE_BODY = { name: "Fuzzed site", domain: "fuzz.example" };
const PLACEMENT_BODY = { name: "Fuzzed placement", size: "300x250", keywords: ["outdoor"], floorPrice: "0.50" };

interface ApiRoute {
  path: (id: string) => string;
  methods: Record<string, Record<string, unknown> | null>;
  kind: "advertiser" | "publisher" | "any";
  ids?: readonly string[];
  query?: readonly string[];
}

const API_ROUTES: readonly ApiRoute[] = [
  { path: () => "/api/v1/campaigns", methods: { GET: null, POST: CAMPAIGN_BODY }, kind: "advertiser" },
  { path: (id) => `/api/v1/campaigns/${id}`, methods: { GET: null, PATCH: CAMPAIGN_BODY, DELETE: null }, kind: "advertiser", ids: ["demo-campaign-spring", "demo-campaign-tents", OTHER_CAMPAIGN] },
  { path: (id) => `/api/v1/campaigns/${id}/pause`, methods: { POST: null }, kind: "advertiser", ids: ["demo-campaign-spring", OTHER_CAMPAIGN] },
  { path: (id) => `/api/v1/campaigns/${id}/resume`, methods: { POST: null }, kind: "advertiser", ids: ["demo-campaign-spring", OTHER_CAMPAIGN] },
  { path: (id) => `/api/v1/campaigns/${id}/creatives`, methods: { GET: null, POST: CREATIVE_BODY }, kind: "advertiser", ids: ["demo-campaign-spring", "demo-campaign-house", OTHER_CAMPAIGN] },
  { path: (id) => `/api/v1/creatives/${id}`, methods: { GET: null, PATCH: CREATIVE_BODY, DELETE: null }, kind: "advertiser", ids: ["demo-creative-spring-mpu", "demo-creative-tents-text", OTHER_CREATIVE] },
  { path: () => "/api/v1/sites", methods: { GET: null, POST: SITE_BODY }, kind: "publisher" },
  { path: (id) => `/api/v1/sites/${id}`, methods: { GET: null, PATCH: SITE_BODY }, kind: "publisher", ids: ["demo-site-trailhead", OTHER_SITE] },
  { path: (id) => `/api/v1/sites/${id}/placements`, methods: { GET: null, POST: PLACEMENT_BODY }, kind: "publisher", ids: ["demo-site-trailhead", OTHER_SITE] },
  { path: (id) => `/api/v1/placements/${id}`, methods: { GET: null, PATCH: PLACEMENT_BODY, DELETE: null }, kind: "publisher", ids: ["demo-placement-sidebar", "demo-placement-leaderboard", OTHER_PLACEMENT] },
  { path: () => "/api/v1/reports/advertiser", methods: { GET: null }, kind: "advertiser", query: ["from", "to", "timeZone", "granularity", "campaignId"] },
  { path: () => "/api/v1/reports/publisher", methods: { GET: null }, kind: "publisher", query: ["from", "to", "timeZone", "granularity", "placementId"] },
  { path: () => "/api/v1/openapi.json", methods: { GET: null }, kind: "any" },
  { path: () => "/api/v1", methods: { GET: null }, kind: "any" },
  { path: (id) => `/api/v1/${id}`, methods: { GET: null, POST: {} }, kind: "any", ids: ["campaign", "users", "keys"] },
];

function apiKey(rng: Rng, keys: ApiKeys, kind: ApiRoute["kind"], method: string): string | undefined {
  const roll = rng.float();
  if (roll < 0.75) return kind === "publisher" ? rng.pick(keys.publisher) : kind === "advertiser" ? rng.pick(keys.advertiser) : rng.pick([...keys.advertiser, ...keys.publisher]);
  if (roll < 0.8) return kind === "publisher" ? rng.pick(keys.advertiser) : rng.pick(keys.publisher);
  if (roll < 0.83) return keys.revoked;
  // The other organisations' own keys only read: their rows must not change (the spec's expectClean).
  if (roll < 0.86) return method === "GET" ? (kind === "publisher" ? keys.otherPublisher : keys.otherAdvertiser) : keys.revoked;
  if (roll < 0.9) return `mq_live_${randomBytes(32).toString("base64url")}`;
  if (roll < 0.95) return undefined;
  return headerSafe(rng.pick(["mq_live_", "mq_test_x", `mq_live_${"a".repeat(44)}`, keys.advertiser[0]!.slice(0, -1), `${keys.advertiser[0]!} extra`, nastyText(rng)]));
}

export function apiCase(rng: Rng, id: string, run: FuzzRun): FuzzCase {
  const route = rng.pick(API_ROUTES);
  const methods = Object.keys(route.methods);
  const method = rng.chance(0.9) ? rng.pick(methods) : rng.pick(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);
  const base = route.methods[method] ?? null;
  const resourceId = route.ids && rng.chance(0.7) ? rng.pick(route.ids) : rng.chance(0.5) ? rng.pick(ID_POOL) : nastyText(rng);
  const query = route.query
    ? queryString(rng, [...route.query, "range", "tz"], () => (rng.chance(0.6) ? rng.pick([...REPORT_VALUES, ...ID_POOL]) : nastyText(rng)))
    : rng.chance(0.1)
      ? queryString(rng, ["limit", "cursor", "status"], () => nastyText(rng))
      : "";
  const headers: Record<string, string> = { ...oddHeaders(rng) };
  const key = apiKey(rng, run.keys, route.kind, method);
  if (key !== undefined) headers.authorization = rng.chance(0.95) ? `Bearer ${key}` : rng.pick([key, `Basic ${key}`, `Bearer  ${key}`, `bearer ${key}`]);
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD" && (base || rng.chance(0.3))) {
    body = jsonBodyText(rng, base ?? {}, [...DEMO_IDS, ...OTHER_IDS]);
    if (rng.chance(0.05)) body = JSON.stringify({ ...(base ?? {}), name: "x".repeat(300_000) });
    headers["content-type"] = rng.chance(0.85) ? "application/json" : rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""]);
  }
  return { id, method, path: `${route.path(encodeURIComponent(resourceId.replace(/[\uD800-\uDFFF]/g, "")).slice(0, 4_000))}${query}`, headers, body, apiErrors: true };
}
