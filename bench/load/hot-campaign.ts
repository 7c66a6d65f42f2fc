// Issue 16's hot campaign: impression beacons for offers of ONE campaign against beacons spread
// over 1,000 campaigns, on N instances of the app (2, then 4) sharing one Postgres and one
// Upstash bridge. Every beacon of one campaign charges the same campaign row and moves few
// rollup rows, which serialises on their row locks unless the writes are batched (group
// commit, lib/tracking/write-impressions.ts); spread beacons do not contend. Same run, same
// servers, alternating rounds (ABBA): the ratio hot ÷ spread per round, the median reported.
//
// Each window loads all N instances at once, the concurrency split between them. Afterwards
// every acknowledged beacon must be in the database exactly once (the key makes "at most"
// certain; the count makes "at least"), and each campaign's spend must equal the sum of its
// events' charges. Postgres statements per event come from pg_stat_statements (when the
// bench's Postgres loads it), and with them how many beacons each group-commit statement carried.
import type pg from "pg";
import type { ActiveSet } from "@/lib/ads/active-set";
import type { AppServer } from "@/bench/app/start-app";
import type { LoadTarget } from "./measure-against-ping";
import { runLoad, type LoadResult } from "./run-load";
import { median } from "./statistics";
import { TrackingLoad, type TrackingOutcome } from "./tracking-load";

export const SPREAD_CAMPAIGNS = 1_000;

export interface HotCampaignVariant {
  /** Median over the rounds of the instances' summed req/s. */
  rps: number;
  /** Median over the rounds of the slowest instance's p99. */
  p99Ms: number;
  requests: number;
  serverErrors: number;
  failures: number;
  statuses: Record<number, number>;
  /** Beacons answered counted, measured windows only. */
  counted: number;
  /** App statements in Postgres (pg_stat_statements) per counted beacon; null without pg_stat_statements. */
  statementsPerEvent: number | null;
  /** Counted beacons per call of marquee_record_impressions (the mean batch size); null without pg_stat_statements. */
  eventsPerBatch: number | null;
}

export interface HotCampaignLeg {
  instances: number;
  concurrencyPerInstance: number;
  hot: HotCampaignVariant;
  spread: HotCampaignVariant;
  /** Median over the rounds of req/s (hot) ÷ req/s (spread) of the same round. */
  throughputRatio: number;
  rounds: { hot: number; spread: number }[];
  tracking: { hot: TrackingOutcome; spread: TrackingOutcome };
  /** Campaigns whose spent ledger differs from the sum of their events' charges, or passes the budget (none expected). */
  ledgerMismatches: string[];
}

export interface HotCampaignResult {
  hotCampaignId: string;
  spreadCampaigns: number;
  legs: HotCampaignLeg[];
  /** Every acknowledged beacon persisted, no 5xx, every ledger equal to its events' sum. */
  sound: boolean;
  notes: string[];
}

