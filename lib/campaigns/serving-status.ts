// Whether a campaign can serve right now, and why not, as people should read it. Computed once
// here for the list, the detail page, the overview and the API, so none of them calls a
// campaign "Active" that cannot be drawn. Pure: the caller passes what it has read and `now`.

export interface ServingInput {
  status: "DRAFT" | "ACTIVE" | "PAUSED" | "COMPLETED" | "ARCHIVED";
  startsAt: Date;
  /** Excluded: the flight is over at this instant. */
  endsAt: Date | null;
  totalBudgetMicros: bigint;
  dailyBudgetMicros: bigint | null;
  spentMicros: bigint;
  /** Spend of the organisation's current day, in its time zone (spentTodayMicros in pacing-status). */
  spentTodayMicros: bigint;
  /** Live creatives an operator approved. */
  approvedCreatives: number;
  /** An owner of the organisation confirmed their e-mail address (VERIFIED_ORGANIZATION); until then nothing serves. */
  organizationVerified: boolean;
}

export const SERVING_STATES = ["serving", "scheduled", "draft", "paused", "archived", "ended", "budget-spent", "no-approved-creative", "unverified"] as const;
export type ServingState = (typeof SERVING_STATES)[number];

export interface ServingStatus {
  state: ServingState;
  label: string;
}

const status = (state: ServingState, label: string): ServingStatus => ({ state, label });

/**
 * The first reason that stops delivery, in the order a person acts on them: what they chose
 * (archive, draft, pause), then the calendar, then money, then creatives. A budget of 0 is a
 * free house ad, never "spent". An unconfirmed organisation comes before "Scheduled": a
 * campaign due to start would not start either.
 */
export function campaignServingStatus(campaign: ServingInput, now: Date): ServingStatus {
  const at = now.getTime();
  if (campaign.status === "ARCHIVED") return status("archived", "Not serving: archived");
  if (campaign.status === "COMPLETED") return status("ended", "Not serving: ended");
  if (campaign.status === "DRAFT") return status("draft", "Not serving: draft");
  if (campaign.status === "PAUSED") return status("paused", "Not serving: paused");
  if (campaign.endsAt && at >= campaign.endsAt.getTime()) return status("ended", "Not serving: ended");
  if (!campaign.organizationVerified) return status("unverified", "Not serving: confirm your e-mail address");
  if (at < campaign.startsAt.getTime()) return status("scheduled", "Scheduled");
  if (campaign.totalBudgetMicros > 0n && campaign.spentMicros >= campaign.totalBudgetMicros) return status("budget-spent", "Not serving: budget spent");
  if (campaign.dailyBudgetMicros !== null && campaign.dailyBudgetMicros > 0n && campaign.spentTodayMicros >= campaign.dailyBudgetMicros) {
    return status("budget-spent", "Not serving: today's budget spent");
  }
  if (campaign.approvedCreatives === 0) return status("no-approved-creative", "Not serving: no approved creative");
  return status("serving", "Serving");
}
