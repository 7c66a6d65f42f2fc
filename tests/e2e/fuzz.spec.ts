// A bounded black-box fuzz of everything a stranger can send: the public ad endpoints, the
// management API, better-auth's routes, the pages, and every server action of every form
// (posted the way a browser without JavaScript posts it, and through the fetch protocol with
// a raw `Next-Action` header). Thousands of malformed requests; for each the same promise:
// no 5xx, and no stack trace, SQL, Prisma internals, error page or secret in the answer.
//
// Reproducible: every case draws from its own stream of a seeded PRNG (FUZZ_SEED, printed at
// the start), named in each failure as `area#n`, whatever ran before or beside it.
//
// Its own production instance on its own database, so nothing here disturbs the other specs.
// PostgreSQL, not PGlite: PGlite is one connection inside the server process, so a dozen
// concurrent requests queue behind each other and the fuzz would measure that queue; Postgres
// lets the instance run its real pool, as deployed.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import pg from "pg";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { sleep, startPostgres, type PostgresServer } from "@/tests/support/services";
import {
  excerpt,
  findLeaks,
  headerSafe,
  HUGE,
  jsonBodyText,
  NASTY_IDS,
  NASTY_STRINGS,
  nastyText,
  randomJson,
  randomString,
  Rng,
  streamSeed,
} from "./support/fuzz-inputs";
import { startAppInstance, stopAppInstance, type Instance } from "./support/instances";
import { demoAccounts, signedIn, type StorageState } from "./support/sign-in";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125) >>> 0;
const SECRET = randomBytes(32).toString("hex");
const CRON_SECRET = randomBytes(24).toString("hex");
/** Requests in flight: enough to overlap the database, not so many that two cores only queue. */
const CONCURRENCY = 12;
// The tests' timeouts leave room for a busy CI machine (two cores, load ~10), where the fuzz
// runs about four times slower than on an idle one: the forms test took 3.8 minutes there.

// Data of other organisations: every id of theirs is tried in every id field, and none of
// their rows may change.
const OTHER_ADVERTISER = "fuzz-other-advertiser";
const OTHER_PUBLISHER = "fuzz-other-publisher";
const OTHER_CAMPAIGN = "fuzz-other-campaign";
const OTHER_CREATIVE = "fuzz-other-creative";
const OTHER_SITE = "fuzz-other-site";
const OTHER_PLACEMENT = "fuzz-other-placement";
const OTHER_MEMBERSHIP = "fuzz-other-membership";
const OTHER_INVITATION = "fuzz-other-invitation";
const PENDING_CREATIVE = "fuzz-pending-creative";
/** Invitations to the advertiser's organisation: one for the pages, one for the signed-in accounts' join forms. */
const INVITE_TOKEN = randomBytes(32).toString("base64url");
const JOIN_TOKEN = randomBytes(32).toString("base64url");

const DEMO_IDS = [
  "demo-org-advertiser",
  "demo-org-publisher",
  "demo-campaign-spring",
  "demo-campaign-tents",
  "demo-campaign-house",
  "demo-creative-spring-mpu",
  "demo-creative-tents-text",
  "demo-site-trailhead",
  "demo-placement-sidebar",
  "demo-placement-mobile",
  "demo-user-advertiser",
  "fuzz-member",
  PENDING_CREATIVE,
];
const OTHER_IDS = [OTHER_ADVERTISER, OTHER_PUBLISHER, OTHER_CAMPAIGN, OTHER_CREATIVE, OTHER_SITE, OTHER_PLACEMENT, OTHER_MEMBERSHIP, OTHER_INVITATION];
const ID_POOL = [...DEMO_IDS, ...OTHER_IDS, ...NASTY_IDS];

interface ApiKeys {
  advertiser: string[];
  publisher: string[];
  otherAdvertiser: string;
  otherPublisher: string;
  revoked: string;
}

let postgres: PostgresServer | undefined;
let databaseUrl = "";
let database: pg.Pool | undefined;
let instance: Instance | undefined;
let keys: ApiKeys;
let othersBefore = "";
const sessions: Partial<Record<keyof typeof demoAccounts, StorageState>> = {};
/** Requests sent, by area, over the whole spec (the log's closing line). */
const totals: Record<string, number> = {};
/** Requests sent again on a fresh connection (see send), over the whole spec. */
let resentTotal = 0;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const startedAt = Date.now();
  console.log(`[fuzz] FUZZ_SEED=${SEED} (set FUZZ_SEED to replay a run)`);
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase("marquee_fuzz");
  // Migrations and demo seed as `npm start` applies them; a child process because Playwright's
  // loader cannot import the ESM-only generated Prisma client (see tracking-storm.spec.ts).
  const prepare = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db/prepare.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET },
    encoding: "utf8",
  });
  if (prepare.status !== 0) throw new Error(`Database preparation failed:\n${prepare.stdout}\n${prepare.stderr}`);
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection that Postgres closes must not crash the worker: the pool replaces it.
  database.on("error", () => {});
  keys = await insertFixtures(database);
  othersBefore = await otherOrganisationsSnapshot(database);

  instance = await startInstance();
  // Signed in once per account, before anything fuzzes the sign-in limits.
  for (const role of ["advertiser", "publisher", "admin"] as const) {
    sessions[role] = await signedIn(browser, instance.url, demoAccounts[role].email, demoAccounts[role].password);
  }
  console.log(`[fuzz] instance ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus || !instance) return;
  const state = instance.process.exitCode !== null || instance.process.signalCode !== null ? `exited (${instance.process.exitCode ?? instance.process.signalCode})` : "running";
  await testInfo.attach("fuzz instance output", { body: `${state}\n${instance.output()}`, contentType: "text/plain" });
  console.log(`[fuzz] instance ${state}; last output:\n${instance.output().slice(-4_000)}`);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  const summary = Object.entries(totals).map(([area, count]) => `${area} ${count}`).join(", ");
  const total = Object.values(totals).reduce((sum, count) => sum + count, 0);
  console.log(`[fuzz] ${total} requests (seed ${SEED}): ${summary}; ${resentTotal} sent again on a fresh connection after a kept-alive one was closed under them`);
  agent.destroy();
  if (instance) await stopAppInstance(instance);
  await database?.end().catch(() => {});
  await postgres?.stop().catch(() => {});
});

// ─── The tests ──────────────────────────────────────────────────────────────
// Not serial: a failing area must not hide the others (Playwright then restarts the worker,
// and the remaining tests get a fresh instance).

test("the fuzz's own inputs never look like a leak", () => {
  // Forms echo what was typed; an input that matched findLeaks would be a false alarm.
  for (const value of [...NASTY_STRINGS, ...NASTY_IDS, HUGE]) expect(findLeaks(value, secrets()), excerpt(value)).toEqual([]);
});

test("public endpoints answer malformed requests with a 4xx and leak nothing", async () => {
  test.setTimeout(300_000);
  const logFrom = instance!.output().length;
  const cases = [
    ...generate("serve", 400, serveCase),
    ...generate("impression", 450, (rng, id) => trackingCase(rng, id, "/api/i/", ["GET", "POST", "HEAD", "OPTIONS"])),
    ...generate("click", 250, (rng, id) => trackingCase(rng, id, "/c/", ["GET", "HEAD"])),
    ...generate("health", 60, healthCase),
    ...generate("cron", 60, cronCase),
    ...generate("reports-anonymous", 40, (rng, id) => reportsCsvCase(rng, id, undefined)),
    ...generate("pages", 200, (rng, id) => pageCase(rng, id, undefined)),
    ...generate("paths", 160, pathCase),
  ];
  await expectClean(await runCases(cases), logFrom);
});

test("better-auth's routes answer malformed requests with a 4xx and leak nothing", async () => {
  test.setTimeout(180_000);
  const logFrom = instance!.output().length;
  await expectClean(await runCases(generate("auth-api", 300, authApiCase)), logFrom);
  // Sign-up must never grant the platform role, whatever the body says.
  expect(await scalar(`SELECT count(*) FROM "user" WHERE "role" <> 'user'`), "operators").toBe(1);
});

test("the management API answers malformed requests with a 4xx and its JSON error", async () => {
  test.setTimeout(300_000);
  const logFrom = instance!.output().length;
  await expectClean(await runCases(generate("api-v1", 1_200, apiCase)), logFrom);
});

test("every dashboard form's server action survives mutated posts, with and without JavaScript", async ({ browser }) => {
  test.setTimeout(600_000);
  const logFrom = instance!.output().length;
  const failures: string[] = [];
  for (const role of ["advertiser", "publisher", "admin"] as const) {
    const session = sessions[role]!;
    const crawl = await crawlForms(browser, session, ROLE_PAGES[role]);
    failures.push(...crawl.failures);
    console.log(`[fuzz] ${role}: ${crawl.pages.length} pages, ${crawl.forms.length} forms (${crawl.forms.map((form) => form.label).join(" | ")})`);
    expect(crawl.forms.length, `${role}'s forms`).toBeGreaterThan(0);
    // Forms that may take the account out of its own organisation (members) go last.
    const [ordinary, members] = partition(crawl.forms, (form) => !form.page.startsWith("/settings/members"));
    const cookie = cookieHeader(session);
    const signedInRequests = [
      ...generate(`pages-${role}`, 40, (rng, id) => pageCase(rng, id, cookie, crawl.pages)),
      ...(role === "admin" ? [] : generate(`reports-${role}`, 60, (rng, id) => reportsCsvCase(rng, id, cookie))),
    ];
    failures.push(...(await runCases([...signedInRequests, ...actionCases(role, ordinary, cookie, crawl.actionIds)])));
    failures.push(...(await runCases(actionCases(`${role}-members`, members, cookie, crawl.actionIds))));
  }
  await expectClean(failures, logFrom);
});

