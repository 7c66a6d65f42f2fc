// The soak: one server under a steady mix at a fixed rate — ad requests, impression beacons,
// click redirects and a signed-in advertiser's dashboard pages — for BENCH_SOAK_MINUTES, its
// resident memory sampled every 10 s, and its live heap after a full GC at minute 2 and at the
// end. A leak shows as RSS and live heap that keep climbing past minute 2; a high-water mark
// shows as neither.
//
// Then, to name what grows, two heap snapshots BENCH_SOAK_GROWTH_MINUTES of the same load
// apart, compared: constructors that grew, objects allocated between them and still alive,
// and what retains them. Only after the RSS window: taking a snapshot costs the server a few
// times its heap in native memory that the allocator keeps (RSS went from 331 to 2,492 MiB
// at the first snapshot of a trial run), so a snapshot at minute 2 would hide any growth after it.
//
// The rate is fixed (open loop: requests are sent on a clock, not as fast as answers come),
// well below what the machine serves, so that memory is measured at a steady state rather
// than at the ceiling of a flat-out run. A request that would exceed the in-flight limit is
// not sent and is counted as skipped: the machine did not sustain the rate.
//
// GCs and snapshots are taken with the load paused and drained, so that requests in flight are
// not counted; the server runs them on SIGUSR2 through bench/app/soak-probe.cjs.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import type { ActiveSet } from "@/lib/ads/active-set";
import { campaignListUrl } from "@/lib/campaigns/campaign-list-url";
import { sleep, waitFor } from "@/scripts/services/common.mjs";
import type { AppServer } from "@/bench/app/start-app";
import { browserHeaders, randomClient, type BenchClient } from "./browser-headers";
import { classTotals, newObjectsByClass, readHeapSnapshot, retainerPath, sortedNodeIds, topGrowth, type HeapGrowth } from "./heap-snapshot";
import type { LoadRequest } from "./run-load";
import { median, percentile } from "./statistics";
import { trackingSound, type TrackingLoad, type TrackingOutcome } from "./tracking-load";

/** The demo advertiser the seed creates (prisma/seed.ts demoAccounts); the bench's campaigns are its organisation's. */
export const SOAK_ACCOUNT = { email: "advertiser@marquee.local", password: "marquee-advertiser" } as const;

/** Shares of the soak's requests per second. */
export const SOAK_MIX = { serve: 0.63, impressions: 0.25, clicks: 0.1, pages: 0.02 } as const;
type Kind = keyof typeof SOAK_MIX;
const KINDS = Object.keys(SOAK_MIX) as Kind[];

/** What counts as a right answer of each kind. */
const OK: Record<Kind, (status: number) => boolean> = {
  serve: (status) => status === 200 || status === 204,
  impressions: (status) => status === 204,
  clicks: (status) => status === 302,
  pages: (status) => status === 200,
};

const SAMPLE_EVERY_MS = 10_000;
const MAX_IN_FLIGHT = 64;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The soak's server runs as Node runs in an instance of 1 GiB (the serverless function size the
 * issue asks about, and a `docker run -m 1g` container): Node sizes V8's heap from the memory
 * it is given, the cgroup's limit where there is one: in a 1 GiB cgroup a heap limit of 524 MiB,
 * 512 of them the old generation's (measured here, Node 20; 1,048 in 2 GiB) — what
 * `--max-old-space-size=512` sets (the young generation keeps this machine's size, so the limit
 * reads 560 MiB). On this 24 GB machine, with no limit, Node takes 4,144 MiB, and V8 then lets
 * garbage grow to 4× the live heap after each rebuild of the active set before it collects
 * (README, Benchmark, the soak): RSS that says how much memory the machine has, not what the
 * server needs. BENCH_SOAK_HEAP_MB overrides it; 0 leaves Node's own choice.
 */
export const SOAK_HEAP_MIB = 512;

/** What the soak's server needs: the probe and its folder (soakProbe()), and the heap limit (SOAK_HEAP_MIB; null: Node's own). */
export function soakServerOptions(probeDir: string, heapMiB: number | null): { nodeArgs: string[]; env: Record<string, string> } {
  const heapLimit = heapMiB ? [`--max-old-space-size=${heapMiB}`] : [];
  return { nodeArgs: ["--expose-gc", ...heapLimit, "--require", path.join(__dirname, "..", "app", "soak-probe.cjs")], env: { SOAK_PROBE_DIR: probeDir } };
}

