import { describe, expect, it } from "vitest";
import { formatDollars, formatMicros, parseDecimalToMicros } from "@/lib/placements/floor-price";

describe("parseDecimalToMicros", () => {
  it.each([
    ["0", 0n],
    ["1", 1_000_000n],
    ["1.5", 1_500_000n],
    ["1.50", 1_500_000n],
    ["0.29", 290_000n],
    ["0.1", 100_000n],
    [".5", 500_000n],
    ["2.", 2_000_000n],
    ["0.000001", 1n],
    ["1000", 1_000_000_000n],
    ["  3.25  ", 3_250_000n],
    ["12345678901234.123456", 12_345_678_901_234_123_456n],
  ] as const)("%j → %s micro-units, exactly", (text, micros) => {
    expect(parseDecimalToMicros(text)).toEqual({ ok: true, micros });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["-1", "negative"],
    ["-0.5", "negative"],
    ["1.2345678", "precision"],
    ["abc", "format"],
    [".", "format"],
    ["1,50", "format"],
    ["$1.50", "format"],
    ["1e3", "format"],
    ["1.2.3", "format"],
    ["+1", "format"],
    ["Infinity", "format"],
    ["0x10", "format"],
  ] as const)("%j is refused (%s)", (text, reason) => {
    expect(parseDecimalToMicros(text)).toEqual({ ok: false, reason });
  });

  it("never goes through floating point: 0.1 + 0.2 style values stay exact", () => {
    const result = parseDecimalToMicros("0.300001");
    expect(result).toEqual({ ok: true, micros: 300_001n });
  });
});

describe("formatMicros", () => {
  it.each([
    [0n, "0.00"],
    [1_500_000n, "1.50"],
    [290_000n, "0.29"],
    [1n, "0.000001"],
    [1_234_500n, "1.2345"],
    [1_000_000_000n, "1000.00"],
    [-2_500_000n, "-2.50"],
  ] as const)("%s → %s", (micros, text) => {
    expect(formatMicros(micros)).toBe(text);
  });

  it("round-trips with parseDecimalToMicros", () => {
    for (const micros of [0n, 1n, 999_999n, 1_000_000n, 4_250_000n, 123_456_789n]) {
      expect(parseDecimalToMicros(formatMicros(micros))).toEqual({ ok: true, micros });
    }
  });
});

describe("formatDollars", () => {
  it.each([
    [0n, "$0.00"],
    [4_000n, "$0.00"],
    [5_000n, "$0.01"],
    [1_234_560_000n, "$1,234.56"],
    [1_000_000_000_000n, "$1,000,000.00"],
    [-1_500_000n, "-$1.50"],
  ] as const)("%s micro-units → %s", (micros, text) => {
    expect(formatDollars(micros)).toBe(text);
  });
});
