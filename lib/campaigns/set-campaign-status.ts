import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { campaignNotFound } from "./campaign-data";
import { statusChangeRefusal, statusesLeadingTo } from "./status-transitions";

export type StatusChangeTarget = "ACTIVE" | "PAUSED" | "ARCHIVED";

/**
 * Pause, resume (or launch a draft), archive. One conditional UPDATE: the transition rule is
 * its WHERE clause, so two clicks at once cannot, say, resume an archived campaign. Asking
 * for the status the campaign already has changes nothing and succeeds (a double click).
 */
export async function setCampaignStatus(organizationId: string, campaignId: string, status: StatusChangeTarget, deps: DomainDeps) {
  const before = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId }, select: { status: true } });
  if (!before) throw campaignNotFound();
  const { count } = await deps.prisma.campaign.updateMany({
    where: { id: campaignId, organizationId, status: { in: [...statusesLeadingTo(status)] } },
    data: { status },
  });
  if (count > 0) await deps.invalidate();
  const campaign = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId } });
  if (!campaign) throw campaignNotFound();
  if (count === 0 && campaign.status !== status) throw new AppError("conflict", statusChangeRefusal(campaign.status, status));
  return { campaign, previousStatus: before.status };
}
