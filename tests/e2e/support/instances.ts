// Two production instances of the app (scripts/server.mjs) behind one throwaway PostgreSQL and one
// redis-server — instance A speaks TCP Redis, instance B the Upstash REST protocol through the
// bridge — plus the load generator that the storm and fault specs drive them with.
//
//   const stack = await startStack({ database: "marquee_faults", campaigns: ["fault-campaign"] });
//   const sample = await serve(stack, 0, "demo-placement-sidebar");   // one timed request
//   const load = startLoad(24, async (worker) => samples.push(await serve(stack, worker % 2, placement)));
//   await load.stop();
//   await stack.stop();
//
// Everything listens on 127.0.0.1. The instances run the build in NEXT_DIST_DIR (the one the
// e2e web server built), with one MARQUEE_SECRET so that offers minted here verify there.
import { tokenOfTrackingUrl } from "@/lib/offers/offer-urls";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, type TestInfo } from "@playwright/test";
import pg from "pg";
import { viewerId } from "@/lib/offers/viewer";
import { hostTag } from "@/lib/http/page";
import { signOffer, verifyOffer, type Offer } from "@/lib/offers/offer-token";
import type { startUpstashBridge as StartUpstashBridge, UpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { freePort, sleep, startPostgres, startRedis, waitFor, type PostgresServer, type RedisServer } from "@/tests/support/services";

/** The placement every test campaign can serve on (their creatives are 300×250 text ads). */
export const SIDEBAR = "demo-placement-sidebar";
export const LANDING_URL = "https://storm.example/landing?from=marquee";
/** 1 USD CPM: 1,000 micros per impression. */
export const PRICE_MICROS = 1_000_000;
export const COST_MICROS = PRICE_MICROS / 1_000;

/** A person's browser on the demo publisher's site: what the tracking routes bill. */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const PUBLISHER_SITE = "trailhead.example";
export const BROWSER_HEADERS = { "user-agent": BROWSER_USER_AGENT, origin: `https://${PUBLISHER_SITE}` } as const;

/** fetch as the page's browser does it (User-Agent, Origin), over the loopback address the offers were minted for. */
export function browserFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...BROWSER_HEADERS, ...(init.headers as Record<string, string> | undefined) } });
}

/**
 * Every spec's traffic comes from 127.0.0.1: the per-client limits (right for real traffic)
 * would refuse or invalidate most of a storm. tests/e2e/invalid-traffic.spec.ts checks them.
 */
export const ONE_CLIENT_LIMITS = {
  PUBLIC_RATE_LIMITS: "off",
  INVALID_TRAFFIC_VIEW_LIMIT: "1000000/60",
  INVALID_TRAFFIC_CLICK_LIMITS: "1000000/60",
} as const;

export interface Instance {
  name: string;
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
}