test("the sign-in, sign-up and invitation forms survive mutated posts while signed out", async ({ browser }) => {
  test.setTimeout(180_000);
  const logFrom = instance!.output().length;
  // A fresh invitation: the members forms may have revoked, and the join forms used, the others.
  const token = randomBytes(32).toString("base64url");
  await checkQuery(database!, `INSERT INTO "verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ($1, 'invite:demo-org-advertiser', $2, $3, now())`, [
    `fuzz-invitation-${randomBytes(4).toString("hex")}`,
    `${sha256(token)}:MEMBER`,
    new Date(Date.now() + 86_400_000),
  ]);
  const crawl = await crawlForms(browser, { cookies: [], origins: [] }, ["/sign-in", "/sign-up", `/invite/${token}`]);
  console.log(`[fuzz] signed out: ${crawl.forms.length} forms (${crawl.forms.map((form) => form.label).join(" | ")})`);
  expect(crawl.forms.length, "the sign-in, sign-up and invitation forms").toBeGreaterThanOrEqual(3);
  await expectClean([...crawl.failures, ...(await runCases(actionCases("signed-out", crawl.forms, undefined, crawl.actionIds)))], logFrom);
});

/**
 * The promise, for one test's requests: no failing response, nothing unexpected in the
 * server's log since `logFrom`, and not one row of another organisation changed.
 */
async function expectClean(failures: readonly string[], logFrom: number): Promise<void> {
  const log = instance!.output().slice(logFrom);
  const unexpected = unexpectedLogEntries(log);
  if (failures.length || unexpected.length) {
    // Everything, for the one who reads the report: every failure, and this test's server log.
    const info = test.info();
    writeFileSync(info.outputPath("failures.txt"), failures.join("\n\n"));
    writeFileSync(info.outputPath("instance-output.txt"), log);
    await info.attach("failures", { path: info.outputPath("failures.txt"), contentType: "text/plain" });
    await info.attach("instance output of this test", { path: info.outputPath("instance-output.txt"), contentType: "text/plain" });
  }
  const shown = failures.slice(0, 15).join("\n\n");
  expect.soft(failures.length, `${failures.length} failing request(s); the first ${Math.min(15, failures.length)}:\n\n${shown}`).toBe(0);
  expect.soft(unexpected, `unexpected entries in the instance's output:\n${unexpected.slice(0, 10).join("\n---\n")}`).toEqual([]);
  expect(await otherOrganisationsSnapshot(database!), "rows of the other organisations").toBe(othersBefore);
}

async function scalar(sql: string): Promise<number> {
  const { rows } = await database!.query<{ count: string }>(sql);
  return Number(rows[0]?.count ?? 0);
}

// ─── Cases: public endpoints ────────────────────────────────────────────────