export interface SoakOptions {
  app: AppServer;
  /** The folder of the server's probe (soakServerOptions). */
  probeDir: string;
  /** Minutes of load between the two heap snapshots, after the soak. */
  growthMinutes: number;
  set: ActiveSet;
  tracking: TrackingLoad;
  db: pg.Pool;
  minutes: number;
  /** Requests per second, all kinds together. */
  rate: number;
  /** When the first snapshot is taken (and the RSS the end is compared with is read), in seconds. */
  baselineSeconds: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

export interface SoakKindResult {
  sent: number;
  ok: number;
  /** Not sent: the in-flight limit was reached (the machine did not keep up with the rate). */
  skipped: number;
  failures: number;
  statuses: Record<number, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface SoakResult {
  minutes: number;
  rate: number;
  /** V8's heap limit in the soak's server (v8.getHeapStatistics().heap_size_limit), MiB: see SOAK_HEAP_MIB. */
  heapLimitMiB: number | null;
  mix: typeof SOAK_MIX;
  /** Seconds since the load started → VmRSS MiB of the serving process. */
  rssSamples: { atSeconds: number; rssMiB: number }[];
  baselineSeconds: number;
  /** The samples at the baseline and at the end. */
  rssBaselineMiB: number;
  rssEndMiB: number;
  /**
   * Medians of the samples of the minute up to the baseline and of the last minute, and their
   * ratio (the goal's): RSS swings by hundreds of MiB between two samples as garbage piles up
   * and is collected, so one sample against another is mostly luck.
   */
  rssMedianBaselineMiB: number;
  rssMedianEndMiB: number;
  rssRatio: number;
  /**
   * process.memoryUsage() of the server right after the full GC at the baseline and at the end,
   * MiB; spacesMiB: what each of V8's heap spaces holds then (code_space is compiled code, which
   * grows as more paths get optimised; old_space and large_object_space are the program's data).
   * codeMiB: V8's code statistics, which cross the spaces: compiled code and bytecode, each with
   * its metadata (relocation and deoptimisation data, feedback…) — what the JIT adds as more
   * functions get hot, bounded by the program's size.
   */
  afterGc: {
    atSeconds: number;
    rssMiB: number;
    heapUsedMiB: number;
    heapTotalMiB: number;
    externalMiB: number;
    spacesMiB?: Record<string, number>;
    codeMiB?: { code: number; bytecode: number };
  }[];
  /** Lowest and highest sample from the baseline on. */
  rssMinMiB: number;
  rssMaxMiB: number;
  /** Live heap after a full GC (process.memoryUsage().heapUsed), MiB. */
  heapBaselineMiB: number;
  heapEndMiB: number;
  heapGrowthMiB: number;
  /** The snapshots after the soak: minutes of load between them, their live heaps (sum of self sizes), MiB. */
  growthMinutes: number;
  snapshotHeapMiB: number[];
  /** Seconds the server spent writing each snapshot (it answers nothing meanwhile). */
  snapshotSeconds: number[];
  /** Constructors whose live bytes grew most between the snapshots. */
  topGrowth: HeapGrowth[];
  /** Objects allocated after the first snapshot and alive at the second, by class, with a retainer path of one of them. */
  newObjects: { className: string; count: number; bytes: number; retainers: string }[];
  kinds: Record<Kind, SoakKindResult>;
  /** Dashboard pages requested, in turn. */
  pages: string[];
  tracking: TrackingOutcome;
  trackingSound: boolean;
  notes: string[];
}

const MIB = 1024 * 1024;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { app, log } = options;
  const origin = new URL(app.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const notes: string[] = [];
  const advertiser = randomClient();
  const cookie = await signIn(app.origin, advertiser);
  const pages = await dashboardPages(app.origin, cookie, advertiser, options.set, log);
  log(`    signed in as ${SOAK_ACCOUNT.email}; dashboard pages in turn: ${pages.join(", ")}`);
  // Warm: the first ad loads the active set (10,000 campaigns) — a minute on a busy machine,
  // during which the clock would only pile up requests.
  const warmStarted = performance.now();
  const placement = options.set.placements[0]!.id;
  await waitFor(async () => (await fetch(`${app.origin}/api/serve?placement=${placement}`, { headers: browserHeaders() })).status === 200, {
    timeout: 5 * 60_000,
    interval: 500,
    description: "the first ad",
  });
  log(`    first ad after ${((performance.now() - warmStarted) / 1000).toFixed(1)} s; the load starts`);

  const stats = Object.fromEntries(KINDS.map((kind) => [kind, { sent: 0, ok: 0, skipped: 0, failures: 0, statuses: {} as Record<number, number>, latencies: [] as number[] }])) as Record<
    Kind,
    Omit<SoakKindResult, "p50Ms" | "p99Ms"> & { latencies: number[] }
  >;
  let inFlight = 0;
  let pageCursor = 0;
  const serveRequest = (): LoadRequest => {
    const placement = options.set.placements[Math.floor(Math.random() * options.set.placements.length)]!;
    return { path: `/api/serve?placement=${placement.id}`, headers: browserHeaders() };
  };
  const pageRequest = (): LoadRequest => ({ path: pages[pageCursor++ % pages.length]!, headers: { ...pageHeaders(advertiser), cookie } });
  const build: Record<Kind, () => LoadRequest | null> = {
    serve: serveRequest,
    impressions: () => options.tracking.impressions.next(),
    // A click needs a counted impression that was not clicked yet.
    clicks: () => (options.tracking.unclickedImpressions > 0 ? options.tracking.clicks.next() : null),
    pages: pageRequest,
  };
  const send = (kind: Kind) => {
    const request = build[kind]();
    if (!request) return;
    const entry = stats[kind];
    if (inFlight >= MAX_IN_FLIGHT) {
      entry.skipped += 1;
      return;
    }
    inFlight += 1;
    entry.sent += 1;
    const began = performance.now();
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
    const req = http.request(
      { agent, host: origin.hostname, port: origin.port, method: request.method ?? "GET", path: request.path, headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          inFlight -= 1;
          const status = res.statusCode ?? 0;
          entry.latencies.push(performance.now() - began);
          entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
          if (OK[kind](status)) entry.ok += 1;
          request.onResponse?.(status, res.headers);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => {
      inFlight -= 1;
      entry.failures += 1;
    });
    req.end(request.body);
  };

  // The clock: every 20 ms, each kind is sent as many requests as its rate owes it by now.
  let paused = false;
  let loadSeconds = 0; // seconds of load so far, pauses excluded
  let lastTick = performance.now();
  const due = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  const ticker = setInterval(() => {
    const now = performance.now();
    const elapsed = (now - lastTick) / 1000;
    lastTick = now;
    if (paused) return;
    loadSeconds += elapsed;
    for (const kind of KINDS) {
      due[kind] += elapsed * options.rate * SOAK_MIX[kind];
      while (due[kind] >= 1) {
        due[kind] -= 1;
        send(kind);
      }
    }
  }, 20);
  const drain = () => waitFor(async () => inFlight === 0, { timeout: 60_000, interval: 50, description: "the soak's requests in flight" });

  const rssSamples: SoakResult["rssSamples"] = [];
  const sampleRss = () => {
    const rssMiB = app.rssMiB();
    if (rssMiB !== undefined) rssSamples.push({ atSeconds: Math.round(loadSeconds), rssMiB });
    return rssMiB;
  };
  const snapshotFiles: string[] = [];
  const snapshotSeconds: number[] = [];
  let probes = 0;
  const pausedFor = async <T>(work: () => Promise<T>): Promise<T> => {
    paused = true;
    try {
      await drain();
      return await work();
    } finally {
      lastTick = performance.now();
      paused = false;
    }
  };
  const snapshot = (label: string) =>
    pausedFor(async () => {
      const started = performance.now();
      const file = await probe(app, options.probeDir, "snapshot", ++probes);
      snapshotSeconds.push((performance.now() - started) / 1000);
      snapshotFiles.push(file);
      log(`    heap snapshot at ${label} written in ${snapshotSeconds.at(-1)!.toFixed(1)} s (${Math.round(statSync(file).size / MIB)} MiB file)`);
    });
  const afterGc: SoakResult["afterGc"] = [];
  // V8's heap limit, from the first reading (it is fixed at the server's start).
  let heapLimitMiB: number | null = null;
  const heapAfterGcMiB = () =>
    pausedFor(async () => {
      const file = await probe(app, options.probeDir, "gc", ++probes);
      const usage = JSON.parse(readFileSync(file, "utf8")) as NodeJS.MemoryUsage & { spaces: Record<string, number>; code: { code: number; bytecode: number }; heapLimit?: number };
      const spacesMiB = Object.fromEntries(Object.entries(usage.spaces).map(([space, bytes]) => [space, bytes / MIB]));
      const codeMiB = { code: usage.code.code / MIB, bytecode: usage.code.bytecode / MIB };
      if (heapLimitMiB === null && usage.heapLimit !== undefined) heapLimitMiB = usage.heapLimit / MIB;
      afterGc.push({ atSeconds: Math.round(loadSeconds), rssMiB: usage.rss / MIB, heapUsedMiB: usage.heapUsed / MIB, heapTotalMiB: usage.heapTotal / MIB, externalMiB: usage.external / MIB, spacesMiB, codeMiB });
      return usage.heapUsed / MIB;
    });

  const totalSeconds = options.minutes * 60;
  let rssBaselineMiB = Number.NaN;
  let heapBaselineMiB = Number.NaN;
  let measured = { rssEndMiB: Number.NaN, heapEndMiB: Number.NaN };
  let nextSample = 0;
  let baselineTaken = false;
  const abort = () => {
    if (options.signal?.aborted) throw new Error("aborted");
  };
  try {
    while (loadSeconds < totalSeconds) {
      abort();
      if (loadSeconds >= nextSample) {
        const rss = sampleRss();
        if (nextSample % 60 === 0 || rss === undefined) log(`    ${Math.round(loadSeconds)} s: RSS ${rss?.toFixed(0) ?? "?"} MiB; ${describeProgress(stats)}`);
        nextSample += SAMPLE_EVERY_MS / 1000;
      }
      if (!baselineTaken && loadSeconds >= options.baselineSeconds) {
        baselineTaken = true;
        rssBaselineMiB = sampleRss() ?? Number.NaN;
        heapBaselineMiB = await heapAfterGcMiB();
        log(`    ${Math.round(loadSeconds)} s: RSS ${rssBaselineMiB.toFixed(0)} MiB, live heap after GC ${heapBaselineMiB.toFixed(1)} MiB`);
      }
      await sleep(200);
    }
    const rssEndMiB = sampleRss() ?? Number.NaN;
    const heapEndMiB = await heapAfterGcMiB();
    log(`    ${Math.round(loadSeconds)} s (the end): RSS ${rssEndMiB.toFixed(0)} MiB, live heap after GC ${heapEndMiB.toFixed(1)} MiB`);

    // What grows, named: two snapshots growthMinutes of the same load apart.
    await snapshot(`${Math.round(loadSeconds)} s`);
    const growthEnd = loadSeconds + options.growthMinutes * 60;
    while (loadSeconds < growthEnd) {
      abort();
      await sleep(200);
    }
    await snapshot(`${Math.round(loadSeconds)} s`);
    clearInterval(ticker);
    await drain().catch(() => notes.push(`${inFlight} request(s) still in flight at the end`));
    agent.destroy();
    measured = { rssEndMiB, heapEndMiB };
  } finally {
    clearInterval(ticker);
  }

  log("    reading the heap snapshots…");
  const before = readHeapSnapshot(snapshotFiles[0]!);
  const totalsBefore = classTotals(before);
  const idsBefore = sortedNodeIds(before);
  const snapshotHeapMiB = [before.totalBytes / MIB];
  const after = readHeapSnapshot(snapshotFiles[1]!);
  snapshotHeapMiB.push(after.totalBytes / MIB);
  const totalsAfter = classTotals(after);
  const growth = topGrowth(totalsBefore, totalsAfter, 15);
  const newObjects = newObjectsByClass(after, idsBefore, 8).map(({ sampleNode, ...entry }) => ({ ...entry, retainers: retainerPath(after, sampleNode) }));
  if (!process.env.BENCH_SOAK_KEEP_SNAPSHOTS) rmSync(options.probeDir, { recursive: true, force: true });
  else notes.push(`heap snapshots kept: ${snapshotFiles.join(", ")}`);
  const { rssEndMiB, heapEndMiB } = measured;
  const windowMedian = (from: number, to: number) => median(rssSamples.filter((sample) => sample.atSeconds > from && sample.atSeconds <= to).map((sample) => sample.rssMiB));
  const rssMedianBaselineMiB = windowMedian(options.baselineSeconds - 60, options.baselineSeconds);
  const endSeconds = options.minutes * 60;
  const rssMedianEndMiB = windowMedian(endSeconds - 60, endSeconds);

  const tracking = await options.tracking.verify(options.db);
  const kinds = Object.fromEntries(
    KINDS.map((kind) => {
      const { latencies, ...rest } = stats[kind];
      const sorted = Float64Array.from(latencies).sort();
      return [kind, { ...rest, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) }];
    }),
  ) as Record<Kind, SoakKindResult>;
  return {
    minutes: options.minutes,
    rate: options.rate,
    heapLimitMiB,
    mix: SOAK_MIX,
    rssSamples,
    baselineSeconds: options.baselineSeconds,
    rssBaselineMiB,
    rssEndMiB,
    rssMedianBaselineMiB,
    rssMedianEndMiB,
    rssRatio: rssMedianEndMiB / rssMedianBaselineMiB,
    afterGc,
    rssMinMiB: Math.min(...rssSamples.filter((sample) => sample.atSeconds >= options.baselineSeconds).map((sample) => sample.rssMiB)),
    rssMaxMiB: Math.max(...rssSamples.filter((sample) => sample.atSeconds >= options.baselineSeconds).map((sample) => sample.rssMiB)),
    heapBaselineMiB,
    heapEndMiB,
    heapGrowthMiB: heapEndMiB - heapBaselineMiB,
    growthMinutes: options.growthMinutes,
    snapshotHeapMiB,
    snapshotSeconds,
    topGrowth: growth,
    newObjects,
    kinds,
    pages,
    tracking,
    trackingSound: trackingSound(tracking),
    notes,
  };
}

function describeProgress(stats: Record<Kind, { sent: number; ok: number; skipped: number; failures: number }>): string {
  return KINDS.map((kind) => `${kind} ${stats[kind].ok}/${stats[kind].sent}${stats[kind].skipped ? ` (${stats[kind].skipped} skipped)` : ""}`).join(", ");
}

/** A browser's navigation headers for the dashboard, from the advertiser's own address. */
function pageHeaders(client: BenchClient): Record<string, string> {
  const { origin: _origin, ...headers } = browserHeaders(client);
  return { ...headers, accept: "text/html" };
}

/**
 * Signs in through the sign-in form as a browser without JavaScript does: the page's form
 * carries the server action's hidden fields, posted back with the e-mail and password; the
 * answer is a redirect that sets the session cookie.
 */
async function signIn(originUrl: string, client: BenchClient): Promise<string> {
  const page = await fetch(`${originUrl}/sign-in`, { headers: pageHeaders(client) });
  const html = await page.text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!page.ok || !form) throw new Error(`The sign-in page has no form (${page.status})`);
  const body = new FormData();
  for (const input of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
    if (name) body.append(decodeEntities(name), decodeEntities(value));
  }
  body.append("email", SOAK_ACCOUNT.email);
  body.append("password", SOAK_ACCOUNT.password);
  const answer = await fetch(`${originUrl}/sign-in`, { method: "POST", body, redirect: "manual", headers: { ...pageHeaders(client), origin: originUrl } });
  const cookies = answer.headers.getSetCookie().map((line) => line.split(";")[0]!);
  const session = cookies.filter((value) => value.includes("session_token"));
  if (!session.length) throw new Error(`Signing in as ${SOAK_ACCOUNT.email} gave no session cookie (${answer.status}): ${(await answer.text()).slice(0, 300)}`);
  return cookies.join("; ");
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * The advertiser's pages the soak cycles through: settings, the campaign list — its first page,
 * its second, a search by name — and campaigns' own pages (twenty of them). Not the overview nor
 * the reports: the demo advertiser owns the bench's 10,000 campaigns, and those pages work on
 * all of them at once — on a loaded two-core machine the reports rendered 23 MB in 18 s, the
 * overview took 5 s (2026-12-03; the reports' breakdowns and pacing show 100 rows since
 * 0116409, but their queries still read every campaign) — so a few of them a minute are more
 * work than the rest of the mix. The list shows 50 a page since 2e700be (before, all 10,000: 166 MB in 77 s).
 */
async function dashboardPages(originUrl: string, cookie: string, client: BenchClient, set: ActiveSet, log: (line: string) => void): Promise<string[]> {
  const campaigns = set.campaigns.slice(0, 20).map((campaign) => `/advertiser/campaigns/${campaign.id}`);
  // The bench names a campaign "Bench <id>": its id less the last digit finds ten of them.
  const pages = ["/settings/organization", campaignListUrl(), "/settings/members", campaignListUrl({ page: 2 }), campaignListUrl({ search: set.campaigns[0]!.id.slice(0, -1) })];
  for (const page of [...pages, campaigns[0]!]) {
    const started = performance.now();
    const answer = await fetch(`${originUrl}${page}`, { headers: { ...pageHeaders(client), cookie }, redirect: "manual" });
    const bytes = (await answer.arrayBuffer()).byteLength;
    if (answer.status !== 200) throw new Error(`${page} answered ${answer.status} ${answer.headers.get("location") ?? ""} to the signed-in advertiser`);
    log(`    ${page}: ${Math.round(performance.now() - started)} ms, ${Math.round(bytes / 1024)} KiB (first render)`);
  }
  return pages.flatMap((page, index) => [page, ...campaigns.slice(index * 4, index * 4 + 4)]);
}

/** Has the server's probe (bench/app/soak-probe.cjs) run `command`; the path of its result once whole. */
async function probe(app: AppServer, dir: string, command: "gc" | "snapshot", id: number): Promise<string> {
  if (app.serverPid === undefined) throw new Error("The server has no process id");
  const result = path.join(dir, `${id}.${command === "snapshot" ? "heapsnapshot" : "json"}`);
  const died = () => {
    const exited = app.exited();
    return exited ? new Error(`The soak's server ${exited} before its ${command}; its last lines:\n${app.output().trimEnd().split("\n").slice(-20).join("\n")}`) : undefined;
  };
  writeFileSync(path.join(dir, "command"), `${command} ${id}`);
  const before = died();
  if (before) throw before;
  process.kill(app.serverPid, "SIGUSR2");
  await waitFor(async () => existsSync(result), { timeout: 10 * 60_000, interval: 200, description: `the server's ${command}`, abort: () => app.exited() ?? false }).catch((error: unknown) => {
    throw died() ?? error;
  });
  return result;
}

export function soakProbeDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "marquee-soak-"));
}

