// The core promise of tracking, end to end: two production instances of the app behind no
// load balancer, one PostgreSQL, one Redis (one instance speaks TCP, the other the Upstash
// REST protocol through the bridge). 1,000 offers, each beacon sent 10 times concurrently,
// alternating instances: exactly 1,000 impressions — with Redis, and with Redis killed.
// Clicks: replays count once, clicks without an impression never.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { Redis as IORedis } from "ioredis";
import pg from "pg";
import { signOffer, type Offer } from "@/lib/tracking/offer-token";
import type { startUpstashBridge as StartUpstashBridge, UpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { freePort, sleep, startPostgres, startRedis, waitFor, type PostgresServer, type RedisServer } from "@/tests/support/services";

const SECRET = randomBytes(32).toString("hex");
const OFFERS = 1_000;
const DUPLICATES = 10;
const IN_FLIGHT = 50;
const CAMPAIGN = "storm-campaign";
const CREATIVE = "storm-creative";
const PLACEMENT = "demo-placement-sidebar";
const LANDING_URL = "https://storm.example/landing?from=marquee";
/** 1 USD CPM: 1,000 micros per impression. */
const PRICE_MICROS = 1_000_000;
const COST_MICROS = PRICE_MICROS / 1_000;

interface Instance {
  name: string;
  url: string;
  process: ChildProcess;
  output: () => string;
}

let postgres: PostgresServer | undefined;
let redis: RedisServer | undefined;
let bridge: UpstashBridge | undefined;
/** Plain node-postgres (see beforeAll for why not Prisma). */
let database: pg.Pool | undefined;
const instances: Instance[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase("marquee_storm");
  // Migrations and demo seed exactly as `npm start` applies them (scripts/db/prepare.ts runs
  // migrateDatabase, then seeds the empty database). In a child process: Playwright's loader
  // cannot import the ESM-only generated Prisma client nor the WebAssembly schema engine.
  const prepare = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db/prepare.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET },
    encoding: "utf8",
  });
  if (prepare.status !== 0) throw new Error(`Database preparation failed:\n${prepare.stdout}\n${prepare.stderr}`);
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // The last test kills PostgreSQL: idle connections then error, which must not crash the worker.
  database.on("error", () => {});
  // A cheap CPM price and a budget far beyond the storm: nothing here may be refused for money.
  await database.query(
    `INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "pricingModel", "priceMicros", "totalBudgetMicros", "updatedAt")
     VALUES ($1, 'demo-org-advertiser', 'Storm', 'ACTIVE', '2026-01-01', 'CPM', $2, $3, now())`,
    [CAMPAIGN, PRICE_MICROS, "1000000000000"],
  );
  await database.query(
    `INSERT INTO "creative" ("id", "campaignId", "name", "kind", "width", "height", "headline", "landingUrl", "reviewStatus", "updatedAt")
     VALUES ($1, $2, 'Storm 300×250', 'TEXT', 300, 250, 'Storm', $3, 'APPROVED', now())`,
    [CREATIVE, CAMPAIGN, LANDING_URL],
  );

  redis = await startRedis();
  // Imported natively: the bridge uses import.meta, which Playwright's CommonJS transform breaks.
  const { startUpstashBridge } = (await import(pathToFileURL(path.resolve("scripts/upstash-bridge/bridge.mjs")).href)) as {
    startUpstashBridge: typeof StartUpstashBridge;
  };
  bridge = await startUpstashBridge({ redisUrl: redis.url, token: randomBytes(16).toString("hex"), logger: null });
  const [tcp, upstash] = await Promise.all([
    startInstance("instance A (TCP Redis)", { DATABASE_URL: databaseUrl, REDIS_URL: redis.url }),
    startInstance("instance B (Upstash REST)", { DATABASE_URL: databaseUrl, UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token }),
  ]);
  instances.push(tcp, upstash);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const instance of instances) {
    const state = instance.process.exitCode !== null || instance.process.signalCode !== null ? `exited (${instance.process.exitCode ?? instance.process.signalCode})` : "running";
    await testInfo.attach(`${instance.name} output`, { body: `${state}\n${instance.output()}`, contentType: "text/plain" });
    console.log(`[storm] ${instance.name}: ${state}\n${instance.output().slice(-4_000)}`);
  }
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await Promise.allSettled(instances.map(stopInstance));
  await database?.end().catch(() => {});
  await bridge?.close().catch(() => {});
  await redis?.stop().catch(() => {});
  await postgres?.stop().catch(() => {});
});

