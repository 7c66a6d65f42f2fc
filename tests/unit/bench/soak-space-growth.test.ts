import { describe, expect, it } from "vitest";
import { spaceGrowth, type SoakResult } from "@/bench/load/soak";

const usage = (atSeconds: number, spacesMiB?: Record<string, number>): SoakResult["afterGc"][number] => ({ atSeconds, rssMiB: 300, heapUsedMiB: 100, heapTotalMiB: 150, externalMiB: 9, spacesMiB });

describe("spaceGrowth", () => {
  it("names the heap spaces that changed between the first and the last full GC, largest change first", () => {
    const text = spaceGrowth([usage(120, { code_space: 4, old_space: 90, new_space: 1, map_space: 2 }), usage(600, { code_space: 6.5, old_space: 89.5, new_space: 1.001, map_space: 2 })]);
    expect(text).toBe("; by heap space, code_space +2.50 MiB, old_space −0.50 MiB");
  });

  it("says nothing without two readings that carry the spaces (results of runs before they were read)", () => {
    expect(spaceGrowth([usage(120, { code_space: 1 })])).toBe("");
    expect(spaceGrowth([usage(120), usage(600)])).toBe("");
    expect(spaceGrowth([usage(120, { code_space: 1 }), usage(600, { code_space: 1 })])).toBe("");
  });
});
