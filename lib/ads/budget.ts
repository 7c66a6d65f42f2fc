import { nextEventCostMicros } from "@/lib/model/pricing";
import type { ActiveCampaign } from "./active-set";
import { zoneClock } from "./zone-clock";

// Whether a campaign can pay for one more event, today and in total: checked once per set
// when the ad index is built, and by pacing. "Today" is the local day of the campaign's
// organisation, as the database's charge keeps it (marquee_charge_campaign).

/** The day ledger's spend if it belongs to the campaign's local day at `now`: 0 once that day has ended. */
export function daySpentMicros(campaign: ActiveCampaign, now: number): number {
  return campaign.spendDay === zoneClock(campaign.timeZone, now).day ? campaign.daySpentMicros : 0;
}

/** Budget left in total and today for at least one more event. Free (house) campaigns always have. */
export function hasBudget(campaign: ActiveCampaign, now: number): boolean {
  const cost = nextEventCostMicros(campaign);
  if (cost === 0) return true;
  if (campaign.spentMicros + cost > campaign.totalBudgetMicros) return false;
  if (campaign.dailyBudgetMicros !== null && daySpentMicros(campaign, now) + cost > campaign.dailyBudgetMicros) return false;
  return true;
}