/** About 25 s per storm on an idle two-core machine; room for one shared with other suites. */
const STORM_TIMEOUT_MS = 300_000;

test("10 duplicate beacons per offer over two instances count exactly 1,000 impressions with Redis", async () => {
  test.setTimeout(STORM_TIMEOUT_MS);
  await expectHealth("ok");
  const offers = mintOffers(OFFERS);
  const storm = await beaconStorm(offers);
  console.log(`[storm] Redis up: ${storm.requests} beacons in ${storm.seconds.toFixed(1)} s (${Math.round(storm.requests / storm.seconds)}/s), counted ${storm.events.counted}`);

  expect(storm.statuses).toEqual({ 204: OFFERS * DUPLICATES });
  expect(storm.events).toEqual({ counted: OFFERS, duplicate: OFFERS * (DUPLICATES - 1) });
  await expectTotals({ impressions: OFFERS });

  await clickStorm(offers.slice(0, 100), 5);
  await waitForClicks(100);
});

test("with Redis killed, the database alone still counts exactly 1,000 impressions", async () => {
  test.setTimeout(STORM_TIMEOUT_MS);
  await redis!.kill();
  const offers = mintOffers(OFFERS);
  const storm = await beaconStorm(offers);
  console.log(`[storm] Redis down: ${storm.requests} beacons in ${storm.seconds.toFixed(1)} s (${Math.round(storm.requests / storm.seconds)}/s), counted ${storm.events.counted}`);
  await expectHealth("down");

  expect(storm.statuses).toEqual({ 204: OFFERS * DUPLICATES });
  expect(storm.events).toEqual({ counted: OFFERS, duplicate: OFFERS * (DUPLICATES - 1) });
  await expectTotals({ impressions: 2 * OFFERS });

  await clickStorm(offers.slice(0, 100), 5);
  await waitForClicks(200);
});

test("clicks without an impression, from bots or with bad tokens are never counted", async () => {
  test.setTimeout(60_000);
  const [instance] = instances;
  const neverShown = mintOffers(50);
  const botOffer = mintOffers(1)[0]!;
  await beaconStorm([botOffer], 1);
  await clickStorm(neverShown, 2);
  const bot = await fetch(`${instance!.url}/c/${signOffer(botOffer, SECRET)}`, { redirect: "manual", headers: { "user-agent": "Googlebot/2.1" } });
  expect(bot.status).toBe(302);
  expect(bot.headers.get("marquee-event")).toBe("ignored");
  const forged = await fetch(`${instance!.url}/c/${signOffer(botOffer, "another-deployment-secret-0123456789")}`, { redirect: "manual" });
  expect(forged.status).toBe(400);
  expect(await forged.json()).toEqual({ error: { code: "bad_request", message: "This ad link is not valid." } });

  // Give after() time to record anything it (wrongly) would.
  await sleep(2_000);
  await waitForClicks(200);
  const clicked = await scalar(`SELECT count(*) FROM "click" WHERE "offerId" = ANY($1)`, [[botOffer, ...neverShown].map((offer) => offer.offerId)]);
  expect(clicked).toBe(0);
});

