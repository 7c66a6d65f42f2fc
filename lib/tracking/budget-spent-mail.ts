import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/format/money";
import { claimCampaignMail, releaseCampaignMail } from "@/lib/mail/campaign-mail-claim";
import { organizationMailLink } from "@/lib/mail/links";
import { budgetSpentMail } from "@/lib/mail/messages";
import { campaignEditorAddresses } from "@/lib/mail/recipients";
import type { MailMessage, MailTally } from "@/lib/mail/send-mail";
import { nextEventCostMicros } from "@/lib/model/pricing";
import { budgetExhaustedNotifier } from "./budget-exhausted";

export interface BudgetSpentMailDeps {
  prisma: Pick<PrismaClient, "campaign" | "membership">;
  /** Sends the messages (the tracking routes: sendEach, after the response). */
  send: (messages: MailMessage[]) => Promise<MailTally>;
}

/**
 * Tells the advertiser that a campaign has spent its total budget and stopped serving —
 * once, however many instances see its last events: the instance whose UPDATE sets
 * `budgetSpentMailedAt` (still empty, and the budget still the one read) sends the mail to
 * the members who may edit the campaign, at confirmed addresses; every other finds it set.
 * A change of the total budget clears it (updateCampaign), so a campaign given more budget
 * and spent again is mailed again. When no message of it could be sent, the claim is given
 * back, so the next late event (a minute on) tries again; one that reached anyone is never
 * sent twice. A day's budget running out stops delivery until the organisation's next day and
 * mails no one. Returns the addresses mailed.
 */
export async function mailBudgetSpent(deps: BudgetSpentMailDeps, campaignId: string, now: Date = new Date()): Promise<string[]> {
  const campaign = await deps.prisma.campaign.findUnique({
    where: { id: campaignId },
    select: { name: true, organizationId: true, organization: { select: { name: true } }, pricingModel: true, priceMicros: true, spentMicros: true, totalBudgetMicros: true, budgetSpentMailedAt: true, updatedAt: true },
  });
  if (!campaign || campaign.budgetSpentMailedAt) return [];
  const cost = BigInt(nextEventCostMicros({ pricingModel: campaign.pricingModel, priceMicros: Number(campaign.priceMicros) }));
  if (cost === 0n || campaign.spentMicros + cost <= campaign.totalBudgetMicros) return [];
  // No one to tell yet: left unclaimed, so that a later event mails whoever confirms their address meanwhile.
  const addresses = await campaignEditorAddresses(deps.prisma, campaign.organizationId);
  if (addresses.length === 0) return [];
  if (!(await claimCampaignMail(deps.prisma, "budgetSpentMailedAt", { id: campaignId, updatedAt: campaign.updatedAt }, { totalBudgetMicros: campaign.totalBudgetMicros }, now))) return [];
  const spent = { organization: campaign.organization.name, campaign: campaign.name, budget: formatMoney(campaign.totalBudgetMicros), link: organizationMailLink(campaign.organizationId, `/advertiser/campaigns/${encodeURIComponent(campaignId)}/edit`) };
  let sent = 0;
  try {
    ({ sent } = await deps.send(addresses.map((to) => budgetSpentMail(to, spent))));
  } finally {
    if (sent === 0) await releaseCampaignMail(deps.prisma, "budgetSpentMailedAt", campaignId, now);
  }
  return sent > 0 ? addresses : [];
}

/**
 * How often one instance looks at one spent campaign's stamp: once a minute, however many
 * late events report it spent (one keyed read each time; the stamp makes the rest no-ops).
 */
export const BUDGET_MAIL_CHECK_INTERVAL_MS = 60_000;

/**
 * The tracking routes' reaction to an event that leaves a campaign unable to pay for the next:
 * mailBudgetSpent, at most once a minute per campaign in this process. Unlike stopping
 * delivery, it does not wait for this instance's set to still deliver the campaign: a set
 * built after the spend (another instance's invalidation, or this instance's first load)
 * must not cost the advertiser the mail. Never throws: a failure goes to `onError`.
 */
export function budgetSpentMailer(deps: BudgetSpentMailDeps, onError: (campaignId: string, error: unknown) => void, intervalMs = BUDGET_MAIL_CHECK_INTERVAL_MS) {
  return budgetExhaustedNotifier(async (campaignId) => {
    try {
      await mailBudgetSpent(deps, campaignId);
    } catch (error) {
      onError(campaignId, error);
    }
  }, { intervalMs });
}