/** The soak's result as lines for the terminal: the rates achieved, RSS, heap, growers and their retainers. */
export function describeSoak(soak: SoakResult): string[] {
  const kib = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${Math.abs(bytes / 1024).toFixed(0)} KiB`;
  const lines = KINDS.map((kind) => {
    const k = soak.kinds[kind];
    const statuses = Object.entries(k.statuses)
      .map(([status, count]) => `${status} × ${count}`)
      .join(", ");
    return `${kind}: ${k.sent} sent (${(k.sent / (soak.minutes * 60)).toFixed(1)}/s), ${k.ok} ok, ${k.skipped} skipped, ${k.failures} unanswered; ${statuses}; p50 ${k.p50Ms.toFixed(1)} ms, p99 ${k.p99Ms.toFixed(1)} ms`;
  });
  lines.push(
    `V8's heap limit: ${soak.heapLimitMiB === null ? "?" : soak.heapLimitMiB.toFixed(0)} MiB`,
    `RSS: median of the minute to ${soak.baselineSeconds} s ${soak.rssMedianBaselineMiB.toFixed(0)} MiB, of the last minute ${soak.rssMedianEndMiB.toFixed(0)} MiB (${soak.rssRatio.toFixed(3)}×); samples at ${soak.baselineSeconds} s ${soak.rssBaselineMiB.toFixed(0)} MiB and at the end ${soak.rssEndMiB.toFixed(0)} MiB; max ${soak.rssMaxMiB.toFixed(0)} MiB`,
    ...soak.afterGc.map((usage) => `right after a full GC at ${usage.atSeconds} s: RSS ${usage.rssMiB.toFixed(0)} MiB, V8 heap used ${usage.heapUsedMiB.toFixed(1)} of ${usage.heapTotalMiB.toFixed(1)} MiB reserved, external ${usage.externalMiB.toFixed(1)} MiB`),
    `RSS every 10 s: ${soak.rssSamples.map((sample) => sample.rssMiB.toFixed(0)).join(" ")}`,
    `live heap after GC: ${soak.heapBaselineMiB.toFixed(1)} MiB at ${soak.baselineSeconds} s, ${soak.heapEndMiB.toFixed(1)} MiB at the end (${soak.heapGrowthMiB >= 0 ? "+" : ""}${soak.heapGrowthMiB.toFixed(2)} MiB)${spaceGrowth(soak.afterGc)}${codeGrowth(soak.afterGc)}`,
    `heap snapshots ${soak.growthMinutes} min of load apart, after the soak: ${soak.snapshotHeapMiB.map((mib) => mib.toFixed(1)).join(" → ")} MiB; written in ${soak.snapshotSeconds.map((seconds) => seconds.toFixed(0)).join(", ")} s`,
    `grew most between them (class: count before → after, bytes):`,
    ...soak.topGrowth.map((row) => `  ${row.className}: ${row.countBefore} → ${row.countAfter}, ${kib(row.bytesAfter - row.bytesBefore)}`),
    `allocated between them and alive at the second, with what keeps one of them:`,
    ...soak.newObjects.map((row) => `  ${row.className}: ${row.count} objects, ${kib(row.bytes)} — ${row.retainers}`),
    `events: impressions acknowledged ${soak.tracking.impressions.acknowledged}, persisted ${soak.tracking.impressions.persisted}; clicks accepted ${soak.tracking.clicks.accepted}, persisted ${soak.tracking.clicks.persisted}${soak.trackingSound ? " (all persisted and VALID)" : " — NOT all persisted and VALID"}`,
    ...soak.notes.map((note) => `note: ${note}`),
  );
  return lines;
}

