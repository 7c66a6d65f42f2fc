import type { ActiveCampaign, DeviceType } from "./active-set";
import type { IndexedCampaign } from "./ad-index";

export interface RequestContext {
  /** Epoch milliseconds. */
  now: number;
  /** ISO 3166-1 alpha-2, "ZZ" when unknown. */
  country: string;
  device: DeviceType;
  /** Lower-cased keywords of the request and of the placement. */
  keywords: readonly string[];
  /** UTC day (YYYY-MM-DD) of `now`. */
  day: string;
}

/** What the next billable event of this campaign costs (an impression for CPM, a click for CPC). */
export function nextEventCostMicros(campaign: Pick<ActiveCampaign, "pricingModel" | "priceMicros">): number {
  return campaign.pricingModel === "CPM" ? Math.floor(campaign.priceMicros / 1000) : campaign.priceMicros;
}

export function daySpentMicros(campaign: ActiveCampaign, setDay: string, day: string): number {
  return setDay === day ? campaign.daySpentMicros : 0;
}

/** Budget left in total and today for at least one more event. Free (house) campaigns always have. */
export function hasBudget(campaign: ActiveCampaign, setDay: string, day: string): boolean {
  const cost = nextEventCostMicros(campaign);
  if (cost === 0) return true;
  if (campaign.spentMicros + cost > campaign.totalBudgetMicros) return false;
  if (campaign.dailyBudgetMicros !== null && daySpentMicros(campaign, setDay, day) + cost > campaign.dailyBudgetMicros) return false;
  return true;
}

/**
 * Flight and targeting for this request. Budget is checked when the index is built and
 * frequency caps after the lottery, with one Redis read.
 */
export function isEligible(entry: IndexedCampaign, context: RequestContext): boolean {
  const { campaign } = entry;
  if (campaign.startsAt > context.now) return false;
  if (campaign.endsAt !== null && campaign.endsAt <= context.now) return false;
  if (entry.countriesInclude && !entry.countriesInclude.has(context.country)) return false;
  if (entry.countriesExclude?.has(context.country)) return false;
  if (entry.devices && !entry.devices.has(context.device)) return false;
  if (entry.weekdays || entry.hours) {
    const date = new Date(context.now);
    if (entry.weekdays && !entry.weekdays.has(date.getUTCDay())) return false;
    if (entry.hours && !entry.hours.has(date.getUTCHours())) return false;
  }
  if (entry.keywords && !context.keywords.some((keyword) => entry.keywords!.has(keyword))) return false;
  return true;
}
