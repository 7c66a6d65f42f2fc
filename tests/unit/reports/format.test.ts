import { describe, expect, it } from "vitest";
import { formatCountry, formatDevice, formatMicros, formatPercentHundredths } from "@/lib/reports/format";
import { deriveMetrics } from "@/lib/reports/metrics";

describe("formatMicros", () => {
  it("writes micro-units exactly, with 2 to 6 decimals", () => {
    expect(formatMicros(0n)).toBe("0.00");
    expect(formatMicros(4_000n)).toBe("0.004");
    expect(formatMicros(1n)).toBe("0.000001");
    expect(formatMicros(12_500_000n)).toBe("12.50");
    expect(formatMicros(12_345_678n)).toBe("12.345678");
    expect(formatMicros(-1_500_000n)).toBe("-1.50");
  });

  it("groups thousands on the page and not in CSV", () => {
    expect(formatMicros(1_234_567_891n, "display")).toBe("1,234.567891");
    expect(formatMicros(1_234_567_891n, "csv")).toBe("1234.567891");
    expect(formatMicros(999_000_000_000n, "display")).toBe("999,000.00");
  });
});

describe("formatPercentHundredths", () => {
  it("writes hundredths of a percent with two decimals", () => {
    expect(formatPercentHundredths(0)).toBe("0.00%");
    expect(formatPercentHundredths(345)).toBe("3.45%");
    expect(formatPercentHundredths(5)).toBe("0.05%");
    expect(formatPercentHundredths(10_000)).toBe("100.00%");
  });
});

describe("formatCountry and formatDevice", () => {
  it("names countries, and the unknown one", () => {
    expect(formatCountry("DE")).toBe("Germany (DE)");
    expect(formatCountry("ZZ")).toBe("Unknown (ZZ)");
  });

  it("names devices", () => {
    expect(formatDevice("DESKTOP")).toBe("Desktop");
    expect(formatDevice("OTHER")).toBe("Other");
  });
});

describe("deriveMetrics", () => {
  it("computes CTR, eCPM and eCPC in integers, rounded half up", () => {
    expect(deriveMetrics({ impressions: 3, clicks: 1, spendMicros: 10_000n })).toEqual({
      impressions: 3,
      clicks: 1,
      spendMicros: 10_000n,
      ctrHundredths: 3_333, // 33.33 %
      ecpmMicros: 3_333_333n, // 10,000 × 1,000 / 3 = 3,333,333.33…
      ecpcMicros: 10_000n,
    });
    expect(deriveMetrics({ impressions: 8, clicks: 1, spendMicros: 1n }).ctrHundredths).toBe(1_250);
    expect(deriveMetrics({ impressions: 2_000, clicks: 3, spendMicros: 1n }).ecpcMicros).toBe(0n); // 0.33 → 0
    expect(deriveMetrics({ impressions: 2_000, clicks: 2, spendMicros: 1n }).ecpcMicros).toBe(1n); // 0.5 → 1
  });

  it("has no ratios without a denominator", () => {
    expect(deriveMetrics({ impressions: 0, clicks: 0, spendMicros: 0n })).toMatchObject({ ctrHundredths: null, ecpmMicros: null, ecpcMicros: null });
    expect(deriveMetrics({ impressions: 5, clicks: 0, spendMicros: 0n })).toMatchObject({ ctrHundredths: 0, ecpmMicros: 0n, ecpcMicros: null });
  });
});
