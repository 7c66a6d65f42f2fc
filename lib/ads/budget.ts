import { nextEventCostMicros } from "@/lib/model/pricing";
import type { ActiveCampaign } from "./active-set";

// Whether a campaign can pay for one more event, today and in total: checked once per set
// when the ad index is built, and by pacing.

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
