import { describe, expect, it } from "vitest";
import { clickCostMicros, effectiveCpmMicros, impressionCostMicros, nextEventCostMicros } from "@/lib/model/pricing";

describe("pricing", () => {
  it("prices a CPM impression at price / 1,000 and a CPC click at its price", () => {
    expect(impressionCostMicros({ pricingModel: "CPM", priceMicros: 4_000_000 })).toBe(4_000);
    expect(impressionCostMicros({ pricingModel: "CPM", priceMicros: 1_999 })).toBe(1);
    expect(impressionCostMicros({ pricingModel: "CPC", priceMicros: 600_000 })).toBe(0);
    expect(clickCostMicros({ pricingModel: "CPC", priceMicros: 600_000 })).toBe(600_000);
    expect(clickCostMicros({ pricingModel: "CPM", priceMicros: 4_000_000 })).toBe(0);
  });

  it("checks budgets against the cost of the event the campaign pays for", () => {
    expect(nextEventCostMicros({ pricingModel: "CPM", priceMicros: 4_000_000 })).toBe(4_000);
    expect(nextEventCostMicros({ pricingModel: "CPC", priceMicros: 600_000 })).toBe(600_000);
  });

  it("ranks a CPC bid at its price per 1,000 impressions at the assumed 0.2 % click-through rate", () => {
    expect(effectiveCpmMicros({ pricingModel: "CPM", priceMicros: 4_000_000 })).toBe(4_000_000);
    expect(effectiveCpmMicros({ pricingModel: "CPC", priceMicros: 1_000_000 })).toBe(2_000_000);
  });
});
