// Why a campaign needs a look, for the dashboard. Pure: takes what listCampaigns returns.

export const BUDGET_WARNING_PERCENT = 90;

export interface AttentionInput {
  status: string;
  endsAt: Date | null;
  totalBudgetMicros: bigint;
  spentMicros: bigint;
  creativeCounts: { approved: number; pending: number; rejected: number };
  /** campaignServingStatus's state: "unverified" is a reason of its own. */
  servingStatus?: { state: string };
}

export type AttentionReason = "unverified" | "budget" | "no-approved-creative" | "ended" | "rejected";

export interface Attention {
  reason: AttentionReason;
  message: string;
}

export function campaignAttention(campaign: AttentionInput, now: Date): Attention[] {
  if (campaign.status === "ARCHIVED" || campaign.status === "COMPLETED") return [];
  const reasons: Attention[] = [];
  if (campaign.servingStatus?.state === "unverified") {
    reasons.push({ reason: "unverified", message: "Nothing serves until an owner of the organisation confirms their e-mail address." });
  }
  if (campaign.totalBudgetMicros > 0n && campaign.spentMicros * 100n >= campaign.totalBudgetMicros * BigInt(BUDGET_WARNING_PERCENT)) {
    const spentAll = campaign.spentMicros >= campaign.totalBudgetMicros;
    reasons.push({ reason: "budget", message: spentAll ? "The whole budget is spent." : `${BUDGET_WARNING_PERCENT} % or more of the budget is spent.` });
  }
  if (campaign.creativeCounts.approved === 0) {
    reasons.push({
      reason: "no-approved-creative",
      message: campaign.creativeCounts.pending > 0 ? "No approved creative yet (waiting for review)." : "No approved creative: add one.",
    });
  }
  if (campaign.endsAt && campaign.endsAt.getTime() <= now.getTime() && (campaign.status === "ACTIVE" || campaign.status === "PAUSED")) {
    reasons.push({ reason: "ended", message: "The flight is over. Extend it or archive the campaign." });
  }
  if (campaign.creativeCounts.rejected > 0) {
    const count = campaign.creativeCounts.rejected;
    reasons.push({ reason: "rejected", message: count === 1 ? "A creative was rejected." : `${count} creatives were rejected.` });
  }
  return reasons;
}