export interface Stack {
  secret: string;
  postgres: PostgresServer;
  redis: RedisServer;
  bridge: UpstashBridge;
  /** Plain node-postgres on the app's database (Playwright's loader cannot import the generated Prisma client). */
  database: pg.Pool;
  /** Connection string of the app's database (for more instances). */
  databaseUrl: string;
  /** [A: TCP Redis, B: Upstash REST]. */
  instances: Instance[];
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Name of the app's database on the throwaway server. */
  database: string;
  /** Test campaigns to create (id; its creative is `<id>-creative`): CPM, cheap, a budget far beyond any run. */
  campaigns: string[];
  /** PostgreSQL settings over the throwaway defaults (e.g. synchronous_commit for crash tests). */
  postgresSettings?: Record<string, string>;
  /** Settings of both instances over ONE_CLIENT_LIMITS. */
  instanceEnv?: Record<string, string>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const secret = randomBytes(32).toString("hex");
  const started: { postgres?: PostgresServer; redis?: RedisServer; bridge?: UpstashBridge; database?: pg.Pool; instances: Instance[] } = { instances: [] };
  const stop = async () => {
    await Promise.allSettled(started.instances.map(stopAppInstance));
    await started.database?.end().catch(() => {});
    await started.bridge?.close().catch(() => {});
    await started.redis?.stop().catch(() => {});
    await started.postgres?.stop().catch(() => {});
  };
  try {
    const postgres = (started.postgres = await startPostgres({ settings: options.postgresSettings }));
    const databaseUrl = await postgres.createDatabase(options.database);
    // Migrations and demo seed exactly as `npm start` applies them (scripts/db/prepare.ts; a
    // DATABASE_URL database gets the demo data only when MARQUEE_DEMO=1 asks for it). In a
    // child process: Playwright's loader cannot import the ESM-only generated Prisma client nor
    // the WebAssembly schema engine.
    const prepare = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db/prepare.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: secret, MARQUEE_DEMO: "1" },
      encoding: "utf8",
    });
    if (prepare.status !== 0) throw new Error(`Database preparation failed:\n${prepare.stdout}\n${prepare.stderr}`);
    const database = (started.database = new pg.Pool({ connectionString: databaseUrl, max: 2 }));
    // Tests kill PostgreSQL: idle connections then error, which must not crash the worker.
    database.on("error", () => {});
    for (const campaign of options.campaigns) await createCampaign(database, campaign);

    const redis = (started.redis = await startRedis());
    // Imported natively: the bridge uses import.meta, which Playwright's CommonJS transform breaks.
    const { startUpstashBridge } = (await import(pathToFileURL(path.resolve("scripts/upstash-bridge/bridge.mjs")).href)) as {
      startUpstashBridge: typeof StartUpstashBridge;
    };
    const bridge = (started.bridge = await startUpstashBridge({ redisUrl: redis.url, token: randomBytes(16).toString("hex"), logger: null }));
    const settings = { ...ONE_CLIENT_LIMITS, ...options.instanceEnv };
    const instances = await Promise.all([
      startInstance("instance A (TCP Redis)", secret, { ...settings, DATABASE_URL: databaseUrl, REDIS_URL: redis.url }),
      startInstance("instance B (Upstash REST)", secret, {
        ...settings,
        DATABASE_URL: databaseUrl,
        UPSTASH_REDIS_REST_URL: bridge.url,
        UPSTASH_REDIS_REST_TOKEN: bridge.token,
      }),
    ]);
    started.instances.push(...instances);
    return { secret, postgres, redis, bridge, database, databaseUrl, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createCampaign(database: pg.Pool, id: string): Promise<void> {
  await database.query(
    `INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "pricingModel", "priceMicros", "totalBudgetMicros", "updatedAt")
     VALUES ($1, 'demo-org-advertiser', $1, 'ACTIVE', '2026-01-01', 'CPM', $2, $3, now())`,
    [id, PRICE_MICROS, "1000000000000"],
  );
  await database.query(
    `INSERT INTO "creative" ("id", "campaignId", "name", "kind", "width", "height", "headline", "landingUrl", "reviewStatus", "updatedAt")
     VALUES ($1, $2, $2 || ' 300×250', 'TEXT', 300, 250, 'Storm', $3, 'APPROVED', now())`,
    [`${id}-creative`, id, LANDING_URL],
  );
}

function startInstance(name: string, secret: string, config: Record<string, string>): Promise<Instance> {
  return startAppInstance(name, { ...config, MARQUEE_SECRET: secret, DATABASE_POOL_SIZE: "10", REDIS_TIMEOUT_MS: "1000" });
}

/** Variables of the caller's shell (or of the suite's e2e app) that an instance must not inherit. */
const STORE_VARIABLES = ["DATABASE_URL", "DATABASE_URL_POOLED", "DATABASE_URL_UNPOOLED", "POSTGRES_PRISMA_URL", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING", "PGLITE_DATA_DIR", "REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN", "KV_URL", "PORT", "MARQUEE_PUBLIC_URL"];

/**
 * A production server (scripts/server.mjs, as `npm start` runs it) of the e2e build on a free loopback port, with exactly `env` for
 * its stores and secrets (NEXT_DIST_DIR stays: the instance runs the build the e2e web server
 * made). Its log is kept without colours: the last 20,000 characters, or all of it with
 * `keepAllOutput` (a spec that reads the log back). `port`: one the caller chose (freePort()),
 * e.g. to name the instance's own URL in its env (MARQUEE_PUBLIC_URL).
 */
export async function startAppInstance(name: string, env: Record<string, string>, { keepAllOutput = false, port: chosenPort }: { keepAllOutput?: boolean; port?: number } = {}): Promise<Instance> {
  const port = chosenPort ?? (await freePort());
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of STORE_VARIABLES) delete childEnv[variable];
  Object.assign(childEnv, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", NO_COLOR: "1" }, env);
  const child = spawn(process.execPath, [path.join(process.cwd(), "scripts", "server.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    const text = chunk.toString().replace(/\u001b\[[0-9;]*m/g, "");
    if (!keepAllOutput) output = (output + text).slice(-20_000);
    else if (output.length < 20_000_000) output += text;
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      const response = await fetch(`${url}/api/health`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    { timeout: 90_000, interval: 250, description: `${name} to answer /api/health`, abort: () => (child.exitCode !== null ? `${name} exited:\n${output}` : false) },
  );
  return { name, url, port, process: child, output: () => output };
}

/** SIGTERM, then SIGKILL after 5 s. */
export async function stopAppInstance(instance: Instance): Promise<void> {
  const child = instance.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** After a failed test: each instance's state and the end of its log, attached and printed. */
export async function attachInstanceOutput(stack: Stack | undefined, testInfo: TestInfo, prefix: string): Promise<void> {
  if (!stack || testInfo.status === testInfo.expectedStatus) return;
  for (const instance of stack.instances) {
    const state = instance.process.exitCode !== null || instance.process.signalCode !== null ? `exited (${instance.process.exitCode ?? instance.process.signalCode})` : "running";
    await testInfo.attach(`${instance.name} output`, { body: `${state}\n${instance.output()}`, contentType: "text/plain" });
    console.log(`[${prefix}] ${instance.name}: ${state}\n${instance.output().slice(-4_000)}`);
  }
}

// ─── offers and the database ────────────────────────────────────────────────

/** Offers as /api/serve mints them for browserFetch's client on the demo publisher's site. */
export function mintOffers(count: number, campaignId: string, secret: string): Offer[] {
  const issuedAt = Math.floor(Date.now() / 1000);
  const viewer = viewerId({ address: "127.0.0.1", userAgent: BROWSER_USER_AGENT, atSeconds: issuedAt }, secret);
  return Array.from({ length: count }, (_, index) => ({
    offerId: randomBytes(12).toString("base64url"),
    campaignId,
    creativeId: `${campaignId}-creative`,
    placementId: SIDEBAR,
    pricingModel: "CPM" as const,
    priceMicros: PRICE_MICROS,
    issuedAt,
    country: index % 2 === 0 ? "DE" : "US",
    device: index % 3 === 0 ? ("MOBILE" as const) : ("DESKTOP" as const),
    viewer,
    capPeriodSeconds: 0,
    page: hostTag(PUBLISHER_SITE),
  }));
}

/** One number from the app's database (counts and sums come back as strings from pg). */
export async function scalar(stack: Stack, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await stack.database.query<{ value: string | number | null }>(sql.replace(/^SELECT (.+?) FROM/s, "SELECT $1 AS value FROM"), values);
  return Number(rows[0]?.value ?? 0);
}

/** The campaign's impressions, their hourly rollups, and its spend all say `impressions`. */
export async function expectTotals(stack: Stack, campaignId: string, { impressions }: { impressions: number }): Promise<void> {
  const values = [campaignId];
  expect(await scalar(stack, `SELECT count(*) FROM "impression" WHERE "campaignId" = $1`, values), "impression rows").toBe(impressions);
  expect(await scalar(stack, `SELECT sum("impressions") FROM "hourly_stat" WHERE "campaignId" = $1`, values), "hourly_stat impressions").toBe(impressions);
  expect(await scalar(stack, `SELECT sum("spendMicros") FROM "hourly_stat" WHERE "campaignId" = $1`, values), "hourly_stat spend").toBe(impressions * COST_MICROS);
  expect(await scalar(stack, `SELECT "spentMicros" FROM "campaign" WHERE "id" = $1`, values), "campaign spend").toBe(impressions * COST_MICROS);
}

/** Waits until every instance's /api/health reports the cache in this state. */
export async function expectCache(stack: Stack, cache: "ok" | "down", timeout = 15_000): Promise<void> {
  for (const instance of stack.instances) {
    await waitFor(
      async () => {
        const body = (await (await fetch(`${instance.url}/api/health`)).json()) as { cache?: string };
        return body.cache === cache ? true : undefined;
      },
      { timeout, interval: 200, description: `${instance.name} to report cache ${cache}` },
    );
  }
}

// ─── load ───────────────────────────────────────────────────────────────────

/** One request as the load generator saw it. Times are performance.now() of this process. */
export interface Sample {
  route: "serve" | "beacon";
  instance: number;
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when the request failed at the transport level (refused, reset, timed out). */
  status: number;
  /** Beacons: the Marquee-Event header. */
  event: string | null;
  retryAfter: string | null;
  /** Serve: the campaign of the offer in the answer. Beacons: the offer's campaign. */
  campaignId: string | null;
  /** Beacons: the offer. */
  offerId: string | null;
  error?: string;
}

/** No request of a load run may hang the test: past this it counts as a transport error. */
const REQUEST_TIMEOUT_MS = 15_000;

/** GET /api/serve on one instance; the campaign is read from the signed offer in the answer. */
export async function serve(stack: Stack, instance: number, placement: string): Promise<Sample> {
  const startedAt = performance.now();
  const sample: Sample = { route: "serve", instance, startedAt, endedAt: startedAt, status: 0, event: null, retryAfter: null, campaignId: null, offerId: null };
  try {
    const response = await browserFetch(`${stack.instances[instance]!.url}/api/serve?placement=${placement}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.text();
    sample.status = response.status;
    if (response.status === 200) {
      const { impressionUrl } = JSON.parse(body) as { impressionUrl: string };
      const verified = verifyOffer(tokenOfTrackingUrl(impressionUrl), stack.secret, { maxAgeSeconds: 0, ignoreAge: true });
      sample.campaignId = verified.ok ? verified.offer.campaignId : "(unverifiable offer)";
    }
  } catch (error) {
    sample.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  sample.endedAt = performance.now();
  return sample;
}

/** The impression beacon of an offer on one instance: POST as sendBeacon does, or GET as an image does. */
export async function beacon(stack: Stack, instance: number, offer: Offer, method: "GET" | "POST" = "POST"): Promise<Sample> {
  const startedAt = performance.now();
  const sample: Sample = {
    route: "beacon",
    instance,
    startedAt,
    endedAt: startedAt,
    status: 0,
    event: null,
    retryAfter: null,
    campaignId: offer.campaignId,
    offerId: offer.offerId,
  };
  try {
    const response = await browserFetch(`${stack.instances[instance]!.url}/api/i/${signOffer(offer, stack.secret)}`, { method, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer();
    sample.status = response.status;
    sample.event = response.headers.get("marquee-event");
    sample.retryAfter = response.headers.get("retry-after");
  } catch (error) {
    sample.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  sample.endedAt = performance.now();
  return sample;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/** `workers` loops calling `step(worker)` until stop(); `step` must not throw (serve/beacon do not). */
export function startLoad(workers: number, step: (worker: number) => Promise<void>): { stop: () => Promise<void> } {
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    while (running) await step(worker);
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Statuses, latency percentiles and rate of a set of samples, for one summary line. */
export function summarize(samples: Sample[]) {
  const statuses: Record<string, number> = {};
  for (const { status } of samples) statuses[status === 0 ? "error" : String(status)] = (statuses[status === 0 ? "error" : String(status)] ?? 0) + 1;
  const latencies = samples.map((sample) => sample.endedAt - sample.startedAt).sort((a, b) => a - b);
  const percentile = (p: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  const first = Math.min(...samples.map((sample) => sample.startedAt));
  const last = Math.max(...samples.map((sample) => sample.endedAt));
  const seconds = samples.length === 0 ? 0 : (last - first) / 1000;
  return {
    requests: samples.length,
    statuses,
    serverErrors: samples.filter((sample) => sample.status >= 500).length,
    transportErrors: samples.filter((sample) => sample.status === 0).length,
    p50: percentile(0.5),
    p99: percentile(0.99),
    max: latencies.at(-1) ?? 0,
    seconds,
    rate: seconds > 0 ? samples.length / seconds : 0,
  };
}

/** "1234 requests (200: 1000, 204: 234), 5xx 0, errors 0, 512/s, p50 12 ms, p99 80 ms". */
export function describeLoad(samples: Sample[]): string {
  const s = summarize(samples);
  const statuses = Object.entries(s.statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(", ");
  return `${s.requests} requests (${statuses || "none"}), 5xx ${s.serverErrors}, transport errors ${s.transportErrors}, ${Math.round(s.rate)}/s, p50 ${Math.round(s.p50)} ms, p99 ${Math.round(s.p99)} ms, max ${Math.round(s.max)} ms`;
}

export { sleep, waitFor };
