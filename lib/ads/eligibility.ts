import type { DeviceType } from "@/lib/model/enums";
import type { ActiveCampaign } from "./active-set";
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
