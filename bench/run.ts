// `npm run bench`: the numbers of its goals (GOALS in bench/report/bench-results.ts), measured
// on this machine as ratios against the empty route `/api/ping` on the same server in the same run.
//
//   npm run bench                     everything (≈ 8 minutes on two cores, 9 with a build)
//   npm run bench -- --quick          2 rounds × 2 s: a smoke run, numbers too noisy to quote
//   npm run bench -- --only=serve-upstash,tracking      some server scenarios (micro-benchmarks always run)
//   npm run bench -- --markdown       print the tables of bench/results/latest.json as markdown
//
// Server scenarios, in order: serve-upstash, cold-start (new instances' first answers), serve-memory, tracking, filter-cost, serve-capped,
// serve-capped-tcp, soak, serve-redis-down (the last kills redis-server). filter-cost runs two servers
// side by side, INVALID_TRAFFIC_FILTER=on and =off, and measures serving and beacons on both in
// alternating rounds, in two legs with the servers started in the opposite order (a crossover,
// so that a server's slot does not pass for its setting): the invalid-traffic checks' cost as a
// same-run ratio.
//
// Every server runs as on Vercel as far as client addresses go (BENCH_SERVER_ENV below): it
// takes the client's address from x-real-ip, which the load sets per simulated client, and its
// per-client limits are raised out of the load's reach (the checks still run).
//
// Variables: BENCH_ROUNDS (5), BENCH_FILTER_ROUNDS (10, of the filter-cost scenario: half in each leg),
// BENCH_COLD_START_ROUNDS (7 new instances of each kind in the cold-start scenario),
// BENCH_SOAK_MINUTES (10; 2 with --quick), BENCH_SOAK_RATE (50 requests per second, the mix in
// bench/load/soak.ts) and BENCH_SOAK_GROWTH_MINUTES (2; 1 with --quick: load between the two heap
// snapshots after it) of the soak scenario, BENCH_SOAK_HEAP_MB (512, its server's heap limit: what Node takes in a
// 1 GiB instance, bench/load/soak.ts SOAK_HEAP_MIB; 0: Node's own), BENCH_SOAK_KEEP_SNAPSHOTS=1 (keep its .heapsnapshot files),
// BENCH_SECONDS (5 per route and round), BENCH_WARMUP (4),
// BENCH_CONCURRENCY (20), BENCH_REBUILD=1 (build even when .next-bench is current),
// BENCH_WAIT_FOR_LOAD=3 (before measuring, wait up to 15 min for a 1-minute load average below 3),
// BENCH_REDIS_TIMEOUT_MS (50, the app's default REDIS_TIMEOUT_MS); to look inside the servers:
// BENCH_CPU_PROFILE_DIR=<dir> (a V8 CPU profile of each), BENCH_SERVER_NODE_ARGS (more Node flags
// for each, e.g. "--trace-gc") and BENCH_SERVER_OUTPUT=<file> (all they print, appended there).
//
// Exit status: 0 when the benchmark ran (missed goals are reported, not failed), 1 when it
// could not run, 130 when interrupted. Every process it started is stopped in every case.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ACTIVE_CAMPAIGNS_GENERATION_KEY, ACTIVE_CAMPAIGNS_KEY } from "@/lib/cache/active-campaigns-cache";
import { createStore } from "@/lib/redis/create-store";
import { startPostgres, type PostgresServer } from "@/scripts/services/postgres.mjs";
import { startRedis, type RedisServer } from "@/scripts/services/redis.mjs";
import { sleep } from "@/scripts/services/common.mjs";
import { buildApp } from "./app/build-app";
import { treeCpuSeconds } from "./app/process-cpu";
import { startApp, killRunningApps, type AppServer } from "./app/start-app";
import { startBridgeProcess, type BridgeProcess } from "./app/start-bridge-process";
import { benchDataSet } from "./data/bench-data-set";
import { insertBenchData, setBenchFrequencyCaps } from "./data/insert-bench-data";
import { browserHeaders, CLIENT_ADDRESS_HEADER } from "./load/browser-headers";
import { measureAgainstPing, PING, type LoadTarget, type TargetSummary } from "./load/measure-against-ping";
import { measureColdStart, type ColdStartResult } from "./load/measure-cold-start";
import { measureHotCampaign, type HotCampaignResult } from "./load/hot-campaign";
import { combineCrossover, measurePaired, type PairedSummary, type PairedVariant } from "./load/measure-paired";
import { runLoad } from "./load/run-load";
import { measureCommandCost, POSTGRES_SETTINGS, TrafficMeter, untilRowsSettle, type CostWindow } from "./load/command-cost";
import { describeSoak, runSoak, SOAK_HEAP_MIB, soakProbeDir, soakServerOptions, type SoakResult } from "./load/soak";
import { TrackingLoad, trackingSound, type TrackingOutcome } from "./load/tracking-load";
import { measureActiveSetPaths } from "./micro/active-set-paths";
import { describeCost, withCostGoals, type CostMeasurement } from "./report/command-cost";
import { measureDecisionCpu, type DecisionCpuResult } from "./micro/decision-cpu";
import { measureFilterCpu, type FilterCpuResult } from "./micro/filter-cpu";
import {
  formatTables,
  goalRows,
  machineLine,
  addHotCampaignGoals,
  type BenchResults,
  type FilterCostResult,
  type RedisDownResult,
  type ScenarioResult,
} from "./report/bench-results";

