import { INVALID_REASONS, type EventValidity } from "@/lib/model/enums";
import type { InvalidCounts } from "./metrics";

// Invalid traffic as the reports show it: counted beside the billed numbers, by reason, in
// words a publisher or advertiser understands (the stored reasons are EventValidity values).

export { INVALID_REASONS };
export type InvalidReason = (typeof INVALID_REASONS)[number];

export const INVALID_REASON_LABELS: Record<InvalidReason, string> = {
  BOT: "Bots and non-browser clients",
  CLIENT_MISMATCH: "Not the client the ad was served to",
  RATE_LIMIT: "Too many from one client",
  OFF_DOMAIN: "Off the site's domains",
};

export interface ReasonCounts {
  impressions: number;
  clicks: number;
}

export type InvalidByReason = Record<InvalidReason, ReasonCounts>;

/** Invalid traffic of a report or period: the counts, and the same counts by reason. */
export interface InvalidTraffic extends InvalidCounts {
  byReason: InvalidByReason;
}

export function isInvalidReason(value: string | null | undefined): value is InvalidReason {
  return (INVALID_REASONS as readonly string[]).includes(value ?? "");
}

export function emptyByReason(): InvalidByReason {
  return Object.fromEntries(INVALID_REASONS.map((reason) => [reason, { impressions: 0, clicks: 0 }])) as InvalidByReason;
}

/** Invalid traffic from per-validity counts (VALID and unknown values are left out). */
export function invalidTraffic(rows: Iterable<{ validity: EventValidity | string; impressions: number; clicks: number }>): InvalidTraffic {
  const byReason = emptyByReason();
  let invalidImpressions = 0;
  let invalidClicks = 0;
  for (const row of rows) {
    if (!isInvalidReason(row.validity)) continue;
    byReason[row.validity].impressions += row.impressions;
    byReason[row.validity].clicks += row.clicks;
    invalidImpressions += row.impressions;
    invalidClicks += row.clicks;
  }
  return { invalidImpressions, invalidClicks, byReason };
}
