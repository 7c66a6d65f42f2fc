// Traffic you can bill, end to end, with the production limits: two instances sharing one
// PostgreSQL and one Redis (A over TCP, B over the Upstash REST protocol), and a third instance
// on the same database without any Redis. Clients are real loopback sockets bound to distinct
// addresses of 127.0.0.0/8 — the only client identity the server believes — while the headers
// a script can set (X-Forwarded-For, User-Agent, Origin) say whatever the test wants.
import { tokenOfTrackingUrl } from "@/lib/offers/offer-urls";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { demoSession } from "./support/sign-in";
import {
  attachInstanceOutput,
  BROWSER_USER_AGENT,
  PUBLISHER_SITE,
  scalar,
  SIDEBAR,
  startAppInstance,
  startStack,
  stopAppInstance,
  waitFor,
  type Instance,
  type Stack,
} from "./support/instances";

let stack: Stack | undefined;
/** The third instance: same database, no Redis. */
let alone: Instance | undefined;
/** Production defaults: none of the suite's relaxed one-client limits. */
const PRODUCTION_LIMITS = { PUBLIC_RATE_LIMITS: "serve=120/60,impression=120/60,click=30/60,preview=60/60", INVALID_TRAFFIC_VIEW_LIMIT: "5/300", INVALID_TRAFFIC_CLICK_LIMITS: "1/60,3/600,10/3600,25/86400" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startStack({ database: "marquee_ivt", campaigns: [], instanceEnv: PRODUCTION_LIMITS });
  alone = await startAppInstance("instance C (no Redis)", { ...PRODUCTION_LIMITS, DATABASE_URL: stack.databaseUrl, MARQUEE_SECRET: stack.secret });
});

test.afterEach(async ({}, testInfo) => {
  await attachInstanceOutput(stack && alone ? { ...stack, instances: [...stack.instances, alone] } : stack, testInfo, "ivt");
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  if (alone) await stopAppInstance(alone);
  await stack?.stop();
});

// ─── a client on a socket of its own ────────────────────────────────────────

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a socket bound to `from` (a loopback address of 127.0.0.0/8). */
function requestFrom(from: string, url: string, { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, localAddress: from, agent: false, timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("timeout", () => request.destroy(new Error(`request to ${url} timed out`)));
    request.on("error", reject);
    request.end();
  });
}

const page = { origin: `https://${PUBLISHER_SITE}` };
const browser = (extra: Record<string, string> = {}) => ({ "user-agent": BROWSER_USER_AGENT, origin: page.origin, ...extra });

interface Served {
  impressionUrl: string;
  clickUrl: string;
  offerId: string;
}

interface Flood {
  /** Offers filled (each beaconed right after). */
  offers: string[];
  /** Per minute window of the serve limit: serves sent and filled. */
  windows: { sent: number; filled: number }[];
}

/**
 * Serve + beacon pairs from one client until one minute window of the serve limit saw 150
 * serves. The limit counts in fixed windows (lib/rate-limit/public-limiter.ts), so a loop that
 * runs across a window's end may fill up to the limit on each side; each serve is counted in
 * the window it was sent in (one sent in a window's last moment may be counted in the next:
 * the assertions allow a few of slack).
 */
async function flood(from: string, { serveOn, beaconOn }: { serveOn: Instance; beaconOn: Instance }, headersFor: (pair: number) => Record<string, string>, slotFor: (pair: number) => number = () => 0): Promise<Flood> {
  const offers: string[] = [];
  const windows = new Map<number, { sent: number; filled: number }>();
  for (let pair = 0; pair < 400 && ![...windows.values()].some((window) => window.sent >= 150); pair += 1) {
    const minute = Math.floor(Date.now() / 60_000);
    const window = windows.get(minute) ?? { sent: 0, filled: 0 };
    windows.set(minute, window);
    window.sent += 1;
    const headers = headersFor(pair);
    const served = await serveFrom(from, serveOn, headers, slotFor(pair));
    if (!served) continue; // past the serve limit: no fill
    window.filled += 1;
    offers.push(served.offerId);
    await beaconFrom(from, served, headers, beaconOn);
  }
  return { offers, windows: [...windows.values()] };
}