interface FuzzCase {
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

function generate(area: string, count: number, make: (rng: Rng, id: string) => FuzzCase): FuzzCase[] {
  return Array.from({ length: count }, (_, index) => make(new Rng(streamSeed(SEED, area, index)), `${area}#${index}`));
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
function oddHeaders(rng: Rng): Record<string, string> {
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

function queryString(rng: Rng, names: readonly string[], values: () => string): string {
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

function serveCase(rng: Rng, id: string): FuzzCase {
  const placement = () => rng.pick(["demo-placement-sidebar", "demo-placement-mobile", OTHER_PLACEMENT, ...NASTY_IDS, nastyText(rng)]);
  const value = () => (rng.chance(0.3) ? placement() : nastyText(rng));
  let query = queryString(rng, ["placement", "keywords", "url", "placement[]", "callback"], value);
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

function token(rng: Rng): string {
  const valid = signOffer(baseOffer(rng), SECRET);
  switch (rng.int(12)) {
    case 0:
      return signOffer(strangeButWellFormedOffer(rng), SECRET);
    case 1:
    case 2:
      return signOffer(malformedSignedOffer(rng), SECRET);
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
      return signOffer({ ...baseOffer(rng), issuedAt: rng.pick([0, 1, 2 ** 40]) }, SECRET);
    default:
      return encodeURIComponent(nastyText(rng).replace(/[\uD800-\uDFFF]/g, "")).slice(0, 6_000);
  }
}

function trackingCase(rng: Rng, id: string, prefix: string, methods: readonly string[]): FuzzCase {
  const method = rng.chance(0.9) ? rng.pick(methods) : rng.pick(["PUT", "DELETE", "PATCH", "POST"]);
  const body = method === "POST" || method === "PUT" ? (rng.chance(0.5) ? nastyText(rng) : JSON.stringify(randomJson(rng))) : undefined;
  const query = rng.chance(0.2) ? queryString(rng, ["r", "url", "cb"], () => nastyText(rng)) : "";
  return {
    id,
    method,
    path: `${prefix}${tokenInPath(token(rng))}${query}`,
    headers: { ...oddHeaders(rng), ...(body !== undefined ? { "content-type": rng.pick(["text/plain", "application/json", "application/x-www-form-urlencoded", "multipart/form-data"]) } : {}) },
    body,
    apiErrors: true,
  };
}

/** A token in a path: its own characters are URL-safe; anything else is escaped unless it is already a %-escape. */
function tokenInPath(value: string): string {
  return /^[\w.~%-]*$/.test(value) ? value : encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ""));
}

function healthCase(rng: Rng, id: string): FuzzCase {
  const path = rng.pick(["/api/health", "/api/ping", "/api/v1/openapi.json"]);
  const method = rng.chance(0.7) ? "GET" : rng.pick(["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]);
  return { id, method, path: `${path}${queryString(rng, ["x", "cache", "verbose"], () => nastyText(rng))}`, headers: oddHeaders(rng), body: method === "POST" ? nastyText(rng) : undefined };
}

function cronCase(rng: Rng, id: string): FuzzCase {
  const authorization = rng.pick([
    undefined,
    "",
    "Bearer",
    "Bearer ",
    `Bearer ${headerSafe(randomString(rng, 60))}`,
    `Bearer ${CRON_SECRET.slice(0, 20)}`,
    `Bearer ${CRON_SECRET}x`,
    `bearer ${CRON_SECRET}`,
    `Bearer  ${CRON_SECRET}`,
    `Basic ${Buffer.from(`cron:${CRON_SECRET}`).toString("base64")}`,
    `Bearer ${"a".repeat(8_000)}`,
    headerSafe(nastyText(rng)),
  ]);
  const headers: Record<string, string> = { ...oddHeaders(rng) };
  if (authorization !== undefined) headers.authorization = authorization;
  const method = rng.chance(0.8) ? "GET" : rng.pick(["POST", "HEAD", "DELETE"]);
  return { id, method, path: `/api/cron/prune-events${queryString(rng, ["secret", "days", "limit"], () => nastyText(rng))}`, headers, apiErrors: true };
}

const REPORT_PARAMS = ["range", "from", "to", "tz", "granularity", "campaign", "placement", "table"];
const REPORT_VALUES = ["today", "7d", "30d", "custom", "day", "hour", "UTC", "Europe/Berlin", "America/New_York", "Mars/Olympus", "series", "detail", "campaign", "placement", "country", "2026-03-29", "2026-10-25", "2025-01-01", "2027-12-31", "1900-01-01", "2026-02-29", "2026-13-01"];

function reportsCsvCase(rng: Rng, id: string, cookie: string | undefined): FuzzCase {
  const kind = rng.pick(["advertiser", "publisher"]);
  const query = queryString(rng, REPORT_PARAMS, () => (rng.chance(0.6) ? rng.pick([...REPORT_VALUES, ...OTHER_IDS, ...DEMO_IDS]) : nastyText(rng)));
  return { id, method: rng.chance(0.9) ? "GET" : "POST", path: `/api/reports/${kind}.csv${query}`, headers: { ...oddHeaders(rng), ...(cookie ? { cookie } : {}) }, apiErrors: true };
}

const PUBLIC_PAGES = ["/", "/sign-in", "/sign-up", "/dashboard", "/advertiser", "/advertiser/reports", "/publisher/reports", "/admin", "/settings/members", "/no-such-page"];

function pageCase(rng: Rng, id: string, cookie: string | undefined, signedInPages: readonly string[] = []): FuzzCase {
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

function pathCase(rng: Rng, id: string): FuzzCase {
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

// ─── Cases: better-auth ─────────────────────────────────────────────────────

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

function authApiCase(rng: Rng, id: string): FuzzCase {
  const endpoint = rng.pick(AUTH_ENDPOINTS);
  const method = rng.chance(0.75) ? "POST" : rng.pick(["GET", "PUT", "DELETE", "OPTIONS", "HEAD"]);
  const base =
    endpoint === "/api/auth/sign-up/email"
      ? { name: "Fuzz", email: `fuzz-${rng.int(1e9)}@example.com`, password: "fuzz-password-123", role: "admin" }
      : { email: rng.pick([demoAccounts.advertiser.email, "nobody@example.com"]), password: rng.pick(["wrong-password", demoAccounts.publisher.password]), token: randomString(rng, 20), newPassword: nastyText(rng) };
  const headers: Record<string, string> = { ...oddHeaders(rng) };
  if (rng.chance(0.7)) headers["content-type"] = rng.pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", ""]);
  // better-auth refuses cross-site requests by Origin; half look like this deployment's pages.
  if (rng.chance(0.6)) headers.origin = rng.chance(0.6) ? instance!.url : headerSafe(rng.pick(["https://evil.example", "null", "", nastyText(rng)]));
  if (rng.chance(0.15)) headers.cookie = headerSafe(rng.pick(["__Secure-better-auth.session_token=x", `better-auth.session_token=${randomString(rng, 40)}`, "a=b; ".repeat(200), nastyText(rng)]));
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD") {
    body = rng.chance(0.1) ? JSON.stringify({ ...base, email: HUGE }) : rng.chance(0.05) ? "x".repeat(1_100_000) : jsonBodyText(rng, base);
  }
  return { id, method, path: `${endpoint}${rng.chance(0.2) ? queryString(rng, ["callbackURL", "token", "error", "currentURL"], () => nastyText(rng)) : ""}`, headers, body };
}

// ─── Cases: the management API ──────────────────────────────────────────────

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

function apiKey(rng: Rng, kind: ApiRoute["kind"], method: string): string | undefined {
  const roll = rng.float();
  if (roll < 0.75) return kind === "publisher" ? rng.pick(keys.publisher) : kind === "advertiser" ? rng.pick(keys.advertiser) : rng.pick([...keys.advertiser, ...keys.publisher]);
  if (roll < 0.8) return kind === "publisher" ? rng.pick(keys.advertiser) : rng.pick(keys.publisher);
  if (roll < 0.83) return keys.revoked;
  // The other organisations' own keys only read: their rows must not change (expectClean).
  if (roll < 0.86) return method === "GET" ? (kind === "publisher" ? keys.otherPublisher : keys.otherAdvertiser) : keys.revoked;
  if (roll < 0.9) return `mq_live_${randomBytes(32).toString("base64url")}`;
  if (roll < 0.95) return undefined;
  return headerSafe(rng.pick(["mq_live_", "mq_test_x", `mq_live_${"a".repeat(44)}`, keys.advertiser[0]!.slice(0, -1), `${keys.advertiser[0]!} extra`, nastyText(rng)]));
}

function apiCase(rng: Rng, id: string): FuzzCase {
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
  const key = apiKey(rng, route.kind, method);
  if (key !== undefined) headers.authorization = rng.chance(0.95) ? `Bearer ${key}` : rng.pick([key, `Basic ${key}`, `Bearer  ${key}`, `bearer ${key}`]);
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD" && (base || rng.chance(0.3))) {
    body = jsonBodyText(rng, base ?? {}, [...DEMO_IDS, ...OTHER_IDS]);
    if (rng.chance(0.05)) body = JSON.stringify({ ...(base ?? {}), name: "x".repeat(300_000) });
    headers["content-type"] = rng.chance(0.85) ? "application/json" : rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""]);
  }
  return { id, method, path: `${route.path(encodeURIComponent(resourceId.replace(/[\uD800-\uDFFF]/g, "")).slice(0, 4_000))}${query}`, headers, body, apiErrors: true };
}

// ─── Cases: server actions ──────────────────────────────────────────────────

interface FormField {
  name: string;
  tag: string;
  type: string;
  value: string;
  checked: boolean;
  options: string[];
}

interface CrawledForm {
  /** Where it was found; it posts there (React's forms have action=""). */
  page: string;
  method: string;
  label: string;
  fields: FormField[];
}

const ROLE_PAGES = {
  advertiser: [
    "/dashboard",
    "/advertiser",
    "/advertiser/campaigns",
    "/advertiser/campaigns/new",
    "/advertiser/campaigns/demo-campaign-spring",
    "/advertiser/campaigns/demo-campaign-spring/edit",
    "/advertiser/campaigns/demo-campaign-spring/creatives/new",
    "/advertiser/campaigns/demo-campaign-spring/creatives/demo-creative-spring-mpu/edit",
    "/advertiser/reports",
    "/settings/api-keys",
    "/settings/members",
  ],
  publisher: [
    "/publisher",
    "/publisher/sites",
    "/publisher/sites/demo-site-trailhead",
    "/publisher/sites/demo-site-trailhead/edit",
    "/publisher/placements/demo-placement-sidebar",
    "/publisher/reports",
    "/settings/api-keys",
    "/settings/members",
    `/invite/${JOIN_TOKEN}`,
  ],
  admin: ["/admin", "/admin/review", "/admin/health", "/dashboard", `/invite/${JOIN_TOKEN}`],
} as const;

const CRAWL_PREFIXES = ["/dashboard", "/advertiser", "/publisher", "/admin", "/settings"];
const MAX_PAGES = 30;

/**
 * Every form on the given pages and the pages they link to, read from the server's HTML with
 * JavaScript off — exactly what a browser without JavaScript would post.
 */
async function crawlForms(browser: Browser, storageState: StorageState, seeds: readonly string[]) {
  const context = await browser.newContext({ baseURL: instance!.url, storageState, javaScriptEnabled: false });
  const pages: string[] = [];
  const forms: CrawledForm[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  const queue = [...seeds];
  try {
    const page = await context.newPage();
    while (queue.length > 0 && pages.length < MAX_PAGES) {
      const target = queue.shift()!;
      if (seen.has(target)) continue;
      seen.add(target);
      const response = await page.goto(target);
      const status = response?.status() ?? 0;
      const html = await page.content();
      const problems = [...(status >= 500 ? [`status ${status}`] : []), ...findLeaks(html, secrets())];
      if (problems.length) failures.push(`crawl GET ${target} → ${status}: ${problems.join("; ")}`);
      const landed = new URL(page.url()).pathname;
      if (landed !== target.split("?")[0]) continue; // redirected (not this role's page)
      pages.push(target);
      const found = await page.$$eval("form", (elements) =>
        elements.map((form) => ({
          method: (form.getAttribute("method") ?? "get").toLowerCase(),
          label: (form.getAttribute("aria-label") ?? form.querySelector("button")?.textContent ?? form.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40),
          fields: [...form.elements]
            .filter((element): element is HTMLInputElement => "name" in element && !!(element as HTMLInputElement).name)
            .map((element) => ({
              name: element.name,
              tag: element.tagName.toLowerCase(),
              type: (element.type ?? "").toLowerCase(),
              value: element.value ?? "",
              checked: !!element.checked,
              options: element.tagName === "SELECT" ? [...(element as unknown as HTMLSelectElement).options].map((option) => option.value) : [],
            })),
        })),
      );
      for (const form of found) forms.push({ ...form, page: target });
      const links = await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
      for (const link of links) {
        const url = new URL(link, instance!.url);
        if (url.origin === instance!.url && CRAWL_PREFIXES.some((prefix) => url.pathname.startsWith(prefix)) && !url.pathname.endsWith(".csv")) queue.push(url.pathname);
      }
    }
  } finally {
    await context.close();
  }
  // One of each kind: the same action with the same fields (a row's buttons) is one form.
  const distinct = new Map<string, CrawledForm>();
  for (const form of forms) {
    if (/sign out/i.test(form.label)) continue; // ends the very session the fuzz runs in
    const key = `${form.method} ${form.fields.map((field) => (field.name.startsWith("$ACTION_") ? actionIdOf(field) : field.name)).sort().join(",")}`;
    if (!distinct.has(key)) distinct.set(key, form);
  }
  const distinctForms = [...distinct.values()];
  const actionIds = [...new Set(distinctForms.flatMap((form) => form.fields.map(actionIdOf).filter((id): id is string => !!id)))];
  return { pages, forms: distinctForms, actionIds, failures };
}

/** The server action a React form field names: `$ACTION_ID_<id>`, or the id inside `$ACTION_n:0`. */
function actionIdOf(field: Pick<FormField, "name" | "value">): string | undefined {
  if (field.name.startsWith("$ACTION_ID_")) return field.name.slice("$ACTION_ID_".length);
  if (/^\$ACTION_\d+:0$/.test(field.name)) {
    try {
      return (JSON.parse(field.value) as { id?: string }).id;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const isReactField = (name: string) => name.startsWith("$ACTION_");

type Entry = [name: string, value: string | Blob];

/** What the form would send if submitted as rendered (one of its submit buttons pressed). */
function submittedEntries(rng: Rng, form: CrawledForm): Entry[] {
  const entries: Entry[] = [];
  const buttons = form.fields.filter((field) => field.tag === "button" || field.type === "submit");
  const pressed = buttons.length ? rng.pick(buttons) : undefined;
  for (const field of form.fields) {
    if (field.tag === "button" || field.type === "submit") {
      if (field === pressed) entries.push([field.name, field.value]);
    } else if (field.type === "checkbox" || field.type === "radio") {
      if (field.checked) entries.push([field.name, field.value]);
    } else if (field.type !== "file") {
      entries.push([field.name, field.value]);
    }
  }
  return entries;
}

/** A value a field of this kind is not expecting (another organisation's id in an id field). */
function hostileValue(rng: Rng, field: FormField | undefined): string | Blob {
  if (rng.chance(0.04)) return new Blob([rng.chance(0.5) ? HUGE : "\u0000\u00ff"], { type: "application/octet-stream" });
  if (field && /id$/i.test(field.name) && rng.chance(0.6)) return rng.pick(ID_POOL);
  if (field && field.options.length && rng.chance(0.3)) return `${rng.pick(field.options)}${rng.pick(["", " ", "x", "\u0000"])}`;
  if (field?.type === "checkbox" && rng.chance(0.3)) return rng.pick(["on", "24", "-1", "7", "SATURDAY", "0x1", "1e1"]);
  return nastyText(rng, ID_POOL);
}

/** The submitted fields with 1–4 of them broken: dropped, repeated, emptied, swapped, added. */
function mutateEntries(rng: Rng, form: CrawledForm): { entries: Entry[]; notes: string[] } {
  let entries = submittedEntries(rng, form);
  const notes: string[] = [];
  if (rng.chance(0.08)) return { entries, notes: ["as rendered"] };
  const userFields = form.fields.filter((field) => !isReactField(field.name));
  for (let round = rng.between(1, 4); round > 0; round -= 1) {
    const field = userFields.length ? rng.pick(userFields) : undefined;
    const name = field?.name ?? randomString(rng, 8);
    switch (rng.int(7)) {
      case 0:
        entries = entries.filter(([entryName]) => entryName !== name);
        notes.push(`drop ${name}`);
        break;
      case 1:
        entries.push([name, rng.chance(0.5) ? (entries.find(([entryName]) => entryName === name)?.[1] ?? "") : hostileValue(rng, field)]);
        notes.push(`repeat ${name}`);
        break;
      case 2:
        entries = entries.map(([entryName, value]) => [entryName, entryName === name ? "" : value]);
        notes.push(`empty ${name}`);
        break;
      case 3: {
        const extra = rng.chance(0.5) ? rng.pick(["id", "organizationId", "role", "kind", "__proto__", "constructor", "status", "campaignId", "$ACTION_ID_", "a[]", "userId"]) : randomString(rng, 12);
        entries.push([extra, hostileValue(rng, undefined)]);
        notes.push(`add ${extra}`);
        break;
      }
      default: {
        const value = hostileValue(rng, field);
        entries = entries.filter(([entryName]) => entryName !== name);
        entries.push([name, value]);
        notes.push(`${name}=${typeof value === "string" ? excerpt(value, 40) : "<file>"}`);
      }
    }
  }
  if (rng.chance(0.12)) {
    // React's own fields: the bound arguments (ids, previous state) are input too.
    const reactEntries = entries.filter(([entryName]) => isReactField(entryName));
    const target = reactEntries.length ? rng.pick(reactEntries)[0] : "";
    if (/^\$ACTION_\d+:[1-9]$/.test(target)) {
      // Always an array, as React encodes bound arguments: what React cannot decode is the
      // undecodable cases' business, not the forms'.
      const value = JSON.stringify(escapeReply(rng.pick([[], [null], [rng.pick(ID_POOL)], [rng.pick(ID_POOL), { status: "idle" }], [{ status: "error", values: { a: 1 } }], [1, 2, 3], [randomJson(rng, 2)]])));
      entries = entries.map(([entryName, old]) => [entryName, entryName === target ? value : old]);
      notes.push(`${target}=${excerpt(value, 60)}`);
    } else if (entries.some(([entryName]) => entryName === "$ACTION_KEY")) {
      entries = entries.filter(([entryName]) => entryName !== "$ACTION_KEY");
      notes.push("drop $ACTION_KEY");
    }
  }
  return { entries, notes };
}

/** Strings that begin with `$` are references in React's reply protocol; `$$` is a literal `$`. */
function escapeReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReply);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeReply(item)]));
  return value;
}

async function multipart(entries: readonly Entry[]): Promise<{ body: Buffer; contentType: string }> {
  const formData = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") formData.append(name, value);
    else formData.append(name, value, "fuzz.bin");
  }
  const encoded = new Response(formData);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

function entriesNote(entries: readonly Entry[]): string {
  return entries.map(([name, value]) => `${name}=${typeof value === "string" ? excerpt(value, 60) : "<file>"}`).join(" ");
}

/**
 * Posts of every form: most as a browser without JavaScript posts them (multipart to the page,
 * React's hidden fields naming the action), some through the fetch protocol (`Next-Action`
 * header, arguments encoded as React's client encodes them, or as nothing React can decode).
 */
function actionCases(area: string, forms: readonly CrawledForm[], cookie: string | undefined, actionIds: readonly string[]): FuzzCase[] {
  const cases: PendingCase[] = [];
  forms.forEach((form, formIndex) => {
    const formArea = `${area}:${formIndex}`;
    if (form.method === "get") {
      // A filter form (reports): its fields are a query string.
      for (const pending of generate(`${formArea}:get`, 20, (rng, id) => getFormCase(rng, id, form, cookie))) cases.push(pending);
      return;
    }
    // Every form must answer a no-JS post (a bound useActionState action once never did: ids
    // now travel as hidden fields).
    for (let index = 0; index < 30; index += 1) cases.push(lazy(`${formArea}:form#${index}`, (rng, id) => formPostCase(rng, id, form, cookie)));
    for (let index = 0; index < 10; index += 1) cases.push(lazy(`${formArea}:fetch#${index}`, (rng, id) => fetchActionCase(rng, id, form, cookie)));
  });
  for (let index = 0; index < Math.max(10, actionIds.length * 3); index += 1) {
    cases.push(lazy(`${area}:undecodable#${index}`, (rng, id) => undecodableActionCase(rng, id, forms, actionIds, cookie)));
  }
  return cases as FuzzCase[];
}

/** A case whose body is built when it is sent (multipart encoding is asynchronous). */
type PendingCase = FuzzCase | (() => Promise<FuzzCase>);

function lazy(id: string, make: (rng: Rng, id: string) => Promise<FuzzCase>): () => Promise<FuzzCase> {
  const [area, index] = id.split("#");
  return () => make(new Rng(streamSeed(SEED, area!, Number(index))), id);
}

function actionHeaders(cookie: string | undefined): Record<string, string> {
  // A browser sends the page's own origin; Next.js refuses actions from other origins.
  return { origin: instance!.url, ...(cookie ? { cookie } : {}) };
}

function getFormCase(rng: Rng, id: string, form: CrawledForm, cookie: string | undefined): FuzzCase {
  const { entries } = mutateEntries(rng, form);
  const query = entries
    .filter(([, value]) => typeof value === "string")
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent((value as string).replace(/[\uD800-\uDFFF]/g, ""))}`)
    .join("&");
  return { id, method: "GET", path: `${form.page.split("?")[0]}?${query}`.slice(0, 12_000), headers: { ...(cookie ? { cookie } : {}) } };
}

async function formPostCase(rng: Rng, id: string, form: CrawledForm, cookie: string | undefined): Promise<FuzzCase> {
  const { entries, notes } = mutateEntries(rng, form);
  const { body, contentType } = await multipart(entries);
  return {
    id,
    method: "POST",
    path: form.page,
    headers: { ...actionHeaders(cookie), "content-type": contentType, accept: "text/html" },
    body,
    bodyNote: `[${form.label}] ${notes.join(", ")} :: ${entriesNote(entries)}`,
    action: true,
  };
}

/** The arguments a bound action is called with before its form data (`$ACTION_n:1`, e.g. [siteId, prevState]). */
function boundArguments(form: CrawledForm): unknown[] {
  const bound = form.fields.find((field) => /^\$ACTION_\d+:1$/.test(field.name));
  if (!bound) return [];
  try {
    const value = JSON.parse(bound.value) as unknown;
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

async function fetchActionCase(rng: Rng, id: string, form: CrawledForm, cookie: string | undefined): Promise<FuzzCase> {
  const actionId = form.fields.map(actionIdOf).find((value) => value);
  const { entries, notes } = mutateEntries(rng, form);
  let args: unknown[] = [...boundArguments(form), "$K1"];
  if (rng.chance(0.35)) {
    // Well-formed for React, wrong for the action: missing, extra or mistyped arguments.
    const replacement = escapeReply(randomJson(rng, 2, ID_POOL));
    const at = rng.int(args.length + 1);
    args = rng.chance(0.5) ? args.map((arg, index) => (index === at ? replacement : arg)) : rng.chance(0.5) ? args.slice(0, at) : [...args, replacement];
    notes.push(`arguments ${excerpt(JSON.stringify(args), 80)}`);
  }
  const fields: Entry[] = entries.filter(([name]) => !isReactField(name)).map(([name, value]) => [`_1_${name}`, value]);
  const { body, contentType } = await multipart([...fields, ["0", JSON.stringify(args)]]);
  return {
    id,
    method: "POST",
    path: form.page,
    headers: { ...actionHeaders(cookie), "next-action": actionId ?? "0".repeat(42), "content-type": contentType, accept: "text/x-component" },
    body,
    bodyNote: `[${form.label}] fetch protocol, ${notes.join(", ")} :: 0=${excerpt(JSON.stringify(args), 80)} ${entriesNote(fields)}`,
    action: true,
  };
}

/** What React's decoder itself must refuse: bodies and ids no client encodes. */
async function undecodableActionCase(rng: Rng, id: string, forms: readonly CrawledForm[], actionIds: readonly string[], cookie: string | undefined): Promise<FuzzCase> {
  const page = forms.length ? rng.pick(forms).page : "/sign-in";
  const actionId = rng.chance(0.8) && actionIds.length ? rng.pick(actionIds) : headerSafe(rng.pick(["0".repeat(42), "deadbeef", "", "x".repeat(500), "$ACTION_ID", nastyText(rng)]));
  const headers: Record<string, string> = { ...actionHeaders(cookie), "next-action": actionId, accept: "text/x-component" };
  let body: Buffer | string;
  if (rng.chance(0.5)) {
    headers["content-type"] = rng.pick(["text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded", "text/plain"]);
    body = rng.pick(["", "{{{", "[", '["$K9"]', '["$@9"]', '["$Q1"]', '["$F1"]', '["$h1"]', "\u0000", '[1,"$', JSON.stringify(nastyText(rng)), "x".repeat(200_000)]);
  } else {
    const { body: encoded, contentType } = await multipart(
      rng.pick<Entry[]>([
        [["1_name", "x"]],
        [["0", "{{{"]],
        [["0", '["$K1"]']],
        [["0", '["$@1"]'], ["1", "[]"]],
        [["0", "["], ["_1_name", "x"]],
        [["0", JSON.stringify(["$Q2"])], ["2", "not json"]],
      ]),
    );
    headers["content-type"] = rng.chance(0.9) ? contentType : "multipart/form-data; boundary=nope";
    body = rng.chance(0.8) ? encoded : encoded.subarray(0, rng.int(encoded.length));
  }
  if (rng.chance(0.05)) headers.origin = "https://evil.example";
  return { id, method: "POST", path: page, headers, body, bodyNote: `fetch protocol, undecodable :: ${excerpt(body.toString(), 120)}`, action: true };
}

// ─── Sending and judging ────────────────────────────────────────────────────

interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  seconds: number;
  /** Why the request was sent a second time, on a fresh connection (see send). */
  resent?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
/** Sockets of the agent that have been given a request, and when each was last handed back. */
const usedSockets = new WeakSet<net.Socket>();
const idleSince = new WeakMap<net.Socket, number>();
agent.on("free", (socket: net.Socket) => idleSince.set(socket, performance.now()));
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** One answer slower than this under the fuzz's load is a failure too (a cheap request that is expensive). */
const SLOW_SECONDS = 10;

/**
 * Sends one case and reads the whole answer.
 *
 * Connections are kept alive, as browsers keep them. The server (`next start`, Node's defaults)
 * closes one that has been idle for 5 s; Node 20's agent does not act on the
 * `Keep-Alive: timeout=5` it announces, and drops the socket only once it has read the server's
 * FIN. On a busy machine the client can hand the socket to the next request before it gets to
 * read that FIN, and the request goes into a connection the server has already closed: "socket
 * hang up" or ECONNRESET without a byte of answer (3 requests of a CI run). As browsers do, such
 * a request is sent again, once, on a connection of its own, and counted (see runCases) — only
 * when the connection had already carried an earlier request and not one byte of answer came
 * back. A reset of a new connection, or after the answer started, and anything that goes wrong
 * the second time, stay failures: a request the server itself breaks fails again.
 */
function send(fuzzCase: FuzzCase, fresh = false): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const headers: Record<string, string | number> = { ...fuzzCase.headers };
    if (fuzzCase.body !== undefined) headers["content-length"] = Buffer.byteLength(fuzzCase.body);
    let answered = false;
    let reused = false;
    let idleMs = 0;
    let bytesReadBefore = 0;
    const request = http.request(
      // agent: false: a connection of its own, closed after the answer.
      { host: "127.0.0.1", port: instance!.port, method: fuzzCase.method, path: fuzzCase.path, headers, agent: fresh ? false : agent, timeout: fuzzCase.timeoutMs ?? 15_000 },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8"), seconds: (performance.now() - startedAt) / 1000 }),
        );
        response.on("error", reject);
      },
    );
    request.on("socket", (socket: net.Socket) => {
      // Not request.reusedSocket: it is false for a kept-alive socket handed to a queued request.
      reused = usedSockets.has(socket);
      usedSockets.add(socket);
      const now = performance.now();
      idleMs = reused ? now - (idleSince.get(socket) ?? now) : 0;
      bytesReadBefore = socket.bytesRead;
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${(fuzzCase.timeoutMs ?? 15_000) / 1000} s`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      const nothingRead = !answered && (request.socket?.bytesRead ?? bytesReadBefore) === bytesReadBefore;
      const connection = fresh
        ? "sent again on a connection of its own, after a kept-alive one was closed under it"
        : reused
          ? `on a kept-alive connection idle for ${(idleMs / 1000).toFixed(1)} s`
          : "on a new connection";
      if (!fresh && reused && nothingRead && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        send(fuzzCase, true).then((response) => resolve({ ...response, resent: `${error.message} ${connection}` }), reject);
        return;
      }
      reject(new Error(`${error.message} (${connection}${nothingRead ? "" : ", after the answer started"})`, { cause: error }));
    });
    if (fuzzCase.body !== undefined) request.write(fuzzCase.body);
    request.end();
  });
}

