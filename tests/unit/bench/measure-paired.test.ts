import { describe, expect, it } from "vitest";
import { combineCrossover, type PairedSummary, type VariantSummary } from "@/bench/load/measure-paired";

const variant = (rps: number, requests = 1000): VariantSummary => ({
  rps,
  p50Ms: 10,
  p99Ms: 50,
  requests,
  statuses: { 200: requests },
  serverErrors: 0,
  failures: 0,
  cpuMsPerRequest: { server: 1 },
});

const leg = (on: number, off: number): PairedSummary => ({
  id: "serve",
  variantIds: ["on", "off"],
  variants: { on: variant(on), off: variant(off) },
  throughputRatio: on / off,
  p99Ratio: 1,
  rounds: [{ on: { rps: on, p50Ms: 10, p99Ms: 50 }, off: { rps: off, p50Ms: 10, p99Ms: 50 } }],
});

describe("combineCrossover", () => {
  it("cancels a speed that belongs to the server started first, not to the setting", () => {
    // The setting costs 4 % (0.96); the server started first is 20 % faster whatever its setting.
    const onFirst = leg(0.96 * 1.2 * 500, 500);
    const offFirst = leg(0.96 * 500, 1.2 * 500);
    const combined = combineCrossover([onFirst, offFirst]);
    expect(combined.throughputRatio).toBeCloseTo(0.96, 6);
    expect(combined.slotEffect).toBeCloseTo(1.2, 6);
    expect(combined.legRatios[0]).toBeCloseTo(1.152, 6);
  });

  it("adds the legs' requests and answers, and keeps every round", () => {
    const combined = combineCrossover([leg(400, 500), leg(450, 500)]);
    expect(combined.variants.on!.requests).toBe(2000);
    expect(combined.variants.on!.statuses[200]).toBe(2000);
    expect(combined.variants.on!.rps).toBe(425);
    expect(combined.rounds).toHaveLength(2);
  });
});