/** The serve limit (120 a minute, a few of slack at a window's edge) held in every window, and one window was past it. */
function expectServeLimitHeld({ windows }: Flood): void {
  const summary = windows.map((window) => `${window.filled} of ${window.sent}`).join(", ");
  expect(windows.some((window) => window.sent >= 150), `one minute saw 150 serves: ${summary}`).toBe(true);
  for (const window of windows) expect(window.filled, `fills per minute window: ${summary}`).toBeLessThanOrEqual(125);
}

async function serveFrom(from: string, instance: Instance, headers: Record<string, string>, slot = 0): Promise<Served | null> {
  const answer = await requestFrom(from, `${instance.url}/api/serve?placement=${SIDEBAR}&slot=${slot}`, { headers });
  expect([200, 204]).toContain(answer.status);
  if (answer.status === 204) return null;
  const { impressionUrl, clickUrl } = JSON.parse(answer.body) as { impressionUrl: string; clickUrl: string };
  return { impressionUrl, clickUrl, offerId: tokenOfTrackingUrl(impressionUrl).split(".")[1]! };
}

/** The offer's impression URL on another instance of the deployment (they share the secret and the stores). */
function on(instance: Instance, url: string): string {
  const { pathname, search } = new URL(url);
  return `${instance.url}${pathname}${search}`;
}

/** A view beacon sent to `instance` (the serving instance when not named). */
async function beaconFrom(from: string, served: Served, headers: Record<string, string>, instance?: Instance): Promise<Answer> {
  const answer = await requestFrom(from, instance ? on(instance, served.impressionUrl) : served.impressionUrl, { method: "POST", headers });
  expect(answer.status).toBe(204);
  // The answer never tells a script whether its view was filtered.
  expect(answer.headers["marquee-event"]).toMatch(/^(counted|duplicate)$/);
  return answer;
}

/** How the database judged these offers' impressions: { VALID: n, RATE_LIMIT: m, … } and how many were billed. */
async function judged(offerIds: string[]): Promise<{ byValidity: Record<string, number>; billed: number }> {
  const { rows } = await stack!.database.query<{ validity: string; count: string; billed: string }>(
    `SELECT "validity", count(*) AS count, count(*) FILTER (WHERE "billable") AS billed FROM "impression" WHERE "offerId" = ANY($1) GROUP BY "validity"`,
    [offerIds],
  );
  return {
    byValidity: Object.fromEntries(rows.map((row) => [row.validity, Number(row.count)])),
    billed: rows.reduce((sum, row) => sum + Number(row.billed), 0),
  };
}

const instances = () => [
  { name: "two instances with Redis", serveOn: stack!.instances[0]!, beaconOn: stack!.instances[1]! },
  { name: "an instance without Redis", serveOn: alone!, beaconOn: alone! },
];

// ─── views ──────────────────────────────────────────────────────────────────

