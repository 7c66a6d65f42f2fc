import { describe, expect, it } from "vitest";
import { cellText } from "@/lib/reports/report-tables";

// The report table's money cells follow lib/format/money.ts on the page, and stay exact in the
// CSV file: a spreadsheet sums what was billed, not what was rounded for reading.
describe("cellText of money", () => {
  it("shows an amount to the cent on the page and exactly in the file", () => {
    expect(cellText({ kind: "amount", value: 4_000n }, "display")).toBe("0.00");
    expect(cellText({ kind: "amount", value: 4_000n }, "csv")).toBe("0.004");
    expect(cellText({ kind: "amount", value: 1_234_565_000n }, "display")).toBe("1,234.57");
    expect(cellText({ kind: "amount", value: 1_234_565_000n }, "csv")).toBe("1234.565");
  });

  it("shows a price per unit exactly, to the micro-unit, in both", () => {
    expect(cellText({ kind: "price", value: 125n }, "display")).toBe("0.000125");
    expect(cellText({ kind: "price", value: 1_234_500_000n }, "display")).toBe("1,234.50");
    expect(cellText({ kind: "price", value: 1_234_500_000n }, "csv")).toBe("1234.50");
  });

  it("leaves a cell without a value empty (the page shows a dash)", () => {
    expect(cellText({ kind: "amount", value: null }, "display")).toBe("");
    expect(cellText({ kind: "price", value: null }, "csv")).toBe("");
  });
});
