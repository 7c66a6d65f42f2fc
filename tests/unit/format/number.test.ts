import { describe, expect, it } from "vitest";
import { ctrHundredths, formatCount, formatCtr, formatPercent, plural, shareHundredths } from "@/lib/format/number";

describe("formatCount", () => {
  it("groups thousands on the page and not in CSV", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatCount(1_234_567, "csv")).toBe("1234567");
  });

  it("writes counts as en-US does, bigints and negatives included", () => {
    const enUs = new Intl.NumberFormat("en-US");
    for (const value of [1, 12, 1_000, 12_345, 999_999, 1_000_000, -1_234, Number.MAX_SAFE_INTEGER]) expect(formatCount(value)).toBe(enUs.format(value));
    expect(formatCount(12_345_678_901_234_567_890n)).toBe("12,345,678,901,234,567,890");
  });
});

describe("formatPercent", () => {
  it("writes a percentage with its digits and a space, or a dash", () => {
    expect(formatPercent(12.5)).toBe("12.5 %");
    expect(formatPercent(3.456, 2)).toBe("3.46 %");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("shareHundredths", () => {
  it.each([
    [0, 10, 0],
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 8, 1250],
    [1, 80_000, 0],
    [1, 20_000, 1],
    [7, 7, 10_000],
  ])("%i of %i is %i hundredths of a percent (half up)", (part, whole, hundredths) => {
    expect(shareHundredths(part, whole)).toBe(hundredths);
  });

  it("is null without a whole", () => {
    expect(shareHundredths(0, 0)).toBeNull();
  });
});

describe("ctrHundredths", () => {
  it("is null without impressions, and 0 without clicks", () => {
    expect(ctrHundredths(0, 0)).toBeNull();
    expect(ctrHundredths(3, 0)).toBeNull();
    expect(ctrHundredths(0, 5)).toBe(0);
  });

  it.each([
    [1, 3, 3333], // 33.333… %
    [2, 3, 6667], // 66.666… %
    [1, 8, 1250], // 12.5 % exactly
    [23, 160, 1438], // 14.375 %: half up, where a float would write 14.37
    [1, 20_000, 1], // 0.005 %: half up
    [1, 20_001, 0], // just under half
    [7, 7, 10_000],
    [1_234_567, 98_765_432_109, 0],
    [98_765_432_109, 123_456_789_012, 8000], // counts past 2^32, exact
  ])("%i clicks over %i impressions are %i hundredths of a percent", (clicks, impressions, hundredths) => {
    expect(ctrHundredths(clicks, impressions)).toBe(hundredths);
  });
});

describe("formatCtr", () => {
  it("writes the rate with two decimals, or a dash without impressions", () => {
    expect(formatCtr({ impressions: 0, clicks: 0 })).toBe("—");
    expect(formatCtr({ impressions: 800, clicks: 10 })).toBe("1.25 %");
    expect(formatCtr({ impressions: 3, clicks: 1 })).toBe("33.33 %");
    expect(formatCtr({ impressions: 160, clicks: 23 })).toBe("14.38 %");
    expect(formatCtr({ impressions: 5, clicks: 0 })).toBe("0.00 %");
  });
});

describe("plural: a count and its noun in the right number", () => {
  it.each([
    [0, "0 campaigns"],
    [1, "1 campaign"],
    [2, "2 campaigns"],
    [1_234, "1,234 campaigns"],
  ] as const)("%s → %s", (count, text) => {
    expect(plural(count, "campaign")).toBe(text);
  });

  it("takes BigInt counts and an irregular plural", () => {
    expect(plural(1n, "reply", "replies")).toBe("1 reply");
    expect(plural(3n, "reply", "replies")).toBe("3 replies");
  });
});