/** ": by heap space, code_space +1.20 MiB, old_space +0.40 MiB …" — the spaces that changed between the first and last full GC, largest change first. */
export function spaceGrowth(afterGc: SoakResult["afterGc"]): string {
  const first = afterGc[0]?.spacesMiB;
  const last = afterGc.at(-1)?.spacesMiB;
  if (!first || !last || afterGc.length < 2) return "";
  const changes = Object.keys(last)
    .map((space) => [space, last[space]! - (first[space] ?? 0)] as const)
    .filter(([, change]) => Math.abs(change) >= 0.01)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return changes.length ? `; by heap space, ${changes.map(([space, change]) => `${space} ${signedMiB(change)}`).join(", ")}` : "";
}

/**
 * "; of the live heap's change, compiled code and its metadata +0.90 MiB, bytecode and its
 * metadata +0.30 MiB, the rest (data) +0.10 MiB" — between the first and last full GC: how much
 * of the change is the JIT's (bounded by the program) and how much is anything else.
 */
export function codeGrowth(afterGc: SoakResult["afterGc"]): string {
  const first = afterGc[0];
  const last = afterGc.at(-1);
  if (!first?.codeMiB || !last?.codeMiB || afterGc.length < 2) return "";
  const code = last.codeMiB.code - first.codeMiB.code;
  const bytecode = last.codeMiB.bytecode - first.codeMiB.bytecode;
  const rest = last.heapUsedMiB - first.heapUsedMiB - code - bytecode;
  return `; of the live heap's change, compiled code and its metadata ${signedMiB(code)}, bytecode and its metadata ${signedMiB(bytecode)}, the rest (data) ${signedMiB(rest)}`;
}

function signedMiB(change: number): string {
  return `${change >= 0 ? "+" : "−"}${Math.abs(change).toFixed(2)} MiB`;
}