for (const [index, setup] of ["two instances with Redis", "an instance without Redis"].entries()) {
  test(`a script's serve + beacon pairs from one client bill at most a handful — ${setup}`, async () => {
    test.setTimeout(120_000);
    const { serveOn, beaconOn } = instances()[index]!;
    const client = `127.0.1.${1 + index}`;
    const result = await flood(client, { serveOn, beaconOn }, () => browser(), (pair) => pair % 10);
    const { byValidity, billed } = await judged(result.offers);
    console.log(`[ivt] ${setup}: ${result.offers.length} fills, impressions ${JSON.stringify(byValidity)}, billed ${billed}`);
    expectServeLimitHeld(result);
    expect(billed).toBeLessThanOrEqual(5);
    expect(byValidity.RATE_LIMIT ?? 0).toBeGreaterThan(0);
  });

  test(`the same with a new X-Forwarded-For and User-Agent every time, from one socket address — ${setup}`, async () => {
    test.setTimeout(120_000);
    const { serveOn, beaconOn } = instances()[index]!;
    const client = `127.0.1.${11 + index}`;
    const result = await flood(client, { serveOn, beaconOn }, (pair) =>
      browser({ "user-agent": `${BROWSER_USER_AGENT} Build/${pair}`, "x-forwarded-for": `203.0.113.${pair % 250}`, "x-real-ip": `198.51.100.${pair % 250}` }),
    );
    const { byValidity, billed } = await judged(result.offers);
    console.log(`[ivt] rotating headers, ${setup}: ${result.offers.length} fills, impressions ${JSON.stringify(byValidity)}, billed ${billed}`);
    expectServeLimitHeld(result);
    expect(billed).toBeLessThanOrEqual(5);
  });

  test(`40 distinct clients, one view each, all bill — ${setup}`, async () => {
    test.setTimeout(120_000);
    const { serveOn, beaconOn } = instances()[index]!;
    const offers: string[] = [];
    for (let client = 1; client <= 40; client += 1) {
      const from = `127.0.${2 + index}.${client}`;
      const served = await serveFrom(from, serveOn, browser());
      expect(served, `client ${from} is filled`).not.toBeNull();
      offers.push(served!.offerId);
      await beaconFrom(from, served!, browser(), beaconOn);
    }
    const { byValidity, billed } = await judged(offers);
    expect(byValidity).toEqual({ VALID: 40 });
    expect(billed).toBe(40);
  });

  test(`a beacon relayed from another address, or sent by a bot, or from another site's page, is recorded and not billed — ${setup}`, async () => {
    const { serveOn, beaconOn } = instances()[index]!;
    const client = `127.0.4.${1 + index}`;
    const relayed = (await serveFrom(client, serveOn, browser()))!;
    await beaconFrom(`127.0.4.${101 + index}`, relayed, browser({ "x-forwarded-for": client }), beaconOn);
    const bot = (await serveFrom(`127.0.4.${11 + index}`, serveOn, browser(), 1))!;
    await beaconFrom(`127.0.4.${11 + index}`, bot, browser({ "user-agent": "python-requests/2.32.3" }), beaconOn);
    const copied = (await serveFrom(`127.0.4.${21 + index}`, serveOn, browser({ origin: "https://copycat.example" })))!;
    await beaconFrom(`127.0.4.${21 + index}`, copied, browser({ origin: "https://copycat.example" }), beaconOn);

    const validity = async (served: Served) => (await stack!.database.query<{ validity: string; billable: boolean; pageHost: string | null }>(`SELECT "validity", "billable", "pageHost" FROM "impression" WHERE "offerId" = $1`, [served.offerId])).rows[0];
    expect(await validity(relayed)).toEqual({ validity: "CLIENT_MISMATCH", billable: false, pageHost: null });
    expect(await validity(bot)).toEqual({ validity: "BOT", billable: false, pageHost: null });
    expect(await validity(copied)).toEqual({ validity: "OFF_DOMAIN", billable: false, pageHost: "copycat.example" });
    // The publisher sees where its placement was shown off its domains.
    expect(await scalar(stack!, `SELECT sum("impressions") FROM "off_domain_stat" WHERE "placementId" = $1 AND "host" = 'copycat.example'`, [SIDEBAR])).toBeGreaterThanOrEqual(1 + index);
  });

  test(`a click before the view bills one impression and one click — ${setup}`, async () => {
    const { serveOn, beaconOn } = instances()[index]!;
    const client = `127.0.5.${1 + index}`;
    const served = (await serveFrom(client, serveOn, browser()))!;
    const click = await requestFrom(client, served.clickUrl, { headers: { "user-agent": BROWSER_USER_AGENT, referer: `${page.origin}/story` } });
    expect(click.status).toBe(302);
    expect(click.headers["marquee-event"]).toBe("accepted");
    await waitFor(async () => ((await scalar(stack!, `SELECT count(*) FROM "click" WHERE "offerId" = $1`, [served.offerId])) === 1 ? true : undefined), {
      timeout: 15_000,
      description: "the click recorded after the redirect",
    });
    // The view timer fires after the click: a duplicate of the impression the click brought.
    const late = await requestFrom(client, on(beaconOn, served.impressionUrl), { method: "POST", headers: browser() });
    expect(late.headers["marquee-event"]).toBe("duplicate");
    const row = (
      await stack!.database.query<{ impressions: string; clicks: string }>(
        `SELECT (SELECT count(*) FROM "impression" WHERE "offerId" = $1 AND "validity" = 'VALID' AND "billable") AS impressions,
                (SELECT count(*) FROM "click" WHERE "offerId" = $1 AND "validity" = 'VALID') AS clicks`,
        [served.offerId],
      )
    ).rows[0]!;
    expect(row).toEqual({ impressions: "1", clicks: "1" });
  });
}