const ROOT = path.resolve(__dirname, "..");
const RESULTS_FILE = path.join(ROOT, "bench", "results", "latest.json");
// Issue 16: the route goals hold at 10,000 active campaigns.
const CAMPAIGNS = 10_000;
const PLACEMENTS = 100;
const SCENARIOS = ["serve-upstash", "cold-start", "serve-memory", "tracking", "filter-cost", "serve-capped", "serve-capped-tcp", "soak", "hot-campaign", "serve-redis-down"] as const;
type ScenarioId = (typeof SCENARIOS)[number];

/**
 * What every bench server gets on top of its scenario's database and Redis:
 * - CLIENT_IP_HEADER=x-real-ip: the client's address is the header the platform sets, as on
 *   Vercel. On loopback every TCP peer is 127.0.0.1, and the app rightly ignores a client's
 *   X-Forwarded-For, so without it all load would be one client.
 * - Per-client limits far above what the load's 5,000 simulated clients reach (each makes
 *   hundreds of requests a minute at the bench's rates, a person a few): the public request
 *   limits, the views per placement and the clicks per client. The checks still run on every
 *   request with the production windows — the in-process counting of the request limits and
 *   the database's rate queries — so their cost is measured; they just never refuse. (A quarter
 *   of a limit is where the request limiter starts sharing counts through Redis: never reached.)
 * - INVALID_TRAFFIC_FILTER=on, the default, except where a scenario turns it off.
 */
const UNREACHABLE = 1_000_000;
const BENCH_SERVER_ENV = {
  CLIENT_IP_HEADER: CLIENT_ADDRESS_HEADER,
  PUBLIC_RATE_LIMITS: `serve=${UNREACHABLE}/60,impression=${UNREACHABLE}/60,click=${UNREACHABLE}/60,preview=${UNREACHABLE}/60`,
  INVALID_TRAFFIC_VIEW_LIMIT: `${UNREACHABLE}/300`,
  INVALID_TRAFFIC_CLICK_LIMITS: `${UNREACHABLE}/60,${UNREACHABLE}/600,${UNREACHABLE}/3600,${UNREACHABLE}/86400`,
  INVALID_TRAFFIC_FILTER: "on",
} as const;

const FILTER_COST_NOTE =
  "INVALID_TRAFFIC_FILTER switches the request-level judgement (isbot, the viewer and page checks) and the database's per-client rate check. " +
  "Serving has no filter step of its own: /api/serve computes two keyed hashes per request whatever the switch says (the viewer; the offer's draw, " +
  "which makes a repeat within 5 s the same offer), so its on/off ratio shows only the noise of the comparison; the hashes' CPU is in the micro-benchmarks. " +
  "Two legs, the servers started in the opposite order: the ratio is the geometric mean of the legs' (each the median of its rounds), which cancels " +
  "a speed that belongs to the server started first rather than to the setting.";

const ACTIVE_SET_PATHS_METHOD =
  "both paths as functions in this process, against the same Upstash bridge (a process of its own), Redis value and database — " +
  "seed: @upstash/redis GET active_campaigns, gunzipped and JSON-parsed (the seed stored plain JSON, over Upstash's 10 MB limit at 10,000 campaigns), a scan of every campaign, a weighted draw and signOffer, on every call; " +
  "ours: serveAd over ActiveCampaignsCache (in-process copy ≤ 1 s old ← Redis ← Prisma). Not as routes: Next's own ~1 ms per request " +
  "would be added to both and blur the difference, and the app should not carry a route that exists only to be slow";

const log = (line: string) => console.log(line);
const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

interface Settings {
  rounds: number;
  filterRounds: number;
  coldStartRounds: number;
  soakMinutes: number;
  soakRate: number;
  soakGrowthMinutes: number;
  /** --max-old-space-size of the soak's server; null: Node's own choice. */
  soakHeapMiB: number | null;
  seconds: number;
  warmup: number;
  concurrency: number;
  only: Set<ScenarioId>;
  rebuild: boolean;
  waitForLoad: number | null;
  redisTimeoutMs: number;
}

