import { describe, expect, it } from "vitest";
import { checkMoney, formatMoney, formatPrice, microsToDecimal, parseMicros, percentOf, roundToCents } from "@/lib/format/money";

describe("parseMicros: decimal text → BigInt micro-units, exactly", () => {
  it.each([
    ["12.5", 12_500_000n],
    ["12.50", 12_500_000n],
    ["0.000001", 1n],
    ["0", 0n],
    ["4", 4_000_000n],
    [" 7.25 ", 7_250_000n],
    [".5", 500_000n],
    ["007.000100", 7_000_100n],
    ["999999999.999999", 999_999_999_999_999n],
    ["1000000000", 1_000_000_000_000_000n],
    // Would be 0.30000000000000004 in floats: exact here.
    ["0.3", 300_000n],
  ])("%j → %s", (text, micros) => {
    expect(parseMicros(text)).toBe(micros);
  });

  it.each([
    ["1e3", "format"],
    ["-1", "negative"],
    ["-0.5", "negative"],
    ["abc", "format"],
    ["1.0000001", "precision"],
    ["", "empty"],
    ["   ", "empty"],
    ["1,000", "format"],
    ["12,50", "format"],
    ["$5", "format"],
    ["+1", "format"],
    ["1.", "format"],
    [".", "format"],
    ["1.2.3", "format"],
    ["Infinity", "format"],
    ["NaN", "format"],
    ["0x10", "format"],
    ["1000000000.000001", "too_large"],
  ])("refuses %j (%s)", (text, problem) => {
    expect(parseMicros(text)).toBeNull();
    expect(checkMoney(text)).toEqual({ ok: false, problem });
  });
});

describe("microsToDecimal: micro-units → form text", () => {
  it.each([
    [4_000_000n, "4.00"],
    [600_000n, "0.60"],
    [12_500_000n, "12.50"],
    [1n, "0.000001"],
    [1_234_567n, "1.234567"],
    [0n, "0.00"],
  ])("%s → %j", (micros, text) => {
    expect(microsToDecimal(micros)).toBe(text);
  });

  it("round-trips with parseMicros", () => {
    for (const micros of [0n, 1n, 10n, 999_999n, 1_000_000n, 123_456_789_012n]) {
      expect(parseMicros(microsToDecimal(micros))).toBe(micros);
    }
  });
});

describe("formatMoney: an amount (spend, earnings, budget), to the cent, half up", () => {
  it.each([
    [0n, "$0.00"],
    [4_000n, "$0.00"],
    [5_000n, "$0.01"],
    [600_000n, "$0.60"],
    [1_234_560_000n, "$1,234.56"],
    [1_234_565_000n, "$1,234.57"],
    [5_000_000_000n, "$5,000.00"],
    [1_234_567_500_000n, "$1,234,567.50"],
    [-1_500_000n, "-$1.50"],
    [-4_000n, "$0.00"],
  ] as const)("%s micro-units → %s", (micros, text) => {
    expect(formatMoney(micros)).toBe(text);
  });
});

describe("formatPrice: a price per unit (CPM, CPC, eCPM, floor), exact to the micro-unit", () => {
  it.each([
    [0n, "$0.00"],
    [1n, "$0.000001"],
    [125n, "$0.000125"],
    [4_000n, "$0.004"],
    [600_000n, "$0.60"],
    [4_000_000n, "$4.00"],
    [1_234_567_891n, "$1,234.567891"],
    [-1_500_000n, "-$1.50"],
  ] as const)("%s micro-units → %s", (micros, text) => {
    expect(formatPrice(micros)).toBe(text);
  });
});

describe("roundToCents", () => {
  it("rounds half away from zero and keeps whole cents as they are", () => {
    expect([4_999n, 5_000n, 10_000n, 14_999n, -5_000n, -4_999n].map(roundToCents)).toEqual([0n, 10_000n, 10_000n, 10_000n, -10_000n, 0n]);
  });
});

describe("percentOf", () => {
  it("is exact to two decimals and null without a whole", () => {
    expect(percentOf(4_500n, 5_000n)).toBe(90);
    expect(percentOf(1n, 3n)).toBe(33.33);
    expect(percentOf(5n, 0n)).toBeNull();
  });
});
