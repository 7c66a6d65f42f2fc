import { DAY_MS } from "./zoned-time";

// Budget pacing of a campaign over a report's range: what it spent in the range against what
// an even spread of its budget plans for the part of the range that has elapsed within its
// flight. With a daily budget, the plan is the daily budget per elapsed day (pro rata per
// hour, so a 23-hour day of a clock change plans 23/24 of it); without one, the total budget
// spread evenly over the flight (which then needs an end).

export interface PacingCampaign {
  startsAt: Date;
  endsAt: Date | null;
  totalBudgetMicros: bigint;
  dailyBudgetMicros: bigint | null;
}

export type PacingBasis = "daily_budget" | "total_budget" | "none";
export type PacingState = "not_started" | "under" | "on_track" | "over" | "unplanned";

export interface Pacing {
  basis: PacingBasis;
  /** Spend in the range, micro-units. */
  spentMicros: bigint;
  /** What an even spread plans for the elapsed part of the range; null without a basis. */
  plannedMicros: bigint | null;
  /** Milliseconds of the range that elapsed within the flight. */
  elapsedMs: number;
  /** Spent / planned in hundredths of a percent (10_000 = exactly on plan); null when planned is 0 or unknown. */
  ratioHundredths: number | null;
  state: PacingState;
}

/** Within ±10 % of the plan is on track. */
const TOLERANCE_HUNDREDTHS = 1_000;

export function budgetPacing(
  campaign: PacingCampaign,
  spentMicros: bigint,
  window: { startUtc: Date; endUtc: Date },
  now: Date,
): Pacing {
  const start = Math.max(window.startUtc.getTime(), campaign.startsAt.getTime());
  const end = Math.min(window.endUtc.getTime(), now.getTime(), campaign.endsAt?.getTime() ?? Number.POSITIVE_INFINITY);
  const elapsedMs = Math.max(0, end - start);

  let basis: PacingBasis = "none";
  let plannedMicros: bigint | null = null;
  if (campaign.dailyBudgetMicros !== null) {
    basis = "daily_budget";
    plannedMicros = (campaign.dailyBudgetMicros * BigInt(elapsedMs)) / BigInt(DAY_MS);
    if (plannedMicros > campaign.totalBudgetMicros) plannedMicros = campaign.totalBudgetMicros;
  } else if (campaign.endsAt !== null && campaign.endsAt > campaign.startsAt) {
    basis = "total_budget";
    const flightMs = BigInt(campaign.endsAt.getTime() - campaign.startsAt.getTime());
    plannedMicros = (campaign.totalBudgetMicros * BigInt(elapsedMs)) / flightMs;
  }

  const ratioHundredths = plannedMicros !== null && plannedMicros > 0n ? Number((spentMicros * 10_000n) / plannedMicros) : null;
  let state: PacingState;
  if (plannedMicros === null) state = "unplanned";
  else if (ratioHundredths === null) state = spentMicros > 0n ? "over" : "not_started";
  else if (ratioHundredths < 10_000 - TOLERANCE_HUNDREDTHS) state = "under";
  else if (ratioHundredths > 10_000 + TOLERANCE_HUNDREDTHS) state = "over";
  else state = "on_track";

  return { basis, spentMicros, plannedMicros, elapsedMs, ratioHundredths, state };
}
