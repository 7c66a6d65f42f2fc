import type { CampaignStatus } from "@/lib/model/enums";

// Which status changes a person may make in the form. DRAFT → ACTIVE (launch), ACTIVE ↔ PAUSED,
// anything → ARCHIVED. An archived campaign leaves only through Restore, to PAUSED
// (restore-campaign.ts). COMPLETED is set by the system and only leaves for ARCHIVED.

const sources: Record<CampaignStatus, readonly CampaignStatus[]> = {
  ACTIVE: ["DRAFT", "PAUSED"],
  PAUSED: ["ACTIVE"],
  ARCHIVED: ["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"],
  DRAFT: [],
  COMPLETED: [],
};

/** The statuses from which a campaign may move to `to`. */
export function statusesLeadingTo(to: CampaignStatus): readonly CampaignStatus[] {
  return sources[to];
}

/** Staying put is always allowed (a form saved without touching the status). */
export function canChangeStatus(from: CampaignStatus, to: CampaignStatus): boolean {
  return from === to || sources[to].includes(from);
}

/** The statuses a campaign in `from` can be given in the form (itself first). */
export function statusChoices(from: CampaignStatus): CampaignStatus[] {
  const targets: CampaignStatus[] = ["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"];
  return [from, ...targets.filter((to) => to !== from && canChangeStatus(from, to))];
}

/** Why a change is refused, in the words of the list. */
export function statusChangeRefusal(from: CampaignStatus, to: CampaignStatus): string {
  if (from === "ARCHIVED") return "This campaign is archived. Restore it first (it comes back paused).";
  if (from === "COMPLETED") return "This campaign has completed. Duplicate it to run it again.";
  if (to === "PAUSED") return "Only an active campaign can be paused.";
  if (to === "ACTIVE") return "Only a draft or paused campaign can be started.";
  if (to === "DRAFT") return "A campaign that has started cannot go back to draft. Pause it instead.";
  return "A campaign cannot be marked completed by hand.";
}
