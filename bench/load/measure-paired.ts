// One route on two servers that differ in one setting (e.g. INVALID_TRAFFIC_FILTER=on and
// =off), same build, same database, same run: in rounds, each round measuring the route on
// both servers for the same time, side by side, the order flipped every round (ABBA) so that
// drift of the machine (other work, the tables growing, GC) hits both alike. The ratio is
// taken per round — the two windows seconds apart — and the median of the rounds reported.
// Both servers are up all along; only the one under load does work.
import type { LoadTarget } from "./measure-against-ping";
import { runLoad, type LoadResult } from "./run-load";
import { median } from "./statistics";

export interface PairedVariant {
  /** e.g. "on", "off". */
  id: string;
  origin: string;
  /** Cumulative CPU seconds per process of this variant's server and the shared services. */
  cpu?: () => Record<string, number>;
}

export interface PairedTarget {
  id: string;
  /** The load of this route against one variant (its own state per variant, e.g. its offers). */
  target: (variant: PairedVariant) => LoadTarget;
}

export interface VariantSummary {
  /** Medians over the rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  statuses: Record<number, number>;
  /** 5xx answers and unanswered requests in every window, warm-up included. */
  serverErrors: number;
  failures: number;
  cpuMsPerRequest: Record<string, number>;
}

export interface PairedSummary {
  id: string;
  /** The variants' ids, in the order of the ratios: first ÷ second. */
  variantIds: [string, string];
  variants: Record<string, VariantSummary>;
  /** Median over the rounds of req/s (first) ÷ req/s (second) of the same round. */
  throughputRatio: number;
  /** Median over the rounds of p99 (first) ÷ p99 (second) of the same round. */
  p99Ratio: number;
  rounds: Record<string, { rps: number; p50Ms: number; p99Ms: number }>[];
}

export interface PairedOptions {
  concurrency: number;
  rounds: number;
  secondsPerWindow: number;
  warmupSeconds: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export async function measurePaired(variants: [PairedVariant, PairedVariant], targets: PairedTarget[], options: PairedOptions): Promise<PairedSummary[]> {
  const cells = targets.flatMap((target) => variants.map((variant) => ({ target, variant, load: target.target(variant), key: `${target.id} ${variant.id}` })));
  const errors = new Map<string, { serverErrors: number; failures: number }>();
  const results = new Map<string, LoadResult[]>(cells.map((cell) => [cell.key, []]));
  const cpuSeconds = new Map<string, Record<string, number>>();

  const run = async (cell: (typeof cells)[number], seconds: number, measured: boolean) => {
    if (options.signal?.aborted) throw new Error("aborted");
    await cell.load.prepare?.(cell.variant.origin, seconds);
    const before = measured ? (cell.variant.cpu?.() ?? {}) : {};
    const result = await runLoad({ origin: cell.variant.origin, concurrency: options.concurrency, durationMs: seconds * 1_000, next: cell.load.next });
    if (measured) {
      const after = cell.variant.cpu?.() ?? {};
      const spent = cpuSeconds.get(cell.key) ?? {};
      for (const [name, value] of Object.entries(after)) spent[name] = (spent[name] ?? 0) + Math.max(0, value - (before[name] ?? 0));
      cpuSeconds.set(cell.key, spent);
      results.get(cell.key)!.push(result);
    }
    const counted = errors.get(cell.key) ?? { serverErrors: 0, failures: 0 };
    counted.serverErrors += result.serverErrors;
    counted.failures += result.failures;
    errors.set(cell.key, counted);
    return result;
  };

  if (options.warmupSeconds > 0) for (const cell of cells) await run(cell, options.warmupSeconds, false);
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? cells : [...cells].reverse();
    const line: string[] = [];
    for (const cell of order) {
      const result = await run(cell, options.secondsPerWindow, true);
      line.push(`${cell.key} ${Math.round(result.rps)}/s p99 ${result.p99Ms.toFixed(1)} ms`);
    }
    options.log?.(`    round ${round + 1}/${options.rounds}: ${line.join(" · ")}`);
  }