// ─── limits of the public endpoints ─────────────────────────────────────────

test("past the serve limit a client gets no fill, never a 5xx, across both Redis instances", async () => {
  test.setTimeout(120_000);
  const client = "127.0.6.1";
  const statuses: Record<number, number> = {};
  // Per minute window of the limit (fixed windows, as flood() explains): serves sent and filled.
  const windows = new Map<number, { sent: number; filled: number }>();
  for (let request = 0; request < 400 && ![...windows.values()].some((window) => window.sent >= 200); request += 1) {
    const instance = stack!.instances[request % 2]!;
    const minute = Math.floor(Date.now() / 60_000);
    const window = windows.get(minute) ?? { sent: 0, filled: 0 };
    windows.set(minute, window);
    window.sent += 1;
    const answer = await requestFrom(client, `${instance.url}/api/serve?placement=${SIDEBAR}`, { headers: browser({ "x-forwarded-for": `203.0.113.${request % 250}` }) });
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 200) window.filled += 1;
  }
  const summary = [...windows.values()].map((window) => `${window.filled} of ${window.sent}`).join(", ");
  console.log(`[ivt] serves over two instances from one client, filled per minute: ${summary}; ${JSON.stringify(statuses)}`);
  // 120 a minute across the deployment (each instance alone would allow 120 of its 100); an
  // instance shares its count every tenth of the limit, so the other may be that much behind.
  for (const window of windows.values()) expect(window.filled, summary).toBeLessThanOrEqual(120 + 2 * 12);
  const full = [...windows.values()].find((window) => window.sent >= 200)!;
  expect(full.filled, summary).toBeGreaterThanOrEqual(100);
  expect(Object.keys(statuses).sort()).toEqual(["200", "204"]);
  // Another client is served as usual.
  expect((await requestFrom("127.0.6.2", `${stack!.instances[0]!.url}/api/serve?placement=${SIDEBAR}`, { headers: browser() })).status).toBe(200);
});

test("the live preview is limited per client address with a clear 429", async () => {
  test.setTimeout(60_000);
  // 60 a minute, in fixed windows: count the answers of the window the first refusal falls in.
  const windows = new Map<number, number[]>();
  let refused: Answer | undefined;
  for (let request = 0; request < 200 && !refused; request += 1) {
    const minute = Math.floor(Date.now() / 60_000);
    const answer = await requestFrom("127.0.6.3", `${alone!.url}/api/preview/${SIDEBAR}`, { headers: { "x-forwarded-for": `203.0.113.${request % 250}` } });
    windows.set(minute, [...(windows.get(minute) ?? []), answer.status]);
    if (answer.status !== 200) refused = answer;
  }
  expect(refused?.status).toBe(429);
  const statuses = [...windows.values()].at(-1)!;
  // Every answer before the refusal was a preview, and the refusal came past 60 in its minute
  // (one sent at a window's very end may still be counted in the one before: a little slack).
  expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
  expect(statuses.length).toBeGreaterThanOrEqual(58);
  expect(JSON.parse(refused!.body)).toEqual({ error: { code: "rate_limited", message: "Too many previews from your address: wait a minute, then reload." } });
});

// ─── flights ─────────────────────────────────────────────────────────────────