function secrets(): string[] {
  const url = new URL(databaseUrl);
  return [SECRET, CRON_SECRET, databaseUrl, `${url.hostname}:${url.port}`, ...(url.password ? [url.password] : [])];
}

/** What Next.js answers, before any route runs, to a dynamic segment it cannot percent-decode. */
const NEXT_DECODE_500 = "Internal Server Error";

/**
 * A path whose %-escapes do not decode (`/c/%E0`). Next.js 16.4 answers those in a dynamic
 * segment with a bare 500 (vercel/next.js#92527, fix in #92557): a framework bug, accepted only
 * in exactly that form, and counted in the log line.
 */
function hasMalformedEscape(path: string): boolean {
  try {
    decodeURIComponent(path.split("?")[0]!);
    return false;
  } catch {
    return true;
  }
}

/**
 * Next.js and React's own refusals of a server-action payload they cannot decode (logged with
 * the digest the response carries). Anything else behind a digest is an exception of this app.
 */
const FRAMEWORK_REFUSALS = [
  /^⨯ SyntaxError: [^\n]*JSON/,
  /^⨯ Error: (?:Connection closed\.|Unexpected end of form|Unexpected end of multipart data|Malformed part header|Invalid forward reference\.|Invalid Server Actions? request\.|Multipart: Boundary not found)/,
  /^⨯ TypeError: CreateListFromArrayLike called on non-object/,
  /^⨯ Error: Server Function has too many bound arguments/,
  /Invariant: Missing 'next-action' header/,
];

