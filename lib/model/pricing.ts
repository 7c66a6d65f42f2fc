import type { PricingModel } from "./enums";

// What events cost: the one place the pricing rules are written. Serving uses them to rank
// and to check budgets; tracking to charge the events. Prices are integer micros of the
// campaign's currency; a CPM price is per 1,000 impressions.

export interface Priced {
  pricingModel: PricingModel;
  priceMicros: number;
}

/**
 * The click-through rate assumed to compare a CPC bid with CPM bids (0.2 %): a CPC campaign
 * ranks at eCPM = price per click × 1,000 × ASSUMED_CTR.
 */
export const ASSUMED_CTR = 0.002;

/** What an impression costs: the CPM price / 1,000 (floored), 0 for CPC. */
export function impressionCostMicros(priced: Priced): number {
  return priced.pricingModel === "CPM" ? Math.floor(priced.priceMicros / 1000) : 0;
}

/** What a click costs: the CPC price, 0 for CPM. */
export function clickCostMicros(priced: Priced): number {
  return priced.pricingModel === "CPC" ? priced.priceMicros : 0;
}

/** What the next billable event costs (an impression for CPM, a click for CPC). */
export function nextEventCostMicros(priced: Priced): number {
  return priced.pricingModel === "CPM" ? impressionCostMicros(priced) : clickCostMicros(priced);
}

/** The price per 1,000 impressions a bid is worth, to rank CPM and CPC campaigns together. */
export function effectiveCpmMicros(priced: Priced): number {
  return priced.pricingModel === "CPM" ? priced.priceMicros : priced.priceMicros * 1000 * ASSUMED_CTR;
}
