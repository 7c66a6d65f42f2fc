import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { campaignNotFound } from "./campaign-data";

/**
 * Brings an archived campaign back, PAUSED whatever it was before: nothing starts spending
 * by surprise, the advertiser resumes it when ready. One conditional UPDATE (only an archived
 * campaign moves), so a double click restores once and records once; restoring a campaign
 * that is no longer archived changes nothing and succeeds.
 */
export async function restoreCampaign(organizationId: string, campaignId: string, actor: Actor, deps: DomainDeps) {
  const before = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId }, select: { name: true } });
  if (!before) throw campaignNotFound();
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({ where: { id: campaignId, organizationId, status: "ARCHIVED" }, data: { status: "PAUSED" } });
    if (count > 0) await recordAuditEvent(tx, { organizationId, actor, action: "campaign.restored", target: { id: campaignId, name: before.name } });
    return count;
  });
  // Its creatives come back to the review queue and, once resumed, to the active set.
  if (count > 0) await deps.invalidate();
  const campaign = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId } });
  if (!campaign) throw campaignNotFound();
  return { campaign, restored: count > 0 };
}