const BARE_ERROR_ROW = /^0:\{[^\n]*\}\n1:E\{"digest":"(\d+)"\}\n?$/;

interface Verdict {
  problems: string[];
  /** Digests whose logged reason decides whether this refusal came from the framework. */
  digests: string[];
  frameworkBug?: string;
}

/** What one response breaks of the promise; empty when it keeps it. */
function judge(fuzzCase: FuzzCase, response: FuzzResponse): Verdict {
  const problems: string[] = [];
  const digests: string[] = [];
  let leaks = findLeaks(response.text, secrets());
  const bare = BARE_ERROR_ROW.exec(response.text);
  if (fuzzCase.action && bare) {
    // Judged by the reason the server logged for this digest (see refusalReasons).
    digests.push(bare[1]!);
    leaks = leaks.filter((leak) => !leak.startsWith("an unhandled exception's digest"));
  } else if (response.status === 500 && (response.text === NEXT_DECODE_500 || fuzzCase.method === "HEAD") && hasMalformedEscape(fuzzCase.path)) {
    return { problems: [], digests, frameworkBug: "vercel/next.js#92527" };
  } else if (response.status >= 500) {
    problems.push(`status ${response.status}`);
  }
  problems.push(...leaks);
  if (response.seconds > SLOW_SECONDS) problems.push(`answered after ${response.seconds.toFixed(1)} s`);
  const contentType = String(response.headers["content-type"] ?? "");
  if (fuzzCase.apiErrors && response.status >= 400 && contentType.includes("application/json") && fuzzCase.method !== "HEAD") {
    try {
      const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== "string" || typeof body.error.message !== "string" || body.error.message.trim() === "") {
        problems.push("a JSON error without { error: { code, message } }");
      }
    } catch {
      problems.push("a JSON error that is not JSON");
    }
  }
  problems.push(...(fuzzCase.check?.(response) ?? []));
  return { problems, digests };
}

