// A cold start as a serverless platform pays it on every scale-out: a new server process, and
// the time from its spawn to its first answer on one route. The empty route's cold start
// (/api/ping) is measured the same way in the same rounds, alternating which goes first, so
// that the ratio says what Marquee's own start-up (configuration, database client, store, the
// active set) adds to Next.js's.
import { spawnApp } from "@/bench/app/start-app";
import { sleep } from "@/scripts/services/common.mjs";
import { median } from "./statistics";

export interface ColdStartTarget {
  id: string;
  /** The request the new instance must answer (a new one per try). */
  next: () => { path: string; headers?: Record<string, string> };
  /** The answer that counts (a served ad, not a 204 no-fill or a 503). */
  ok: (status: number) => boolean;
}

export interface ColdStartSummary {
  id: string;
  /** Spawn → first answer that `ok` accepts, one per round, in milliseconds. */
  samplesMs: number[];
  medianMs: number;
  /** Requests refused or not yet accepted before it (connection refused, or a not-ok answer). */
  attemptsMedian: number;
  /** VmRSS of the new process right after its first answer. */
  rssMiBMedian: number | null;
}

export interface ColdStartResult {
  rounds: number;
  targets: ColdStartSummary[];
  /** Median over rounds of (route's cold start ÷ the empty route's, same round). */
  ratioToPing: number;
}

/** Connection refused comes back at once; 5 ms between tries keeps the clock's grain small. */
const POLL_INTERVAL_MS = 5;
/** A loaded two-core machine takes seconds to start Next.js: far beyond that is a failure. */
const DEADLINE_MS = 60_000;

export async function measureColdStart(options: {
  root: string;
  env: Record<string, string>;
  /** The first is the baseline (the empty route). */
  targets: [ColdStartTarget, ...ColdStartTarget[]];
  rounds: number;
  signal: AbortSignal;
  log: (line: string) => void;
}): Promise<ColdStartResult> {
  const samples = new Map(options.targets.map((target) => [target.id, { ms: [] as number[], attempts: [] as number[], rss: [] as number[] }]));
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? options.targets : [...options.targets].reverse();
    const thisRound = new Map<string, number>();
    for (const target of order) {
      if (options.signal.aborted) throw new Error("aborted");
      const { ms, attempts, rssMiB } = await coldStartOnce(options.root, options.env, target, options.signal);
      const entry = samples.get(target.id)!;
      entry.ms.push(ms);
      entry.attempts.push(attempts);
      if (rssMiB !== undefined) entry.rss.push(rssMiB);
      thisRound.set(target.id, ms);
    }
    const baseline = thisRound.get(options.targets[0].id)!;
    const line = options.targets.map((target) => `${target.id} ${Math.round(thisRound.get(target.id)!)} ms`).join(", ");
    options.log(`    round ${round + 1}: ${line}`);
    for (const target of options.targets.slice(1)) ratios.push(thisRound.get(target.id)! / baseline);
  }
  return {
    rounds: options.rounds,
    targets: options.targets.map((target) => {
      const entry = samples.get(target.id)!;
      return {
        id: target.id,
        samplesMs: entry.ms,
        medianMs: median(entry.ms),
        attemptsMedian: median(entry.attempts),
        rssMiBMedian: entry.rss.length ? median(entry.rss) : null,
      };
    }),
    ratioToPing: median(ratios),
  };
}

async function coldStartOnce(root: string, env: Record<string, string>, target: ColdStartTarget, signal: AbortSignal): Promise<{ ms: number; attempts: number; rssMiB: number | undefined }> {
  const app = await spawnApp(root, env);
  try {
    let attempts = 0;
    for (;;) {
      if (signal.aborted) throw new Error("aborted");
      const exited = app.exited();
      if (exited) throw new Error(`The server ${exited} before answering ${target.id}:\n${app.output().trimEnd().split("\n").slice(-20).join("\n")}`);
      if (performance.now() - app.startedAt > DEADLINE_MS) throw new Error(`No answer to ${target.id} within ${DEADLINE_MS / 1000} s of the spawn`);
      attempts++;
      const request = target.next();
      const status = await fetch(`${app.origin}${request.path}`, { headers: request.headers, redirect: "manual" }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (target.ok(status)) return { ms: performance.now() - app.startedAt, attempts, rssMiB: app.rssMiB() };
      await sleep(POLL_INTERVAL_MS);
    }
  } finally {
    await app.stop();
  }
}
