// Side by side on one server: the empty route `/api/ping` and the routes under test, in
// rounds, each round measuring every route for the same time, the order flipped every round
// (ABBA) so that a drift of the machine's speed (other work, thermal, GC) favours nobody.
// Ratios are taken per round — route and baseline measured seconds apart — and the median
// of the rounds is reported: a shared two-core machine drifts by tens of percent between
// runs, much less between two neighbouring windows.
import { browserHeaders } from "./browser-headers";
import { runLoad, type LoadRequest, type LoadResult } from "./run-load";
import { median } from "./statistics";

export interface LoadTarget {
  id: string;
  next: () => LoadRequest;
  /** Runs before each window of this target, untimed (e.g. to have impressions to click). */
  prepare?: (origin: string, windowSeconds: number) => Promise<void>;
}

export interface RoundMeasurement {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  pingRps: number;
  pingP50Ms: number;
  pingP99Ms: number;
}

export interface TargetSummary {
  id: string;
  /** Medians over the rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  pingRps: number;
  pingP50Ms: number;
  pingP99Ms: number;
  /** Median over the rounds of route req/s ÷ empty-route req/s of the same round. */
  throughputRatio: number;
  /** Median over the rounds of route p99 ÷ empty-route p99 of the same round. */
  p99Ratio: number;
  /** Requests and statuses of the measured rounds. */
  requests: number;
  statuses: Record<number, number>;
  /** 5xx answers and unanswered requests in every window, warm-up included. */
  serverErrors: number;
  failures: number;
  /** CPU milliseconds per request of each process (see MeasureOptions.cpu), and the same for the empty route. */
  cpuMsPerRequest: Record<string, number>;
  pingCpuMsPerRequest: Record<string, number>;
  rounds: RoundMeasurement[];
}

export interface MeasureOptions {
  concurrency: number;
  rounds: number;
  secondsPerWindow: number;
  warmupSeconds: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Cumulative CPU seconds per process, sampled around every measured window. */
  cpu?: () => Record<string, number>;
}

export const PING: LoadTarget = { id: "ping", next: () => ({ path: "/api/ping", headers: browserHeaders() }) };

export async function measureAgainstPing(origin: string, targets: LoadTarget[], options: MeasureOptions): Promise<TargetSummary[]> {
  // 5xx and unanswered requests are counted in every window, warm-up included.
  const errors = new Map<string, { serverErrors: number; failures: number }>();
  const run = async (target: LoadTarget, seconds: number, { prepared = false } = {}) => {
    if (options.signal?.aborted) throw new Error("aborted");
    if (!prepared) await target.prepare?.(origin, seconds);
    const result = await runLoad({ origin, concurrency: options.concurrency, durationMs: seconds * 1_000, next: target.next });
    const counted = errors.get(target.id) ?? { serverErrors: 0, failures: 0 };
    counted.serverErrors += result.serverErrors;
    counted.failures += result.failures;
    errors.set(target.id, counted);
    return result;
  };
  if (options.warmupSeconds > 0) {
    await run(PING, options.warmupSeconds / 2);
    for (const target of targets) await run(target, options.warmupSeconds);
  }

  const results = new Map<string, LoadResult[]>([[PING.id, []], ...targets.map((target) => [target.id, []] as [string, LoadResult[]])]);
  const cpuSeconds = new Map<string, Record<string, number>>();
  for (let round = 0; round < options.rounds; round += 1) {
    const order = [PING, ...targets];
    if (round % 2 === 1) order.reverse();
    const line: string[] = [];
    for (const target of order) {
      await target.prepare?.(origin, options.secondsPerWindow);
      const before = options.cpu?.() ?? {};
      const result = await run(target, options.secondsPerWindow, { prepared: true });
      const after = options.cpu?.() ?? {};
      const spent = cpuSeconds.get(target.id) ?? {};
      // Exited descendants stay in their parent's total (process-cpu.ts); never below 0 all the same.
      for (const [name, seconds] of Object.entries(after)) spent[name] = (spent[name] ?? 0) + Math.max(0, seconds - (before[name] ?? 0));
      cpuSeconds.set(target.id, spent);
      results.get(target.id)!.push(result);
      line.push(`${target.id} ${Math.round(result.rps)}/s p99 ${result.p99Ms.toFixed(1)} ms`);
    }
    options.log?.(`    round ${round + 1}/${options.rounds}: ${line.join(" · ")}`);
  }

  const pings = results.get(PING.id)!;
  const perRequest = (id: string, requests: number) =>
    Object.fromEntries(Object.entries(cpuSeconds.get(id) ?? {}).map(([name, seconds]) => [name, requests ? (seconds * 1000) / requests : 0]));
  const pingRequests = pings.reduce((sum, result) => sum + result.requests, 0);
  return targets.map((target) => {
    const list = results.get(target.id)!;
    const rounds: RoundMeasurement[] = list.map((result, i) => ({
      rps: result.rps,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      pingRps: pings[i]!.rps,
      pingP50Ms: pings[i]!.p50Ms,
      pingP99Ms: pings[i]!.p99Ms,
    }));
    const statuses: Record<number, number> = {};
    for (const result of list) for (const [status, count] of Object.entries(result.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
    return {
      id: target.id,
      rps: median(rounds.map((r) => r.rps)),
      p50Ms: median(rounds.map((r) => r.p50Ms)),
      p99Ms: median(rounds.map((r) => r.p99Ms)),
      pingRps: median(rounds.map((r) => r.pingRps)),
      pingP50Ms: median(rounds.map((r) => r.pingP50Ms)),
      pingP99Ms: median(rounds.map((r) => r.pingP99Ms)),
      throughputRatio: median(rounds.map((r) => r.rps / r.pingRps)),
      p99Ratio: median(rounds.map((r) => r.p99Ms / r.pingP99Ms)),
      requests: list.reduce((sum, result) => sum + result.requests, 0),
      cpuMsPerRequest: perRequest(target.id, list.reduce((sum, result) => sum + result.requests, 0)),
      pingCpuMsPerRequest: perRequest(PING.id, pingRequests),
      statuses,
      serverErrors: errors.get(target.id)?.serverErrors ?? 0,
      failures: errors.get(target.id)?.failures ?? 0,
      rounds,
    };
  });
}