/** The first line of the log entry that reported `digest`, or undefined when it is not (yet) logged. */
function loggedReason(output: string, digest: string): string | undefined {
  const at = output.indexOf(`digest: '${digest}'`);
  if (at < 0) return undefined;
  // The entry starts at the last line before the digest that is not indented.
  return output
    .slice(0, at)
    .split("\n")
    .findLast((line) => /^\S/.test(line))
    ?.trim();
}

/** Runs every case, CONCURRENCY at a time; returns one line per failed case. */
async function runCases(pending: readonly PendingCase[]): Promise<string[]> {
  const failures: string[] = [];
  const refusals: { fuzzCase: FuzzCase; response: FuzzResponse; digests: string[] }[] = [];
  const statuses: Record<string, Record<string, number>> = {};
  const frameworkBugs: Record<string, number> = {};
  const slowest: { id: string; seconds: number }[] = [];
  const resent: string[] = [];
  const startedAt = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const item = pending[next++]!;
      const fuzzCase = typeof item === "function" ? await item() : item;
      const area = fuzzCase.id.replace(/:\d+/, "").split("#")[0]!;
      totals[area] = (totals[area] ?? 0) + 1;
      const byArea = (statuses[area] ??= {});
      try {
        const response = await send(fuzzCase);
        if (response.resent) resent.push(`${fuzzCase.id} (${response.resent})`);
        byArea[response.status] = (byArea[response.status] ?? 0) + 1;
        slowest.push({ id: fuzzCase.id, seconds: response.seconds });
        const verdict = judge(fuzzCase, response);
        if (verdict.frameworkBug) frameworkBugs[verdict.frameworkBug] = (frameworkBugs[verdict.frameworkBug] ?? 0) + 1;
        if (verdict.problems.length) failures.push(describeFailure(fuzzCase, response, verdict.problems));
        else if (verdict.digests.length) refusals.push({ fuzzCase, response, digests: verdict.digests });
      } catch (error) {
        failures.push(describeFailure(fuzzCase, undefined, [`no response: ${error instanceof Error ? error.message : String(error)}`]));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - startedAt) / 1000;

  // Refusals behind a digest: the server logs the reason right after answering, which on a busy
  // machine can be seconds later. Wait for every digest (one missing after that is a failure).
  const allLogged = (output = instance!.output()) => refusals.every(({ digests }) => digests.every((digest) => output.includes(`digest: '${digest}'`)));
  for (const giveUpAt = performance.now() + 15_000; !allLogged() && performance.now() < giveUpAt; ) await sleep(100);
  let frameworkRefusals = 0;
  for (const { fuzzCase, response, digests } of refusals) {
    const reasons = digests.map((digest) => loggedReason(instance!.output(), digest));
    const unexplained = reasons.filter((reason) => !reason || !FRAMEWORK_REFUSALS.some((pattern) => pattern.test(reason)));
    if (unexplained.length) failures.push(describeFailure(fuzzCase, response, [`an exception of the app behind digest ${digests.join(", ")}: ${unexplained.map((reason) => reason ?? "(not in the log)").join("; ")}`]));
    else frameworkRefusals += 1;
  }

  slowest.sort((a, b) => b.seconds - a.seconds);
  const areas = Object.entries(statuses).map(([area, counts]) => `${area} ${JSON.stringify(counts)}`);
  const notes = [
    `slowest ${slowest.slice(0, 3).map(({ id, seconds: taken }) => `${id} ${taken.toFixed(2)} s`).join(", ")}`,
    ...(frameworkRefusals ? [`${frameworkRefusals} undecodable action payloads refused by Next.js/React`] : []),
    ...Object.entries(frameworkBugs).map(([bug, count]) => `${count} ran into the known framework bug ${bug}`),
    ...(resent.length ? [`${resent.length} sent again on a fresh connection after a kept-alive one was closed under them: ${resent.join(", ")}`] : []),
  ];
  resentTotal += resent.length;
  console.log(`[fuzz] ${pending.length} requests in ${seconds.toFixed(1)} s (${Math.round(pending.length / seconds)}/s): ${areas.join("; ")}\n[fuzz]   ${notes.join("; ")}`);
  if (failures.length) console.log(`[fuzz] ${failures.length} failures:\n${failures.map((failure) => failure.split("\n")[0]).slice(0, 200).join("\n")}`);
  return failures;
}

