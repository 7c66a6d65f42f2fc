// The decision's own CPU: `serveAd` on an in-memory active set, no I/O — placement lookup,
// eligibility, the weighted lottery, pacing, the offer id and its HMAC, the URLs. The index
// is built once per set (as in the app, where it lives as long as the cached set), so the
// first decision is left out with the warm-up.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { detectDevice } from "@/lib/ads/device";
import { serveAd, type ServeDependencies, type ServeRequest } from "@/lib/ads/serve-ad";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { NOW } from "@/tests/support/active-set-fixtures";
import { BENCH_SITE_DOMAIN, benchDataSet } from "@/bench/data/bench-data-set";
import { DESKTOP_CHROME_USER_AGENT, randomClientIp, randomCountry } from "@/bench/load/browser-headers";
import { median } from "@/bench/load/statistics";

export interface DecisionCpuOptions {
  campaigns: number;
  placements: number;
  frequencyCaps?: boolean;
  rounds: number;
  decisionsPerRound: number;
  secret: string;
  /** Checked between rounds: Ctrl-C stops the benchmark there. */
  signal?: AbortSignal;
}

export interface DecisionCpuResult {
  campaigns: number;
  placements: number;
  frequencyCaps: boolean;
  /** Median over the rounds of the mean time of one decision. */
  microsecondsPerDecision: number;
  roundsMicroseconds: number[];
  /** Share of decisions that returned an ad (the rest: no fill). */
  fillRate: number;
}

const REQUEST_VARIANTS = 4_096;

export async function measureDecisionCpu(options: DecisionCpuOptions): Promise<DecisionCpuResult> {
  const set = benchDataSet({ campaigns: options.campaigns, placements: options.placements, frequencyCaps: options.frequencyCaps, now: NOW });
  const deps: ServeDependencies = {
    activeSet: async () => set,
    // Only read when a capped campaign is drawn: the in-process store, so no I/O either way.
    store: new KeyValueStore(new MemoryStore()),
    secret: options.secret,
  };
  const requests: ServeRequest[] = Array.from({ length: REQUEST_VARIANTS }, (_, i) => ({
    placementId: set.placements[i % set.placements.length]!.id,
    keywords: [],
    country: randomCountry(),
    device: detectDevice(DESKTOP_CHROME_USER_AGENT),
    address: randomClientIp(),
    pageHost: `www.${BENCH_SITE_DOMAIN}`,
    slot: 0,
    userAgent: DESKTOP_CHROME_USER_AGENT,
    origin: "https://ads.example.com",
    now: NOW + (i % 3_600) * 1_000,
  }));

  let filled = 0;
  let decided = 0;
  const decide = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const result = await serveAd(deps, requests[i % REQUEST_VARIANTS]!);
      decided += 1;
      if (result.kind === "ad") filled += 1;
    }
  };

  await decide(Math.min(options.decisionsPerRound, 5_000)); // index build + JIT warm-up
  filled = 0;
  decided = 0;
  const roundsMicroseconds: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    if (options.signal?.aborted) throw new Error("aborted");
    await yieldToEventLoop();
    const started = process.hrtime.bigint();
    await decide(options.decisionsPerRound);
    roundsMicroseconds.push(Number(process.hrtime.bigint() - started) / 1e3 / options.decisionsPerRound);
  }
  return {
    campaigns: options.campaigns,
    placements: options.placements,
    frequencyCaps: options.frequencyCaps ?? false,
    microsecondsPerDecision: median(roundsMicroseconds),
    roundsMicroseconds,
    fillRate: decided ? filled / decided : 0,
  };
}