  const [first, second] = variants;
  return targets.map((target) => {
    const listOf = (variant: PairedVariant) => results.get(`${target.id} ${variant.id}`)!;
    const summary = (variant: PairedVariant): VariantSummary => {
      const key = `${target.id} ${variant.id}`;
      const list = listOf(variant);
      const requests = list.reduce((sum, result) => sum + result.requests, 0);
      const statuses: Record<number, number> = {};
      for (const result of list) for (const [status, count] of Object.entries(result.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
      return {
        rps: median(list.map((result) => result.rps)),
        p50Ms: median(list.map((result) => result.p50Ms)),
        p99Ms: median(list.map((result) => result.p99Ms)),
        requests,
        statuses,
        serverErrors: errors.get(key)?.serverErrors ?? 0,
        failures: errors.get(key)?.failures ?? 0,
        cpuMsPerRequest: Object.fromEntries(Object.entries(cpuSeconds.get(key) ?? {}).map(([name, seconds]) => [name, requests ? (seconds * 1000) / requests : 0])),
      };
    };
    const a = listOf(first);
    const b = listOf(second);
    return {
      id: target.id,
      variantIds: [first.id, second.id],
      variants: { [first.id]: summary(first), [second.id]: summary(second) },
      throughputRatio: median(a.map((result, i) => result.rps / b[i]!.rps)),
      p99Ratio: median(a.map((result, i) => result.p99Ms / b[i]!.p99Ms)),
      rounds: a.map((result, i) => ({
        [first.id]: { rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms },
        [second.id]: { rps: b[i]!.rps, p50Ms: b[i]!.p50Ms, p99Ms: b[i]!.p99Ms },
      })),
    };
  });
}

/** A pairing measured in two legs, the servers started in the opposite order in each. */
export interface CrossoverSummary extends PairedSummary {
  /** Each leg's throughputRatio (first ÷ second variant), in the order the legs ran. */
  legRatios: [number, number];
  /**
   * How much faster the server started first was than the one started second, whatever its
   * setting: √(leg 1 ÷ leg 2) when leg 1 started the first variant first. 1 = no slot effect.
   */
  slotEffect: number;
}

/**
 * Two legs of the same pairing, the variants' servers started in the opposite order (leg 1:
 * the first variant's server started first; leg 2: the second's). Two servers of one build
 * on one machine need not be equally fast — which process started first, where the scheduler
 * put it — and a difference that belongs to the slot, not the setting, multiplies one leg's
 * ratio and divides the other's: the geometric mean of the legs' ratios cancels it (a
 * crossover design). Same-server numbers (req/s, p99) are the means of the legs' medians.
 */
export function combineCrossover(legs: [PairedSummary, PairedSummary]): CrossoverSummary {
  const [one, two] = legs;
  const mergeVariant = (a: VariantSummary, b: VariantSummary): VariantSummary => {
    const requests = a.requests + b.requests;
    const statuses: Record<number, number> = { ...a.statuses };
    for (const [status, count] of Object.entries(b.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
    const cpuMsPerRequest: Record<string, number> = {};
    for (const name of new Set([...Object.keys(a.cpuMsPerRequest), ...Object.keys(b.cpuMsPerRequest)])) {
      const total = (a.cpuMsPerRequest[name] ?? 0) * a.requests + (b.cpuMsPerRequest[name] ?? 0) * b.requests;
      cpuMsPerRequest[name] = requests ? total / requests : 0;
    }
    return {
      rps: (a.rps + b.rps) / 2,
      p50Ms: (a.p50Ms + b.p50Ms) / 2,
      p99Ms: (a.p99Ms + b.p99Ms) / 2,
      requests,
      statuses,
      serverErrors: a.serverErrors + b.serverErrors,
      failures: a.failures + b.failures,
      cpuMsPerRequest,
    };
  };
  const variants: Record<string, VariantSummary> = {};
  for (const id of one.variantIds) variants[id] = mergeVariant(one.variants[id]!, two.variants[id]!);
  return {
    id: one.id,
    variantIds: one.variantIds,
    variants,
    throughputRatio: Math.sqrt(one.throughputRatio * two.throughputRatio),
    p99Ratio: Math.sqrt(one.p99Ratio * two.p99Ratio),
    rounds: [...one.rounds, ...two.rounds],
    legRatios: [one.throughputRatio, two.throughputRatio],
    slotEffect: Math.sqrt(one.throughputRatio / two.throughputRatio),
  };
}