function describeFailure(fuzzCase: FuzzCase, response: FuzzResponse | undefined, problems: readonly string[]): string {
  const body = fuzzCase.bodyNote ?? (fuzzCase.body === undefined ? "" : excerpt(fuzzCase.body.toString(), 200));
  const headers = Object.entries(fuzzCase.headers ?? {})
    .filter(([name]) => name !== "cookie")
    .map(([name, value]) => `${name}: ${excerpt(value, 60)}`)
    .join(", ");
  return [
    `${fuzzCase.id} (FUZZ_SEED=${SEED}) ${fuzzCase.method} ${excerpt(fuzzCase.path, 200)} → ${response?.status ?? "no response"}: ${problems.join("; ")}`,
    headers && `  headers: ${headers}`,
    body && `  body: ${body.slice(0, 1_200)}`,
    response && `  response: ${excerpt(response.text, 400)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * Entries of the instance's output that report an error nobody expected: better-auth's note
 * about its base URL, Next.js reporting action ids it does not know and the cross-origin
 * action it refused, and the undecodable payloads (FRAMEWORK_REFUSALS) are expected.
 */
function unexpectedLogEntries(output: string): string[] {
  const expected = [
    /\[Better Auth\]: \[better-auth\] Base URL is not set/,
    /^(?:⨯ )?Error: Invalid Server Actions? request/,
    /Server Reference ID did not match the expected format|failed-to-find-server-action|Failed to find Server Action/,
    /does not match `origin` header with value `evil\.example`/,
    /^Missing `origin` header/,
    // better-auth logs the cross-site requests it refused (403) as errors.
    /^\S+ ERROR \[Better Auth\]: Invalid (?:origin|callbackURL): /,
    ...FRAMEWORK_REFUSALS,
  ];
  const entries = output.split(/\n(?=\S)/).map((entry) => entry.trim()).filter(Boolean);
  return entries.filter((entry) => /⨯|error|exception|unhandled/i.test(entry) && !expected.some((pattern) => pattern.test(entry)));
}

// ─── Fixtures and the instance ──────────────────────────────────────────────

function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Other organisations' data, a second member, a creative to review, invitations and API keys. */
async function insertFixtures(db: pg.Pool): Promise<ApiKeys> {
  await db.query(`INSERT INTO "organization" ("id", "name", "kind", "updatedAt") VALUES ($1, 'Other Outfitters', 'ADVERTISER', now()), ($2, 'Other Gazette', 'PUBLISHER', now())`, [OTHER_ADVERTISER, OTHER_PUBLISHER]);
  await db.query(
    `INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "pricingModel", "priceMicros", "totalBudgetMicros", "updatedAt")
     VALUES ($1, $2, 'Other campaign', 'ACTIVE', '2026-01-01', 'CPM', 1000000, 100000000, now())`,
    [OTHER_CAMPAIGN, OTHER_ADVERTISER],
  );
  await db.query(
    `INSERT INTO "creative" ("id", "campaignId", "name", "kind", "width", "height", "headline", "landingUrl", "reviewStatus", "updatedAt")
     VALUES ($1, $2, 'Other text', 'TEXT', 300, 250, 'Other', 'https://other.example/', 'APPROVED', now()),
            ($3, 'demo-campaign-spring', 'Awaiting review', 'TEXT', 300, 250, 'Pending', 'https://pending.example/', 'PENDING', now())`,
    [OTHER_CREATIVE, OTHER_CAMPAIGN, PENDING_CREATIVE],
  );
  await db.query(`INSERT INTO "site" ("id", "organizationId", "name", "domain", "updatedAt") VALUES ($1, $2, 'Other site', 'other.example', now())`, [OTHER_SITE, OTHER_PUBLISHER]);
  await db.query(`INSERT INTO "placement" ("id", "siteId", "name", "width", "height", "updatedAt") VALUES ($1, $2, 'Other sidebar', 300, 250, now())`, [OTHER_PLACEMENT, OTHER_SITE]);
  await db.query(
    `INSERT INTO "user" ("id", "name", "email", "emailVerified", "updatedAt") VALUES ('fuzz-other-user', 'Other Owner', 'other@fuzz.example', true, now()), ('fuzz-member-user', 'Mia Member', 'member@fuzz.example', true, now())`,
  );
  await db.query(
    `INSERT INTO "membership" ("id", "organizationId", "userId", "role") VALUES ($1, $2, 'fuzz-other-user', 'OWNER'), ('fuzz-member', 'demo-org-advertiser', 'fuzz-member-user', 'MEMBER')`,
    [OTHER_MEMBERSHIP, OTHER_ADVERTISER],
  );
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  await db.query(
    `INSERT INTO "verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ('fuzz-invitation', 'invite:demo-org-advertiser', $1, $2, now()), ('fuzz-join', 'invite:demo-org-advertiser', $6, $2, now()), ($3, $4, $5, $2, now())`,
    [`${sha256(INVITE_TOKEN)}:MEMBER`, inAWeek, OTHER_INVITATION, `invite:${OTHER_ADVERTISER}`, `${sha256(randomBytes(32).toString("base64url"))}:OWNER`, `${sha256(JOIN_TOKEN)}:MEMBER`],
  );

  const newKey = async (organizationId: string, revoked = false) => {
    const key = `mq_live_${randomBytes(32).toString("base64url")}`;
    await db.query(`INSERT INTO "api_key" ("id", "organizationId", "name", "prefix", "hashedKey", "revokedAt") VALUES ($1, $2, 'fuzz key', $3, $4, $5)`, [
      `fuzz-key-${randomBytes(6).toString("hex")}`,
      organizationId,
      key.slice(0, 12),
      sha256(key),
      revoked ? new Date() : null,
    ]);
    return key;
  };
  // Several keys per organisation: the API allows 600 requests a minute per key.
  return {
    advertiser: await Promise.all([1, 2, 3, 4].map(() => newKey("demo-org-advertiser"))),
    publisher: await Promise.all([1, 2, 3, 4].map(() => newKey("demo-org-publisher"))),
    otherAdvertiser: await newKey(OTHER_ADVERTISER),
    otherPublisher: await newKey(OTHER_PUBLISHER),
    revoked: await newKey("demo-org-advertiser", true),
  };
}

