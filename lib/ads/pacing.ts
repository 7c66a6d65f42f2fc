import type { ActiveCampaign } from "./active-set";
import { daySpentMicros } from "./budget";
import { zoneClock } from "./zone-clock";

/** Never throttle below this share, so that a campaign ahead of plan still trickles. */
const MIN_FACTOR = 0.02;
/** Spend allowed ahead of the plan before throttling starts: half an hour's share. */
const SLACK = 1 / 48;

/**
 * How much to hold a campaign back (0–1, 1 = no throttling). ASAP campaigns run freely.
 * EVEN campaigns spread their daily budget over the organisation's local day (23 or 25 hours
 * long when the clocks change) or, without a daily budget, their total budget over the flight: the further spend runs ahead of the plan for
 * this moment, the smaller the factor — (planned / spent)², so 10 % ahead ≈ 0.83,
 * twice the plan ≈ 0.25.
 */
export function pacingFactor(campaign: ActiveCampaign, now: number): number {
  if (campaign.pacing === "ASAP") return 1;
  let planned: number;
  let spent: number;
  if (campaign.dailyBudgetMicros !== null) {
    const { dayStart, dayEnd } = zoneClock(campaign.timeZone, now);
    planned = campaign.dailyBudgetMicros * ((now - dayStart) / (dayEnd - dayStart) + SLACK);
    spent = daySpentMicros(campaign, now);
  } else if (campaign.endsAt !== null && campaign.endsAt > campaign.startsAt) {
    planned = campaign.totalBudgetMicros * Math.min(1, (now - campaign.startsAt) / (campaign.endsAt - campaign.startsAt) + SLACK);
    spent = campaign.spentMicros;
  } else {
    return 1;
  }
  if (spent <= planned) return 1;
  return Math.max(MIN_FACTOR, (planned / spent) ** 2);
}