export interface HotCampaignOptions {
  set: ActiveSet;
  secret: string;
  /** The bench database, as its owner (the verification's queries run outside the measured windows). */
  db: pg.Pool;
  /** Starts one app instance (the caller registers it for clean-up). */
  startApp: () => Promise<AppServer>;
  instanceCounts: number[];
  /** Connections in all, split between the instances. */
  concurrency: number;
  rounds: number;
  secondsPerWindow: number;
  warmupSeconds: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

type StatementCounts = { all: number; batches: number };

export async function measureHotCampaign(options: HotCampaignOptions): Promise<HotCampaignResult> {
  const cpm = options.set.campaigns.filter((campaign) => campaign.pricingModel === "CPM" && campaign.frequencyCap === null);
  // The hot campaign pays for every beacon and has no daily budget to run out of.
  const hot = cpm.find((campaign) => campaign.dailyBudgetMicros === null);
  const spread = cpm.filter((campaign) => campaign !== hot).slice(0, SPREAD_CAMPAIGNS);
  if (!hot || spread.length < SPREAD_CAMPAIGNS) throw new Error(`The bench data has no hot campaign or fewer than ${SPREAD_CAMPAIGNS} other CPM campaigns`);
  const notes: string[] = [];
  const statementsAvailable = (await statementCounts(options.db)) !== null;
  if (!statementsAvailable) notes.push("pg_stat_statements is not loaded in the bench's Postgres: no statements per event");

  const legs: HotCampaignLeg[] = [];
  for (const instances of options.instanceCounts) {
    if (options.signal?.aborted) throw new Error("aborted");
    const perInstance = Math.max(1, Math.round(options.concurrency / instances));
    options.log(`    ${instances} instances, ${perInstance} connections each: one campaign vs ${SPREAD_CAMPAIGNS.toLocaleString("en")}`);
    const apps: AppServer[] = [];
    try {
      for (let index = 0; index < instances; index += 1) apps.push(await options.startApp());
      const loads = {
        hot: new TrackingLoad({ ...options.set, campaigns: [hot] }, options.secret, options.concurrency),
        spread: new TrackingLoad({ ...options.set, campaigns: spread }, options.secret, options.concurrency),
      };
      const windows = { hot: [] as Window[], spread: [] as Window[] };
      const run = async (variant: "hot" | "spread", seconds: number, measured: boolean) => {
        const window = await loadWindow(apps, perInstance, seconds * 1_000, loads[variant].impressions, options.db, statementsAvailable);
        if (measured) windows[variant].push(window);
        return window;
      };
      for (const variant of ["hot", "spread"] as const) await run(variant, options.warmupSeconds, false);
      for (let round = 0; round < options.rounds; round += 1) {
        const order = round % 2 === 0 ? (["hot", "spread"] as const) : (["spread", "hot"] as const);
        const line: string[] = [];
        for (const variant of order) {
          const window = await run(variant, options.secondsPerWindow, true);
          line.push(`${variant} ${Math.round(window.rps)}/s p99 ${window.p99Ms.toFixed(1)} ms`);
        }
        options.log(`      round ${round + 1}/${options.rounds}: ${line.join(" · ")}`);
      }
      const tracking = { hot: await loads.hot.verify(options.db, { drainTimeoutMs: 5_000 }), spread: await loads.spread.verify(options.db, { drainTimeoutMs: 5_000 }) };
      const ledgerMismatches = await ledgerCheck(options.db, [hot.id, ...spread.map((campaign) => campaign.id)]);
      for (const [index, app] of apps.entries()) {
        const errors = app.output().split("\n").filter((line) => /error/i.test(line));
        if (errors.length) notes.push(`${errors.length} error line(s) in the log of instance ${index + 1} of ${instances}, first: ${errors[0]!.trim().slice(0, 200)}`);
      }
      const leg: HotCampaignLeg = {
        instances,
        concurrencyPerInstance: perInstance,
        hot: summarise(windows.hot),
        spread: summarise(windows.spread),
        throughputRatio: median(windows.hot.map((window, index) => window.rps / windows.spread[index]!.rps)),
        rounds: windows.hot.map((window, index) => ({ hot: window.rps, spread: windows.spread[index]!.rps })),
        tracking,
        ledgerMismatches,
      };
      legs.push(leg);
      options.log(describeLeg(leg));
    } finally {
      for (const app of apps) await app.stop();
    }
  }
  const sound = legs.every(
    (leg) =>
      leg.ledgerMismatches.length === 0 &&
      [leg.hot, leg.spread].every((variant) => variant.serverErrors === 0 && variant.failures === 0) &&
      [leg.tracking.hot, leg.tracking.spread].every(({ impressions }) => impressions.acknowledged === impressions.persisted && impressions.acknowledged > 0),
  );
  return { hotCampaignId: hot.id, spreadCampaigns: spread.length, legs, sound, notes };
}

/** "2 instances: hot 812/s, spread 845/s — 0.96×; 0.42 statements per beacon (2.4 per batch) vs 0.51 …". */
export function describeLeg(leg: HotCampaignLeg): string {
  const per = (variant: HotCampaignVariant) =>
    variant.statementsPerEvent === null ? "" : `, ${variant.statementsPerEvent.toFixed(2)} statements per beacon (${variant.eventsPerBatch?.toFixed(1) ?? "?"} beacons per batch)`;
  const persisted = (outcome: TrackingOutcome) => `${outcome.impressions.persisted}/${outcome.impressions.acknowledged} persisted`;
  return (
    `    ${leg.instances} instances: hot ${Math.round(leg.hot.rps)}/s${per(leg.hot)}; spread ${Math.round(leg.spread.rps)}/s${per(leg.spread)} — ` +
    `${leg.throughputRatio.toFixed(2)}×; ${persisted(leg.tracking.hot)} (hot), ${persisted(leg.tracking.spread)} (spread); ` +
    `${leg.ledgerMismatches.length ? `LEDGERS WRONG: ${leg.ledgerMismatches.slice(0, 3).join("; ")}` : "every ledger = its events' charges"}`
  );
}

interface Window extends LoadResult {
  counted: number;
  statements: StatementCounts | null;
}

/** One window of beacons on every instance at once; the counted answers and the statements it cost. */
async function loadWindow(apps: AppServer[], perInstance: number, durationMs: number, target: LoadTarget, db: pg.Pool, countStatements: boolean): Promise<Window> {
  let counted = 0;
  const next = () => {
    const request = target.next();
    return {
      ...request,
      onResponse: (status: number, headers: Parameters<NonNullable<typeof request.onResponse>>[1]) => {
        request.onResponse?.(status, headers);
        if (status === 204 && headers["marquee-event"] === "counted") counted += 1;
      },
    };
  };
  const before = countStatements ? await statementCounts(db) : null;
  const results = await Promise.all(apps.map((app) => runLoad({ origin: app.origin, concurrency: perInstance, durationMs, next })));
  const after = countStatements ? await statementCounts(db) : null;
  const statuses: Record<number, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
  const sum = (pick: (result: LoadResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    requests: sum((result) => result.requests),
    seconds: Math.max(...results.map((result) => result.seconds)),
    rps: sum((result) => result.rps),
    p50Ms: median(results.map((result) => result.p50Ms)),
    p99Ms: Math.max(...results.map((result) => result.p99Ms)),
    meanMs: sum((result) => result.meanMs * result.requests) / Math.max(1, sum((result) => result.requests)),
    maxMs: Math.max(...results.map((result) => result.maxMs)),
    statuses,
    serverErrors: sum((result) => result.serverErrors),
    failures: sum((result) => result.failures),
    counted,
    statements: before && after ? { all: after.all - before.all, batches: after.batches - before.batches } : null,
  };
}

function summarise(windows: Window[]): HotCampaignVariant {
  const statuses: Record<number, number> = {};
  for (const window of windows) for (const [status, count] of Object.entries(window.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
  const counted = windows.reduce((sum, window) => sum + window.counted, 0);
  const measured = windows.every((window) => window.statements !== null);
  const statements = windows.reduce((sum, window) => sum + (window.statements?.all ?? 0), 0);
  const batches = windows.reduce((sum, window) => sum + (window.statements?.batches ?? 0), 0);
  return {
    rps: median(windows.map((window) => window.rps)),
    p99Ms: median(windows.map((window) => window.p99Ms)),
    requests: windows.reduce((sum, window) => sum + window.requests, 0),
    serverErrors: windows.reduce((sum, window) => sum + window.serverErrors, 0),
    failures: windows.reduce((sum, window) => sum + window.failures, 0),
    statuses,
    counted,
    statementsPerEvent: measured && counted > 0 ? statements / counted : null,
    eventsPerBatch: measured && batches > 0 ? counted / batches : null,
  };
}

/**
 * The app's statements so far in this database (pg_stat_statements, top level; this query and
 * the verification's own left out), and of them the group-commit calls. null without the extension.
 */
async function statementCounts(db: pg.Pool): Promise<StatementCounts | null> {
  try {
    const { rows } = await db.query<{ all: string | null; batches: string | null }>(
      `SELECT sum(calls) AS "all", sum(calls) FILTER (WHERE query LIKE '%marquee_record_impressions(%') AS batches
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'`,
    );
    return { all: Number(rows[0]?.all ?? 0), batches: Number(rows[0]?.batches ?? 0) };
  } catch {
    return null;
  }
}

/** Campaigns whose spend is not the sum of their events' charges, or passes a budget. */
async function ledgerCheck(db: pg.Pool, campaignIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string; spent: string; charged: string; total: string }>(
    `SELECT c."id", c."spentMicros" AS spent, c."totalBudgetMicros" AS total,
            coalesce((SELECT sum(i."costMicros") FROM "impression" i WHERE i."campaignId" = c."id"), 0)
          + coalesce((SELECT sum(k."costMicros") FROM "click" k WHERE k."campaignId" = c."id"), 0) AS charged
       FROM "campaign" c WHERE c."id" = ANY($1::text[])`,
    [campaignIds],
  );
  return rows
    .filter((row) => BigInt(row.spent) !== BigInt(row.charged) || BigInt(row.spent) > BigInt(row.total))
    .map((row) => `${row.id}: spent ${row.spent}, events charged ${row.charged}, budget ${row.total}`);
}