/** Every row of the other organisations, as text: equal before and after, or a tenant was crossed. */
/**
 * A query of the test's own bookkeeping. Retried once when the server terminated the pooled
 * connection (57P01, seen once in CI on an idle connection): not what this spec tests.
 */
async function checkQuery(db: pg.Pool, sql: string, values: unknown[]): Promise<pg.QueryResult> {
  try {
    return await db.query(sql, values);
  } catch (error) {
    if ((error as { code?: string }).code !== "57P01") throw error;
    return db.query(sql, values);
  }
}

async function otherOrganisationsSnapshot(db: pg.Pool): Promise<string> {
  const tables = [
    [`SELECT * FROM "organization" WHERE "id" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT * FROM "campaign" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER]],
    [`SELECT c.* FROM "creative" c JOIN "campaign" k ON k."id" = c."campaignId" WHERE k."organizationId" = ANY($1) ORDER BY c."id"`, [OTHER_ADVERTISER]],
    [`SELECT * FROM "site" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_PUBLISHER]],
    [`SELECT p.* FROM "placement" p JOIN "site" s ON s."id" = p."siteId" WHERE s."organizationId" = ANY($1) ORDER BY p."id"`, [OTHER_PUBLISHER]],
    [`SELECT * FROM "membership" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT "id", "name", "revokedAt" FROM "api_key" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT * FROM "verification" WHERE "identifier" = ANY($1) ORDER BY "id"`, [[`invite:${OTHER_ADVERTISER}`, `invite:${OTHER_PUBLISHER}`]]],
  ] as const;
  const rows = [];
  for (const [sql, ids] of tables) rows.push((await checkQuery(db, sql, [ids])).rows);
  // The spend ledger is not the organisation's data: a genuine signed impression of theirs is charged.
  const ledger = new Set(["spentMicros", "daySpentMicros", "spendDay"]);
  return JSON.stringify(rows, (key, value: unknown) => (ledger.has(key) ? undefined : typeof value === "bigint" ? value.toString() : value), 1);
}

function cookieHeader(state: StorageState): string {
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function startInstance(): Promise<Instance> {
  // The whole log is kept: refusal reasons are read back by digest.
  return startAppInstance("the fuzz instance", { DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, CRON_SECRET, DATABASE_POOL_SIZE: "10" }, { keepAllOutput: true });
}