function parseSettings(argv: string[]): Settings {
  const quick = argv.includes("--quick");
  const onlyArg = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  const only = new Set((onlyArg ? onlyArg.split(",") : [...SCENARIOS]).map((id) => id.trim()) as ScenarioId[]);
  for (const id of only) if (!SCENARIOS.includes(id)) throw new Error(`Unknown scenario ${id}; scenarios: ${SCENARIOS.join(", ")}`);
  const unknown = argv.filter((arg) => !["--quick"].includes(arg) && !arg.startsWith("--only="));
  if (unknown.length) throw new Error(`Unknown argument(s): ${unknown.join(" ")}`);
  return {
    rounds: quick ? 2 : numberFrom("BENCH_ROUNDS", 5),
    filterRounds: quick ? 2 : numberFrom("BENCH_FILTER_ROUNDS", 10),
    coldStartRounds: quick ? 2 : numberFrom("BENCH_COLD_START_ROUNDS", 7),
    soakMinutes: numberFrom("BENCH_SOAK_MINUTES", quick ? 2 : 10),
    soakRate: numberFrom("BENCH_SOAK_RATE", 50),
    soakGrowthMinutes: numberFrom("BENCH_SOAK_GROWTH_MINUTES", quick ? 1 : 2),
    soakHeapMiB: process.env.BENCH_SOAK_HEAP_MB === "0" ? null : numberFrom("BENCH_SOAK_HEAP_MB", SOAK_HEAP_MIB),
    seconds: quick ? 2 : numberFrom("BENCH_SECONDS", 5),
    warmup: quick ? 2 : numberFrom("BENCH_WARMUP", 4),
    concurrency: numberFrom("BENCH_CONCURRENCY", 20),
    only,
    rebuild: process.env.BENCH_REBUILD === "1",
    waitForLoad: process.env.BENCH_WAIT_FOR_LOAD ? numberFrom("BENCH_WAIT_FOR_LOAD", 3) : null,
    // The app's default deadline of a Redis call; other values only to explore.
    redisTimeoutMs: numberFrom("BENCH_REDIS_TIMEOUT_MS", 50),
  };
}

/** Everything started, stopped in reverse order at the end, on an error and on Ctrl-C. */
class Resources {
  private readonly stops: { name: string; stop: () => Promise<unknown> }[] = [];
  add(name: string, stop: () => Promise<unknown>) {
    this.stops.push({ name, stop });
  }
  async stopAll() {
    for (const { name, stop } of this.stops.reverse()) {
      await stop().catch((error: unknown) => console.error(`Stopping ${name} failed: ${(error as Error).message}`));
    }
    this.stops.length = 0;
  }
}

