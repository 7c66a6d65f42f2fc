import { DEFAULT_TIME_ZONE, startOfZonedDay } from "@/lib/format/time-zone";
import { HOUR_MS } from "./zoned-time";

// Budget pacing of a campaign over a report's range: what it spent in the range against what
// an even spread of its budget plans for the part of the range that has elapsed within its
// flight. With a daily budget, the plan is the daily budget per elapsed day of the zone (the
// report's, by default the organisation's, whose days the budget keeps), pro rata within a
// day — a 23-hour day of a clock change plans a whole budget, as tracking allows it; without
// one, the total budget spread evenly over the flight (which then needs an end).

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
  timeZone: string = DEFAULT_TIME_ZONE,
): Pacing {
  const start = Math.max(window.startUtc.getTime(), campaign.startsAt.getTime());
  const end = Math.min(window.endUtc.getTime(), now.getTime(), campaign.endsAt?.getTime() ?? Number.POSITIVE_INFINITY);
  const elapsedMs = Math.max(0, end - start);

  let basis: PacingBasis = "none";
  let plannedMicros: bigint | null = null;
  if (campaign.dailyBudgetMicros !== null) {
    basis = "daily_budget";
    plannedMicros = (campaign.dailyBudgetMicros * BigInt(Math.round(elapsedDays(start, end, timeZone) * 1e6))) / 1_000_000n;
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

/** Local days of `timeZone` in [start, end): each day's share is its elapsed part over its own length (23, 24 or 25 hours). */
function elapsedDays(start: number, end: number, timeZone: string): number {
  let days = 0;
  for (let dayStart = startOfZonedDay(new Date(start), timeZone).getTime(); dayStart < end; ) {
    // 26 hours on is always within the next day, whatever the change: its start ends this one.
    const dayEnd = startOfZonedDay(new Date(dayStart + 26 * HOUR_MS), timeZone).getTime();
    days += Math.max(0, Math.min(end, dayEnd) - Math.max(start, dayStart)) / (dayEnd - dayStart);
    dayStart = dayEnd;
  }
  return days;
}
