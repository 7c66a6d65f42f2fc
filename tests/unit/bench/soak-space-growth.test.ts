import { describe, expect, it } from "vitest";
import { codeGrowth, spaceGrowth, type SoakResult } from "@/bench/load/soak";

const usage = (atSeconds: number, spacesMiB?: Record<string, number>, codeMiB?: { code: number; bytecode: number }, heapUsedMiB = 100): SoakResult["afterGc"][number] => ({
  atSeconds,
  rssMiB: 300,
  heapUsedMiB,
  heapTotalMiB: 150,
  externalMiB: 9,
  spacesMiB,
  codeMiB,
});

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

describe("codeGrowth", () => {
  it("splits the live heap's change into compiled code, bytecode and the rest", () => {
    const text = codeGrowth([usage(120, undefined, { code: 5, bytecode: 10 }, 100), usage(600, undefined, { code: 6.25, bytecode: 10.5 }, 103)]);
    expect(text).toBe("; of the live heap's change, compiled code and its metadata +1.25 MiB, bytecode and its metadata +0.50 MiB, the rest (data) +1.25 MiB");
  });

  it("shows a shrinking rest with its sign", () => {
    expect(codeGrowth([usage(120, undefined, { code: 5, bytecode: 10 }, 100), usage(600, undefined, { code: 7, bytecode: 10 }, 101)])).toContain("the rest (data) −1.00 MiB");
  });

  it("says nothing for readings without code statistics (results of runs before they were read)", () => {
    expect(codeGrowth([usage(120), usage(600)])).toBe("");
    expect(codeGrowth([usage(120, undefined, { code: 1, bytecode: 1 })])).toBe("");
  });
});
