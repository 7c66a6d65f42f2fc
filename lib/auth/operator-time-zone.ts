import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { currentOrganization } from "./session";

export interface OperatorTimeZone {
  timeZone: string;
  /** What the page says about its dates: "Dates in Europe/Berlin, your current organisation's time zone." */
  label: string;
}

/**
 * The zone an operator's pages show dates in: operators look across organisations, so no one
 * organisation's zone is theirs — the one they currently work in (the switcher's), or UTC for
 * an operator without one. The pages say which.
 */
export async function operatorTimeZone(): Promise<OperatorTimeZone> {
  const timeZone = (await currentOrganization())?.organization.timeZone;
  return timeZone
    ? { timeZone, label: `Dates in ${timeZone}, your current organisation's time zone.` }
    : { timeZone: DEFAULT_TIME_ZONE, label: `Dates in ${DEFAULT_TIME_ZONE}.` };
}