test("the beacon and the redirect answer each refusal with its own status", async () => {
  test.setTimeout(60_000);
  const { url } = instances[0]!;
  const now = Math.floor(Date.now() / 1000);
  const [valid, expired, future, unknownCreative, bot, prefetch, head, expiredClick] = mintOffers(8);
  const beacon = (token: string, init: RequestInit = {}) => fetch(`${url}/api/i/${token}`, init);
  const errorBody = (code: string, message: string) => ({ error: { code, message } });

  const refusals = [
    { name: "malformed", token: "not-a-token", status: 400, body: errorBody("bad_request", "The impression token is malformed.") },
    { name: "forged", token: signOffer(valid!, "another-deployment-secret-0123456789"), status: 403, body: errorBody("forbidden", "The impression token's signature is not valid.") },
    {
      name: "expired",
      token: signOffer({ ...expired!, issuedAt: now - 2 * 3600 }, SECRET),
      status: 410,
      body: errorBody("gone", "The impression token has expired: impressions count within 60 minutes of the ad being served."),
    },
    { name: "future", token: signOffer({ ...future!, issuedAt: now + 3600 }, SECRET), status: 410, body: errorBody("gone", "The impression token is dated in the future.") },
  ];
  for (const refusal of refusals) {
    const response = await beacon(refusal.token);
    expect(response.status, refusal.name).toBe(refusal.status);
    expect(response.headers.get("access-control-allow-origin"), refusal.name).toBe("*");
    expect(response.headers.get("cache-control"), refusal.name).toBe("no-store");
    expect(await response.json(), refusal.name).toEqual(refusal.body);
  }

  const ignored = [
    await beacon(signOffer(bot!, SECRET), { headers: { "user-agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)" } }),
    await beacon(signOffer(prefetch!, SECRET), { headers: { "sec-purpose": "prefetch" } }),
    await beacon(signOffer(head!, SECRET), { method: "HEAD" }),
  ];
  for (const response of ignored) {
    expect(response.status).toBe(204);
    expect(response.headers.get("marquee-event")).toBe("ignored");
  }
  expect(await scalar(`SELECT count(*) FROM "impression" WHERE "offerId" = ANY($1)`, [[bot!, prefetch!, head!].map((offer) => offer.offerId)])).toBe(0);

  const preflight = await fetch(`${url}/api/i/${signOffer(valid!, SECRET)}`, { method: "OPTIONS" });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

  const counted = await beacon(signOffer(valid!, SECRET), { method: "POST" });
  expect(counted.status).toBe(204);
  expect(counted.headers.get("marquee-event")).toBe("counted");
  expect(counted.headers.get("access-control-expose-headers")).toBe("Marquee-Event");

  // An old but genuine click link still takes the visitor to the landing page, uncounted.
  const late = await fetch(`${url}/c/${signOffer({ ...expiredClick!, issuedAt: now - 2 * 86_400 }, SECRET)}`, { redirect: "manual" });
  expect(late.status).toBe(302);
  expect(late.headers.get("location")).toBe(LANDING_URL);
  expect(late.headers.get("marquee-event")).toBe("ignored");
  const unknown = await fetch(`${url}/c/${signOffer({ ...unknownCreative!, creativeId: "no-such-creative" }, SECRET)}`, { redirect: "manual" });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toEqual(errorBody("not_found", "This ad no longer exists."));
});

test("with the database down, beacons get 503 + Retry-After and clicks still redirect", async () => {
  test.setTimeout(90_000);
  // Redis back, and each instance's active set cached in it, so clicks can find landing URLs.
  await redis!.start();
  await expectHealth("ok");
  // Past the in-process TTL (1 s), the next read loads from the database and writes Redis.
  await sleep(1_100);
  for (const instance of instances) {
    const warm = await fetch(`${instance.url}/c/${signOffer(mintOffers(1)[0]!, SECRET)}`, { redirect: "manual" });
    expect(warm.status).toBe(302);
  }
  const probe = new IORedis(redis!.url, { maxRetriesPerRequest: 1 });
  try {
    await waitFor(async () => ((await probe.exists("active_campaigns")) === 1 ? true : undefined), { timeout: 5_000, description: "active_campaigns in Redis" });
  } finally {
    probe.disconnect();
  }
  await postgres!.kill();

  for (const instance of instances) {
    const [offer] = mintOffers(1);
    const response = await fetch(`${instance.url}/api/i/${signOffer(offer!, SECRET)}`, { method: "POST" });
    expect(response.status, instance.name).toBe(503);
    expect(response.headers.get("retry-after"), instance.name).toBe("5");
    expect(response.headers.get("marquee-event"), instance.name).toBeNull();
    expect(await response.json(), instance.name).toEqual({
      error: { code: "unavailable", message: "The impression could not be recorded right now. Please retry." },
    });

    const click = await fetch(`${instance.url}/c/${signOffer(offer!, SECRET)}`, { redirect: "manual" });
    expect(click.status, instance.name).toBe(302);
    expect(click.headers.get("location"), instance.name).toBe(LANDING_URL);
  }
});

// ─── helpers ────────────────────────────────────────────────────────────────

