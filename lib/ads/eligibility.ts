import type { DeviceType } from "@/lib/model/enums";
import type { ActiveCampaign } from "./active-set";
import type { IndexedCampaign } from "./ad-index";
import { zoneClock } from "./zone-clock";

export interface RequestContext {
  /** Epoch milliseconds. */
  now: number;
  /** ISO 3166-1 alpha-2, "ZZ" when unknown. */
  country: string;
  device: DeviceType;
  /** Lower-cased keywords of the request and of the placement. */
  keywords: readonly string[];
}

/**
 * Flight and targeting for this request: the flight is a pair of instants, weekdays and hours
 * are read on the clock of the campaign's organisation's zone (zone-clock.ts: no Intl here). Budget is checked when the index is built and
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
    const clock = zoneClock(campaign.timeZone, context.now);
    if (entry.weekdays && !entry.weekdays.has(clock.weekday)) return false;
    if (entry.hours && !entry.hours.has(clock.hour)) return false;
  }
  if (entry.keywords && !context.keywords.some((keyword) => entry.keywords!.has(keyword))) return false;
  return true;
}