export async function runBench(argv: string[]): Promise<number> {
  if (argv.includes("--markdown")) {
    const results = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as BenchResults;
    console.log(`${machineLine(results)}\n\n${formatTables(results, "markdown")}`);
    return 0;
  }
  const settings = parseSettings(argv);
  const controller = new AbortController();
  const resources = new Resources();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130); // second Ctrl-C: the exit hooks still kill the servers
    interrupted = true;
    console.error(`\n${signal}: stopping the benchmark and everything it started…`);
    controller.abort();
    killRunningApps();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const started = Date.now();
  const loadAverageStart = os.loadavg();
  try {
    const results = await measureEverything(settings, resources, controller.signal);
    results.machine.loadAverageStart = loadAverageStart;
    addHotCampaignGoals(results);
    results.durationSeconds = (Date.now() - started) / 1000;
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(`${RESULTS_FILE}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${RESULTS_FILE}.tmp`, RESULTS_FILE);
    printSummary(results);
    log(`\nWritten ${path.relative(ROOT, RESULTS_FILE)} (${Math.round(results.durationSeconds)} s in all).`);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    console.error(`\nThe benchmark could not run: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await resources.stopAll();
  }
}

async function measureEverything(settings: Settings, resources: Resources, signal: AbortSignal): Promise<BenchResults> {
  const secret = randomBytes(32).toString("hex");
  const checkAborted = () => {
    if (signal.aborted) throw new Error("aborted");
  };

  // ---- Build, services, data ----------------------------------------------------------------
  const build = await buildApp(ROOT, { force: settings.rebuild, log, signal });
  checkAborted();
  log("Starting PostgreSQL, redis-server and the Upstash REST bridge…");
  // pg_stat_statements: the statements per event (bench/load/command-cost.ts).
  const postgres: PostgresServer = await startPostgres({ settings: POSTGRES_SETTINGS });
  resources.add("PostgreSQL", () => postgres.stop());
  const redis: RedisServer = await startRedis();
  resources.add("redis-server", () => redis.stop());
  const bridge: BridgeProcess = await startBridgeProcess(ROOT, redis.url, randomBytes(16).toString("hex"));
  resources.add("Upstash bridge", () => bridge.stop());
  const databaseUrl = await postgres.createDatabase("marquee_bench");
  await prepareDatabase(databaseUrl, secret);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => {});
  resources.add("database pool", () => db.end());
  const set = benchDataSet({ campaigns: CAMPAIGNS, placements: PLACEMENTS, now: Date.now() });
  const insertStarted = Date.now();
  await insertBenchData(db, set);
  log(`Inserted ${CAMPAIGNS} active campaigns (${set.campaigns.reduce((n, c) => n + c.creatives.length, 0)} approved creatives) and ${PLACEMENTS} placements in ${Date.now() - insertStarted} ms.`);
  const meter = await TrafficMeter.open({ redisUrl: redis.url, ownerUrl: databaseUrl, bridgeUrl: bridge.url, bridgeToken: bridge.token });
  resources.add("traffic meter", () => meter.close());

  if (settings.waitForLoad !== null) await waitForQuietMachine(settings.waitForLoad, signal);

  // ---- Micro-benchmarks (no server running) ---------------------------------------------------
  log("\nDecision CPU (serveAd on an in-memory set, no I/O)…");
  const decisionCpu: DecisionCpuResult[] = [];
  for (const [campaigns, frequencyCaps] of [[1_000, false], [10_000, false], [10_000, true]] as const) {
    checkAborted();
    const result = await measureDecisionCpu({ campaigns, placements: PLACEMENTS, frequencyCaps, rounds: 7, decisionsPerRound: 10_000, secret, signal });
    decisionCpu.push(result);
    log(`  ${campaigns.toLocaleString("en")} campaigns${frequencyCaps ? ", all capped" : ""}: ${result.microsecondsPerDecision.toFixed(1)} µs per decision (fill ${(result.fillRate * 100).toFixed(0)} %)`);
  }
  log("Active set per decision: read + parse from Redis every time (the seed) vs the in-process cache (ours)…");
  log(`  (${ACTIVE_SET_PATHS_METHOD})`);
  const activeSetPaths = await measureActiveSetPaths({
    bridgeUrl: bridge.url,
    bridgeToken: bridge.token,
    databaseUrl,
    secret,
    placementIds: set.placements.map((placement) => placement.id),
    redisTimeoutMs: settings.redisTimeoutMs,
    rounds: 3,
    durationMs: 2_000,
    concurrencies: [1, settings.concurrency],
    signal,
  });
  log(
    `  one refresh of the in-process copy: Redis read + decode (its head) ${activeSetPaths.refreshCost.readAndParseMs.toFixed(1)} ms, ` +
      `index build of every placement (reading the campaigns' parts) ${activeSetPaths.refreshCost.indexBuildMs.toFixed(1)} ms (value ${Math.round(activeSetPaths.storedBytes / 1024)} KiB gzipped, ` +
      `${Math.round(activeSetPaths.jsonBytes / 1024)} KiB as JSON); a load from Postgres ${activeSetPaths.refreshCost.databaseLoadMs.toFixed(1)} ms`,
  );
  for (const entry of activeSetPaths.byConcurrency) {
    log(
      `  ${entry.concurrency} in flight: seed ${Math.round(entry.naive.opsPerSecond)} ops/s (p50 ${Math.round(entry.naive.p50Microseconds)} µs), ` +
        `ours ${Math.round(entry.cached.opsPerSecond)} ops/s (p50 ${Math.round(entry.cached.p50Microseconds)} µs): ${entry.speedup.toFixed(0)}×`,
    );
  }

  log("Invalid-traffic work per request (no I/O)…");
  const filterCpu: FilterCpuResult = await measureFilterCpu({ secret, rounds: 7, iterations: 20_000, signal });
  log(
    `  serving's viewer + draw hashes ${filterCpu.serveHashesMicroseconds.toFixed(1)} µs; ` +
      `judging a beacon ${filterCpu.judgeOnMicroseconds.toFixed(1)} µs with the filter on, ${filterCpu.judgeOffMicroseconds.toFixed(1)} µs off`,
  );

  // ---- Server scenarios ----------------------------------------------------------------------
  const common = { ...BENCH_SERVER_ENV, DATABASE_URL: databaseUrl, MARQUEE_SECRET: secret };
  const upstashEnv = { ...common, UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, REDIS_TIMEOUT_MS: String(settings.redisTimeoutMs) };
  const tcpEnv = { ...common, REDIS_URL: redis.url, REDIS_TIMEOUT_MS: String(settings.redisTimeoutMs) };
  const memoryEnv = { ...common };
  let currentApp: AppServer | undefined;
  const cpuOf = (app: () => AppServer | undefined) => () => ({
    "next-server": treeCpuSeconds(app()?.pid),
    bridge: treeCpuSeconds(bridge.pid),
    redis: treeCpuSeconds(redis.pid),
    postgres: treeCpuSeconds(postgres.pid),
    "load generator": (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const cpu = cpuOf(() => currentApp);
  const measure = async (origin: string, targets: LoadTarget[], warmupSeconds = settings.warmup) => {
    const summaries = await measureAgainstPing(origin, targets, { concurrency: settings.concurrency, rounds: settings.rounds, secondsPerWindow: settings.seconds, warmupSeconds, signal, log, cpu });
    const describe = (perRequest: Record<string, number>) =>
      Object.entries(perRequest)
        .filter(([, ms]) => ms >= 0.005)
        .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
        .join(", ");
    log(`    CPU ms per request: ping ${describe(summaries[0]?.pingCpuMsPerRequest ?? {})}`);
    for (const summary of summaries) log(`                        ${summary.id} ${describe(summary.cpuMsPerRequest)}`);
    return summaries;
  };
  const serve: LoadTarget = {
    id: "serve",
    next: () => ({ path: `/api/serve?placement=${set.placements[Math.floor(Math.random() * set.placements.length)]!.id}`, headers: browserHeaders() }),
  };
  const scenarios: ScenarioResult[] = [];
  let tracking: TrackingOutcome | null = null;
  let filterCost: FilterCostResult | null = null;
  let redisDown: RedisDownResult | null = null;

  const withApp = async (id: ScenarioId, title: string, configuration: string, env: Record<string, string>, body: (app: AppServer) => Promise<{ targets: TargetSummary[]; notes?: string[] }>) => {
    if (!settings.only.has(id)) return;
    checkAborted();
    log(`\n${title} (${configuration})`);
    const app = await startApp(ROOT, env);
    currentApp = app;
    resources.add(`next start (${id})`, () => app.stop());
    try {
      const { targets, notes = [] } = await body(app);
      for (const target of targets) notes.push(`${target.id} answers: ${describeStatuses(target.statuses)}`);
      const logLines = app.output().split("\n");
      const redisErrors = logLines.filter((line) => line.includes("Redis connection error"));
      if (redisErrors.length) notes.push(`Redis breaker opened ${redisErrors.length}× — ${redisErrors[0]!.trim().slice(0, 160)}`);
      const otherErrors = logLines.filter((line) => /error/i.test(line) && !line.includes("Redis connection error"));
      if (otherErrors.length) notes.push(`${otherErrors.length} other error line(s) in the server log, first: ${otherErrors[0]!.trim().slice(0, 200)}`);
      scenarios.push({ id, title, configuration, targets, rssMiB: app.rssMiB() ?? null, loadAverageEnd: os.loadavg(), redisBreakerOpened: redisErrors.length, notes });
      for (const note of notes) log(`    note: ${note}`);
    } finally {
      await app.stop();
    }
  };

  // Upstash commands, requests, bytes and Postgres statements per event: one window each, after
  // the scenario's measurement (bench/load/command-cost.ts; the table in bench/report/command-cost.ts).
  const costs: CostMeasurement[] = [];
  const measureCost = async (window: Omit<CostWindow, "seconds" | "concurrency">) => {
    const measured = await measureCommandCost(meter, { ...window, seconds: settings.seconds * 2, concurrency: settings.concurrency });
    costs.push(measured);
    log(`    ${describeCost(measured)}`);
  };
  // Per ad request, filled or not: a viewer past every cap gets no fill and still costs the cap read.
  const isAdRequest = (status: number) => status === 200 || status === 204;
  const isEvent = (name: string, okStatus: number) => (status: number, headers: IncomingHttpHeaders) => status === okStatus && headers["marquee-event"] === name;

  await withApp("serve-upstash", "Serving, Redis over Upstash REST, no frequency caps", "Upstash REST via bridge", upstashEnv, async (app) => {
    const targets = await measure(app.origin, [serve]);
    await measureCost({ event: "ad request · no caps", scenario: "serve-upstash", origin: app.origin, target: serve, isEvent: isAdRequest });
    return { targets };
  });

  let coldStart: ColdStartResult | null = null;
  if (settings.only.has("cold-start")) {
    checkAborted();
    log(`\nCold start: a new instance's first answer from process start, /api/ping vs /api/serve (Upstash REST via bridge, warm Redis)`);
    // Round 0 is not counted: it warms Redis's copy of the active set and the OS's file cache.
    const targets: Parameters<typeof measureColdStart>[0]["targets"] = [
      { id: "empty route", next: PING.next, ok: (status) => status === 200 },
      { id: "/api/serve", next: serve.next, ok: (status) => status === 200 },
    ];
    await measureColdStart({ root: ROOT, env: upstashEnv, targets, rounds: 1, signal, log: () => {} });
    coldStart = await measureColdStart({ root: ROOT, env: upstashEnv, targets, rounds: settings.coldStartRounds, signal, log });
    const [ping, route] = coldStart.targets;
    log(`    median: empty route ${Math.round(ping!.medianMs)} ms, /api/serve ${Math.round(route!.medianMs)} ms (${coldStart.ratioToPing.toFixed(2)}×); RSS after the first ad ${route!.rssMiBMedian?.toFixed(0) ?? "?"} MiB`);
  }

  await withApp("serve-memory", "Serving, no Redis configured", "no Redis: in-process store", memoryEnv, async (app) => ({
    targets: await measure(app.origin, [serve]),
  }));

  const trackingLoad = new TrackingLoad(set, secret, settings.concurrency);
  await withApp("tracking", "Tracking: impression beacons and click redirects", "Upstash REST via bridge", upstashEnv, async (app) => {
    const targets = await measure(app.origin, [trackingLoad.impressions, trackingLoad.clicks]);
    const origin = app.origin;
    await measureCost({ event: "counted impression", scenario: "tracking", origin, target: trackingLoad.impressions, isEvent: isEvent("counted", 204) });
    await measureCost({ event: "duplicate beacon", scenario: "tracking", origin, target: trackingLoad.duplicates, isEvent: isEvent("duplicate", 204) });
    // Clicks are recorded after the redirect: the window waits for their rows.
    await measureCost({ event: "counted click", scenario: "tracking", origin, target: trackingLoad.clicks, isEvent: isEvent("accepted", 302), settle: () => untilRowsSettle(meter, "click") });
    tracking = await trackingLoad.verify(db);
    const { impressions, clicks } = tracking;
    log(`    impressions acknowledged ${impressions.acknowledged}, persisted ${impressions.persisted} (table ${impressions.rowsInTable}); clicks accepted ${clicks.accepted}, persisted ${clicks.persisted} after ${clicks.secondsToDrain.toFixed(1)} s, repeated ${clicks.repeated}`);
    log(`    rows by validity: impressions ${describeCounts(impressions.validity)}; clicks ${describeCounts(clicks.validity)}${trackingSound(tracking) ? "" : " — NOT all persisted and VALID"}`);
    return { targets };
  });

  if (settings.only.has("filter-cost")) {
    checkAborted();
    log(`\nInvalid-traffic filtering's cost: INVALID_TRAFFIC_FILTER=on and =off, two servers side by side (Upstash REST via bridge)`);
    // Two legs, the servers started in the opposite order in each (a crossover): a speed that
    // belongs to the slot — the server started first — rather than to the setting cancels in
    // the geometric mean of the legs' ratios (measure-paired.ts combineCrossover).
    const apps: Record<"on" | "off", AppServer> = {} as Record<"on" | "off", AppServer>;
    const notes: string[] = [];
    const stopApps = async () => {
      for (const app of Object.values(apps)) await app.stop();
    };
    try {
      const variant = (filter: "on" | "off"): PairedVariant => ({ id: filter, origin: apps[filter].origin, cpu: cpuOf(() => apps[filter]) });
      // Each server's beacons are its own offers, checked against the database afterwards.
      const beacons = { on: new TrackingLoad(set, secret, settings.concurrency), off: new TrackingLoad(set, secret, settings.concurrency) };
      const legs: [PairedSummary[], PairedSummary[]] = [[], []];
      const startOrders = [["on", "off"], ["off", "on"]] as const;
      for (const [leg, startOrder] of startOrders.entries()) {
        log(`    leg ${leg + 1}/2: the server with the filter ${startOrder[0]} started first`);
        for (const filter of startOrder) {
          const app = await startApp(ROOT, { ...upstashEnv, INVALID_TRAFFIC_FILTER: filter });
          apps[filter] = app;
          resources.add(`next start (filter-cost leg ${leg + 1}, filter ${filter})`, () => app.stop());
        }
        legs[leg] = await measurePaired(
          [variant("on"), variant("off")],
          [
            { id: "serve", target: () => serve },
            { id: "impressions", target: (variant) => beacons[variant.id as "on" | "off"].impressions },
          ],
          { concurrency: settings.concurrency, rounds: Math.ceil(settings.filterRounds / 2), secondsPerWindow: settings.seconds, warmupSeconds: settings.warmup, signal, log },
        );
        for (const [filter, app] of Object.entries(apps)) {
          const errors = app.output().split("\n").filter((line) => /error/i.test(line));
          if (errors.length) notes.push(`${errors.length} error line(s) in the log of the server with the filter ${filter} (leg ${leg + 1}), first: ${errors[0]!.trim().slice(0, 200)}`);
        }
        if (leg === 0) await stopApps();
      }
      const [servePair, beaconPair] = [0, 1].map((index) => combineCrossover([legs[0][index]!, legs[1][index]!]));
      const trackingOn = await beacons.on.verify(db, { drainTimeoutMs: 5_000 });
      const trackingOff = await beacons.off.verify(db, { drainTimeoutMs: 5_000 });
      for (const pair of [servePair!, beaconPair!]) {
        for (const id of pair.variantIds) notes.push(`${pair.id} (filter ${id}) answers: ${describeStatuses(pair.variants[id]!.statuses)}`);
        notes.push(
          `${pair.id}: on ÷ off ${pair.legRatios.map((ratio) => ratio.toFixed(3)).join(" (on started first), ")} (off started first); ` +
            `the server started first was ${((pair.slotEffect - 1) * 100).toFixed(1)} % faster whatever its setting`,
        );
      }
      filterCost = {
        rounds: 2 * Math.ceil(settings.filterRounds / 2),
        note: FILTER_COST_NOTE,
        serve: { ...servePair!, filterCost: 1 - servePair!.throughputRatio },
        impressions: { ...beaconPair!, filterCost: 1 - beaconPair!.throughputRatio },
        tracking: { on: trackingOn, off: trackingOff },
        rssMiB: { on: apps.on.rssMiB() ?? null, off: apps.off.rssMiB() ?? null },
        loadAverageEnd: os.loadavg(),
        notes,
        cpu: filterCpu,
      };
      for (const pair of [filterCost.serve, filterCost.impressions]) {
        const on = pair.variants.on!;
        const off = pair.variants.off!;
        log(
          `    ${pair.id}: ${Math.round(on.rps)} req/s with the filter, ${Math.round(off.rps)} without: cost ${(pair.filterCost * 100).toFixed(1)} % ` +
            `(p99 ${on.p99Ms.toFixed(1)} vs ${off.p99Ms.toFixed(1)} ms, ${pair.p99Ratio.toFixed(2)}×); CPU ms per request: on ${describeCpu(on.cpuMsPerRequest)}; off ${describeCpu(off.cpuMsPerRequest)}`,
        );
      }
      for (const [filter, outcome] of Object.entries(filterCost.tracking)) {
        log(
          `    beacons with the filter ${filter}: acknowledged ${outcome.impressions.acknowledged}, persisted ${outcome.impressions.persisted}, ` +
            `by validity ${describeCounts(outcome.impressions.validity)}`,
        );
      }
      for (const note of notes) log(`    note: ${note}`);
    } finally {
      await stopApps();
    }
  }

  // One campaign's beacons vs beacons spread over 1,000 campaigns, on 2 and then 4 instances
  // sharing this Postgres and bridge (bench/load/hot-campaign.ts): group commit's goal.
  let hotCampaign: HotCampaignResult | null = null;
  if (settings.only.has("hot-campaign")) {
    checkAborted();
    log(`\nHot campaign: impression beacons of ONE campaign vs spread over 1,000, on 2 and 4 instances (Upstash REST via bridge, one Postgres)`);
    hotCampaign = await measureHotCampaign({
      set,
      secret,
      db,
      startApp: async () => {
        const app = await startApp(ROOT, upstashEnv);
        resources.add("next start (hot-campaign)", () => app.stop());
        return app;
      },
      instanceCounts: [2, 4],
      concurrency: settings.concurrency,
      rounds: settings.rounds,
      secondsPerWindow: settings.seconds,
      warmupSeconds: settings.warmup,
      signal,
      log,
    });
    for (const note of hotCampaign.notes) log(`    note: ${note}`);
  }

  const capped = settings.only.has("serve-capped") || settings.only.has("serve-capped-tcp");
  if (capped) {
    await setBenchFrequencyCaps(db, true);
    await invalidateSharedActiveSet(redis.url);
  }
  await withApp("serve-capped", "Serving, Redis over Upstash REST, frequency caps on every campaign", "Upstash REST via bridge, caps", upstashEnv, async (app) => {
    const targets = await measure(app.origin, [serve]);
    await measureCost({ event: "ad request · caps on all", scenario: "serve-capped", origin: app.origin, target: serve, isEvent: isAdRequest });
    return { targets };
  });
  // Not a goal of its own: tells whether the capped path's cost is Redis or the REST client.
  await withApp("serve-capped-tcp", "Serving, Redis over TCP, frequency caps on every campaign", "REDIS_URL (ioredis), caps", tcpEnv, async (app) => ({
    targets: await measure(app.origin, [serve]),
  }));
  if (capped) {
    await setBenchFrequencyCaps(db, false);
    await invalidateSharedActiveSet(redis.url);
  }

  let soak: SoakResult | null = null;
  if (settings.only.has("soak")) {
    checkAborted();
    log(`\nSoak: ${settings.soakMinutes} min at ${settings.soakRate} req/s (serve, beacons, clicks, the signed-in advertiser's pages), RSS every 10 s, heap snapshots (Upstash REST via bridge), ${settings.soakHeapMiB === null ? "Node's own heap limit" : `--max-old-space-size=${settings.soakHeapMiB} (a 1 GiB instance's)`}`);
    const probeDir = soakProbeDir();
    const server = soakServerOptions(probeDir, settings.soakHeapMiB);
    const app = await startApp(ROOT, { ...upstashEnv, ...server.env }, { nodeArgs: server.nodeArgs });
    resources.add("next start (soak)", () => app.stop());
    try {
      soak = await runSoak({
        app,
        probeDir,
        growthMinutes: settings.soakGrowthMinutes,
        set,
        tracking: new TrackingLoad(set, secret, settings.concurrency),
        db,
        minutes: settings.soakMinutes,
        rate: settings.soakRate,
        baselineSeconds: Math.min(120, (settings.soakMinutes * 60) / 2),
        signal,
        log,
      });
      const errors = app.output().split("\n").filter((line) => /error/i.test(line));
      if (errors.length) soak.notes.push(`${errors.length} error line(s) in the server log, first: ${errors[0]!.trim().slice(0, 200)}`);
      for (const line of describeSoak(soak)) log(`    ${line}`);
    } finally {
      await app.stop();
    }
  }

  await withApp("serve-redis-down", "Serving, Redis configured but stopped", "Upstash REST via bridge, redis-server killed", upstashEnv, async (app) => {
    // Warm with Redis up, then kill redis-server in the middle of a load run.
    await runLoad({ origin: app.origin, concurrency: settings.concurrency, durationMs: (settings.warmup * 1_000) / 2, next: PING.next });
    await runLoad({ origin: app.origin, concurrency: settings.concurrency, durationMs: settings.warmup * 1_000, next: serve.next });
    const killAfterMs = 1_500;
    const transition = runLoad({ origin: app.origin, concurrency: settings.concurrency, durationMs: killAfterMs + 4_000, next: serve.next });
    await sleep(killAfterMs);
    await redis.kill();
    const during = await transition;
    log(`    during the kill: ${during.requests} requests, p99 ${during.p99Ms.toFixed(1)} ms, ${during.serverErrors} × 5xx, ${during.failures} unanswered`);
    const targets = await measure(app.origin, [serve], 1);
    const serveUp = scenarios.find((scenario) => scenario.id === "serve-upstash")?.targets[0];
    redisDown = {
      transitionServerErrors: during.serverErrors,
      transitionFailures: during.failures,
      transitionP99Ms: during.p99Ms,
      p99VersusRedisUp: serveUp ? targets[0]!.p99Ms / serveUp.p99Ms : Number.NaN,
    };
    return { targets, notes: [`5xx while Redis was being killed: ${during.serverErrors}`] };
  });

  return {
    machine: machineInfo(),
    settings: {
      campaigns: CAMPAIGNS,
      placements: PLACEMENTS,
      concurrency: settings.concurrency,
      rounds: settings.rounds,
      secondsPerWindow: settings.seconds,
      warmupSeconds: settings.warmup,
      redisTimeoutMs: settings.redisTimeoutMs,
    },
    build,
    durationSeconds: 0,
    ...withCostGoals(goalRows(scenarios, tracking, redisDown, decisionCpu, activeSetPaths, filterCost, filterCpu, coldStart, soak), costs),
    scenarios,
    tracking,
    filterCost,
    redisDown,
    coldStart,
    hotCampaign,
    soak,
    micro: {
      decisionCpu,
      activeSetPaths: { method: ACTIVE_SET_PATHS_METHOD, ...activeSetPaths },
      filterCpu,
    },
  };
}

function printSummary(results: BenchResults) {
  log(`\n${machineLine(results)}\n`);
  log(formatTables(results, "text"));
  if (results.tracking) {
    const { impressions, clicks } = results.tracking;
    log(`\nImpressions: ${impressions.acknowledged} acknowledged as counted, ${impressions.persisted} persisted (${impressions.acknowledged === impressions.persisted ? "equal" : "NOT EQUAL"}).`);
    log(`Clicks: ${clicks.accepted} accepted redirects, ${clicks.persisted} persisted after ${clicks.secondsToDrain.toFixed(1)} s (recorded after the response, by design).`);
    log(`Rows by validity: impressions ${describeCounts(impressions.validity)}; clicks ${describeCounts(clicks.validity)} (${trackingSound(results.tracking) ? "all VALID, as expected" : "NOT all VALID: the bench's traffic is a browser on the site"}).`);
  }
  if (results.filterCost) {
    const { serve, impressions } = results.filterCost;
    log(
      `Invalid-traffic filtering's cost (same run, filter on vs off, ${results.filterCost.rounds} rounds in two legs): serving ${(serve.filterCost * 100).toFixed(1)} %, ` +
        `beacons ${(impressions.filterCost * 100).toFixed(1)} % (goal ≤ 5 %). ${results.filterCost.note}`,
    );
  }
  if (results.redisDown) {
    log(`Redis stopped: ${results.redisDown.transitionServerErrors} × 5xx while killing it; p99 ${results.redisDown.p99VersusRedisUp.toFixed(2)}× the Redis-up p99.`);
  }
  log(results.goalsMissed.length ? `\nGoals missed:\n${results.goalsMissed.map((line) => `  - ${line}`).join("\n")}` : "\nEvery goal met.");
}

/** "next-server 1.80, postgres 0.68": CPU ms per request by process. */
function describeCpu(perRequest: Record<string, number>): string {
  return Object.entries(perRequest)
    .filter(([, ms]) => ms >= 0.005)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(", ");
}

/** "VALID 35490, RATE_LIMIT 0". */
function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([name, count]) => `${name} ${count}`).join(", ") : "none";
}

/** "200 × 97.1 %, 204 × 2.9 %": for serving, the fill rate (204 = no fill). */
function describeStatuses(statuses: Record<number, number>): string {
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return Object.entries(statuses)
    .map(([status, count]) => `${status} × ${((count / total) * 100).toFixed(1)} %`)
    .join(", ");
}

/** Migrations and demo seed exactly as `npm start` applies them (MARQUEE_DEMO=1: a DATABASE_URL database gets the demo data only when asked). */
async function prepareDatabase(databaseUrl: string, secret: string): Promise<void> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(tsx, [path.join(ROOT, "scripts", "db", "prepare.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: secret, NODE_ENV: "production", MARQUEE_DEMO: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`Database preparation failed (${code}):\n${output}`))));
  });
}

/** What every instance does after a campaign write: drop the shared copy, bump the generation. */
async function invalidateSharedActiveSet(redisUrl: string): Promise<void> {
  const { store } = createStore({ kind: "redis", url: redisUrl, timeoutMs: 2_000 }, { log: () => {} });
  try {
    await store.exec([
      { op: "del", keys: [ACTIVE_CAMPAIGNS_KEY] },
      { op: "incrBy", key: ACTIVE_CAMPAIGNS_GENERATION_KEY, by: 1 },
    ]);
  } finally {
    await store.close();
  }
}

async function waitForQuietMachine(threshold: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (os.loadavg()[0]! >= threshold && Date.now() < deadline && !signal.aborted) {
    log(`Load average ${os.loadavg()[0]!.toFixed(2)} ≥ ${threshold}: waiting for the machine to calm down…`);
    await sleep(20_000);
  }
}

function machineInfo(): BenchResults["machine"] {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const commit = git("rev-parse", "HEAD");
  const status = git("status", "--porcelain");
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageStart: [],
    loadAverageEnd: os.loadavg(),
    commit: commit.status === 0 ? commit.stdout.trim() : null,
    dirtyTree: status.status === 0 && status.stdout.split("\n").some((line) => line.trim() !== "" && !line.startsWith("??")),
    untrackedFiles: status.status === 0 && status.stdout.split("\n").some((line) => line.startsWith("??")),
  };
}

