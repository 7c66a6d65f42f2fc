import { formatMoney } from "@/lib/format/money";
import { DEFAULT_TIME_ZONE, startOfZonedDay, zonedDayKey } from "@/lib/format/time-zone";

const HOUR_MS = 3_600_000;
/** Within ±15 % of the plan counts as on pace. */
const TOLERANCE = 0.15;

export interface PacingInput {
  status: string;
  pacing: "EVEN" | "ASAP";
  startsAt: Date;
  endsAt: Date | null;
  totalBudgetMicros: bigint;
  dailyBudgetMicros: bigint | null;
  spentMicros: bigint;
  /** Spend of the organisation's current day (0 when the ledger's day is an earlier one). */
  spentTodayMicros: bigint;
}

/**
 * The day ledger's spend if it belongs to the day of `now` in the organisation's `timeZone`
 * (tracking rolls it over on the first charge after local midnight; spendDay is that local date).
 */
export function spentTodayMicros(campaign: { spendDay: Date | null; daySpentMicros: bigint }, now: Date, timeZone: string = DEFAULT_TIME_ZONE): bigint {
  return campaign.spendDay && campaign.spendDay.toISOString().slice(0, 10) === organizationDay(now, timeZone).key ? campaign.daySpentMicros : 0n;
}

interface OrganizationDay {
  at: number;
  timeZone: string;
  /** "YYYY-MM-DD" of the local day that holds `at`. */
  key: string;
  /** Its first and its next day's first instant (epoch ms): 23, 24 or 25 hours apart; worked out when pacing first asks. */
  bounds?: { start: number; end: number };
}

let lastDay: OrganizationDay | undefined;

/**
 * The local day around `now` in `timeZone`. A page summarises every campaign of one
 * organisation at one `now` (the overview: all of its live campaigns), and each zone lookup
 * costs tens of µs through Intl — ~0.5 s of a 10,000-campaign overview when each campaign
 * worked its day out again — so the last day is kept: a pure function of (now, zone).
 */
function organizationDay(now: Date, timeZone: string): OrganizationDay {
  const at = now.getTime();
  if (lastDay && lastDay.at === at && lastDay.timeZone === timeZone) return lastDay;
  lastDay = { at, timeZone, key: zonedDayKey(now, timeZone) };
  return lastDay;
}

function dayBounds(now: Date, timeZone: string): { start: number; end: number } {
  const day = organizationDay(now, timeZone);
  if (!day.bounds) {
    const start = startOfZonedDay(now, timeZone).getTime();
    // 26 hours on is always within the next day, whatever the change: its start ends this one.
    day.bounds = { start, end: startOfZonedDay(new Date(start + 26 * HOUR_MS), timeZone).getTime() };
  }
  return day.bounds;
}

export type PacingState = "idle" | "spent" | "asap" | "on-pace" | "ahead" | "behind" | "unplanned";

export interface PacingStatus {
  state: PacingState;
  label: string;
  detail: string | null;
}

/**
 * How delivery compares with the plan, for the list: EVEN campaigns plan their daily budget
 * over the organisation's day in `timeZone` (23 or 25 hours when the clocks change) or,
 * without one, their total over the flight, as the decision engine paces them.
 */
export function pacingStatus(campaign: PacingInput, now: Date, timeZone: string = DEFAULT_TIME_ZONE): PacingStatus {
  const at = now.getTime();
  const today = campaign.dailyBudgetMicros !== null ? `Today ${formatMoney(campaign.spentTodayMicros)} of ${formatMoney(campaign.dailyBudgetMicros)}` : null;
  if (campaign.status !== "ACTIVE" || at < campaign.startsAt.getTime() || (campaign.endsAt && at >= campaign.endsAt.getTime())) {
    return { state: "idle", label: "Not delivering", detail: null };
  }
  if (campaign.totalBudgetMicros > 0n && campaign.spentMicros >= campaign.totalBudgetMicros) {
    return { state: "spent", label: "Budget spent", detail: null };
  }
  if (campaign.pacing === "ASAP") return { state: "asap", label: "As fast as possible", detail: today };

  let planned: number;
  let spent: number;
  if (campaign.dailyBudgetMicros !== null) {
    const day = dayBounds(now, timeZone);
    planned = Number(campaign.dailyBudgetMicros) * ((at - day.start) / (day.end - day.start));
    spent = Number(campaign.spentTodayMicros);
  } else if (campaign.endsAt && campaign.totalBudgetMicros > 0n) {
    const flight = campaign.endsAt.getTime() - campaign.startsAt.getTime();
    planned = Number(campaign.totalBudgetMicros) * Math.min(1, (at - campaign.startsAt.getTime()) / flight);
    spent = Number(campaign.spentMicros);
  } else {
    return { state: "unplanned", label: "Even, no end date", detail: today };
  }
  if (planned <= 0) return { state: "on-pace", label: "On pace", detail: today };
  const ratio = spent / planned;
  const percent = Math.round(ratio * 100);
  if (ratio > 1 + TOLERANCE) return { state: "ahead", label: "Ahead of plan", detail: today ?? `${percent} % of plan so far` };
  if (ratio < 1 - TOLERANCE) return { state: "behind", label: "Behind plan", detail: today ?? `${percent} % of plan so far` };
  return { state: "on-pace", label: "On pace", detail: today ?? `${percent} % of plan so far` };
}