test("a campaign scheduled to start in 5 seconds serves within the in-process TTL of that moment, on every instance", async () => {
  test.setTimeout(90_000);
  const { database } = stack!;
  const startsAt = new Date(Date.now() + 5_000);
  // A sponsorship on its own placement: when its flight has begun, it beats every other ad there.
  await database.query(`INSERT INTO "placement" ("id", "siteId", "name", "width", "height", "updatedAt") VALUES ('ivt-flight-slot', 'demo-site-trailhead', 'Flight', 300, 250, now())`);
  await database.query(
    `INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "pricingModel", "priceMicros", "totalBudgetMicros", "tier", "targetPlacementIds", "updatedAt")
     VALUES ('ivt-flight', 'demo-org-advertiser', 'Starts soon', 'ACTIVE', $1, 'CPM', 1000000, 1000000000, 'SPONSORSHIP', ARRAY['ivt-flight-slot'], now())`,
    [startsAt],
  );
  await database.query(
    `INSERT INTO "creative" ("id", "campaignId", "name", "kind", "width", "height", "headline", "landingUrl", "reviewStatus", "updatedAt")
     VALUES ('ivt-flight-creative', 'ivt-flight', 'Soon', 'TEXT', 300, 250, 'Starts soon', 'https://flight.example/', 'APPROVED', now())`,
  );
  // As the dashboard does after a write: the shared copy is dropped.
  const generation = new (await import("ioredis")).Redis(stack!.redis.url);
  await generation.incr("active_campaigns:generation");
  await generation.del("active_campaigns");
  generation.disconnect();

  const firstServedAt = await Promise.all(
    [...stack!.instances, alone!].map(async (instance, index) => {
      for (let poll = 1; ; poll += 1) {
        const askedAt = Date.now();
        // A new client each time: no per-client limit or repeated offer stands in the way.
        const client = `127.${20 + index}.${(poll >> 8) & 255}.${poll & 255}`;
        const answer = await requestFrom(client, `${instance.url}/api/serve?placement=ivt-flight-slot`, { headers: browser() });
        const campaignId = answer.status === 200 ? tokenOfTrackingUrl((JSON.parse(answer.body) as { impressionUrl: string }).impressionUrl).split(".")[2] : null;
        if (campaignId === "ivt-flight") {
          expect(Date.now(), `${instance.name} served the campaign before its flight`).toBeGreaterThanOrEqual(startsAt.getTime());
          return askedAt;
        }
        if (askedAt > startsAt.getTime() + 30_000) throw new Error(`${instance.name} never served the campaign`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
  const lateness = firstServedAt.map((at) => at - startsAt.getTime());
  console.log(`[ivt] first ad of a campaign starting at a set time, per instance: ${lateness.map((ms) => `${ms} ms`).join(", ")} after its start`);
  // Within the in-process TTL (1 s), with room for a loaded machine's scheduling.
  for (const ms of lateness) expect(ms).toBeLessThanOrEqual(2_500);
});

// ─── sign-in ─────────────────────────────────────────────────────────────────

test("the sign-in limit holds against rotating forwarding headers, on the form and across instances", async ({ browser: chromium }) => {
  test.setTimeout(120_000);
  const context = await chromium.newContext();
  try {
    const tab = await context.newPage();
    const attempt = async (instance: Instance, attemptNumber: number, password: string) => {
      await tab.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${attemptNumber}`, "x-real-ip": `198.51.100.${attemptNumber}` });
      await tab.goto(`${instance.url}/sign-in`);
      await tab.getByLabel("E-mail").fill("advertiser@marquee.local");
      await tab.getByLabel("Password").fill(password);
      await tab.getByRole("button", { name: "Sign in" }).click();
      return tab.getByRole("alert").or(tab.getByRole("status")).first();
    };
    for (let number = 1; number <= 5; number += 1) {
      const message = await attempt(stack!.instances[number % 2]!, number, `wrong-password-${number}`);
      await expect(message).toContainText("The e-mail address or the password is not right.");
    }
    // The sixth try — the right password, from "another address", on the other instance — is refused.
    const refused = await attempt(stack!.instances[0]!, 6, "marquee-advertiser");
    await expect(refused).toContainText(/Too many attempts\. Try again in \d+ seconds\./);
    await expect(tab).toHaveURL(/\/sign-in/);
  } finally {
    await context.close();
  }
  // better-auth's own endpoint is no door around it: it does not exist over HTTP.
  const direct = await requestFrom("127.0.8.1", `${stack!.instances[1]!.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.99" } });
  expect(direct.status).toBe(404);
  // An unrelated account still signs in.
  await demoSession(chromium, stack!.instances[1]!.url, "publisher@marquee.local", "marquee-publisher");
});