async function startInstance(name: string, config: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only what this instance is given: nothing of the caller's shell or of the e2e app.
  for (const variable of ["DATABASE_URL", "PGLITE_DATA_DIR", "REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN", "KV_URL", "PORT"]) {
    delete env[variable];
  }
  Object.assign(env, config, { NODE_ENV: "production", MARQUEE_SECRET: SECRET, NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: "10", REDIS_TIMEOUT_MS: "200" });
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const instance = { name, url, process: child, output: () => output };
  await waitFor(
    async () => {
      const response = await fetch(`${url}/api/health`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    { timeout: 90_000, interval: 250, description: `${name} to answer /api/health`, abort: () => (child.exitCode !== null ? `${name} exited:\n${output}` : false) },
  );
  return instance;
}

async function stopInstance(instance: Instance): Promise<void> {
  const child = instance.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function mintOffers(count: number): Offer[] {
  const issuedAt = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, index) => ({
    offerId: randomBytes(12).toString("base64url"),
    campaignId: CAMPAIGN,
    creativeId: CREATIVE,
    placementId: PLACEMENT,
    pricingModel: "CPM" as const,
    priceMicros: PRICE_MICROS,
    issuedAt,
    country: index % 2 === 0 ? "DE" : "US",
    device: index % 3 === 0 ? ("MOBILE" as const) : ("DESKTOP" as const),
    viewer: "-",
    capPeriodSeconds: 0,
  }));
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/** Every offer's beacon `copies` times, interleaved so that copies of one offer are in flight together, alternating instances. */
async function beaconStorm(offers: Offer[], copies = DUPLICATES) {
  const statuses: Record<number, number> = {};
  const events: Record<string, number> = {};
  const tasks: (() => Promise<void>)[] = [];
  for (const offer of offers) {
    const token = signOffer(offer, SECRET);
    for (let copy = 0; copy < copies; copy += 1) {
      const instance = instances[(tasks.length) % instances.length]!;
      tasks.push(async () => {
        // Half as sendBeacon does (POST), half as an image/fetch beacon (GET).
        const response = await fetch(`${instance.url}/api/i/${token}`, { method: copy % 2 === 0 ? "POST" : "GET" });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const event = response.headers.get("marquee-event") ?? `status ${response.status}`;
        events[event] = (events[event] ?? 0) + 1;
      });
    }
  }
  const startedAt = performance.now();
  await pool(tasks, IN_FLIGHT);
  return { statuses, events: { counted: 0, duplicate: 0, ...events }, requests: tasks.length, seconds: (performance.now() - startedAt) / 1000 };
}

/** Each offer's click `copies` times, over both instances: every answer redirects to the creative's landing URL. */
async function clickStorm(offers: Offer[], copies: number) {
  const tasks: (() => Promise<void>)[] = [];
  for (const offer of offers) {
    const token = signOffer(offer, SECRET);
    for (let copy = 0; copy < copies; copy += 1) {
      const instance = instances[tasks.length % instances.length]!;
      tasks.push(async () => {
        const response = await fetch(`${instance.url}/c/${token}`, { redirect: "manual" });
        await response.arrayBuffer();
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(LANDING_URL);
      });
    }
  }
  await pool(tasks, IN_FLIGHT);
}

/** One number from the storm's database (counts and sums come back as strings from pg). */
async function scalar(sql: string, values: unknown[] = [CAMPAIGN]): Promise<number> {
  const { rows } = await database!.query<{ value: string | number | null }>(sql.replace(/^SELECT (.+?) FROM/s, "SELECT $1 AS value FROM"), values);
  return Number(rows[0]?.value ?? 0);
}

async function expectTotals({ impressions }: { impressions: number }) {
  expect(await scalar(`SELECT count(*) FROM "impression" WHERE "campaignId" = $1`)).toBe(impressions);
  expect(await scalar(`SELECT sum("impressions") FROM "hourly_stat" WHERE "campaignId" = $1`)).toBe(impressions);
  expect(await scalar(`SELECT sum("spendMicros") FROM "hourly_stat" WHERE "campaignId" = $1`)).toBe(impressions * COST_MICROS);
  expect(await scalar(`SELECT "spentMicros" FROM "campaign" WHERE "id" = $1`)).toBe(impressions * COST_MICROS);
}

/** Clicks are recorded after the redirect (next/server `after`): wait until they are all in, then check nothing more arrives. */
async function waitForClicks(expected: number) {
  const count = () => scalar(`SELECT count(*) FROM "click" WHERE "campaignId" = $1`);
  await waitFor(async () => ((await count()) >= expected ? true : undefined), { timeout: 30_000, interval: 200, description: `${expected} clicks recorded` });
  await sleep(500);
  expect(await count()).toBe(expected);
  expect(await scalar(`SELECT sum("clicks") FROM "hourly_stat" WHERE "campaignId" = $1`)).toBe(expected);
  expect(await scalar(`SELECT count(*) FROM "hourly_stat" WHERE "campaignId" = $1 AND "clicks" > "impressions"`)).toBe(0);
}

async function expectHealth(cache: "ok" | "down") {
  for (const instance of instances) {
    await waitFor(
      async () => {
        const body = (await (await fetch(`${instance.url}/api/health`)).json()) as { cache?: string };
        return body.cache === cache ? true : undefined;
      },
      { timeout: 15_000, interval: 200, description: `${instance.name} to report cache ${cache}` },
    );
  }
}
