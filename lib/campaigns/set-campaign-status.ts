import type { Actor } from "@/lib/audit/actor";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { campaignNotFound } from "./campaign-data";
import { statusChangeRefusal, statusesLeadingTo } from "./status-transitions";

export type StatusChangeTarget = "ACTIVE" | "PAUSED" | "ARCHIVED";

/** How the audit log names a change of status: a draft is launched, a paused campaign resumed. */
function statusChangeAction(from: CampaignStatus, to: StatusChangeTarget): AuditAction {
  if (to === "PAUSED") return "campaign.paused";
  if (to === "ARCHIVED") return "campaign.archived";
  return from === "DRAFT" ? "campaign.activated" : "campaign.resumed";
}

/**
 * Pause, resume (or launch a draft), archive. One conditional UPDATE: the transition rule is
 * its WHERE clause, so two clicks at once cannot, say, resume an archived campaign. Asking
 * for the status the campaign already has changes nothing and succeeds (a double click), and
 * records nothing.
 */
export async function setCampaignStatus(organizationId: string, campaignId: string, status: StatusChangeTarget, actor: Actor, deps: DomainDeps) {
  const before = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId }, select: { status: true, name: true } });
  if (!before) throw campaignNotFound();
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, organizationId, status: { in: [...statusesLeadingTo(status)] } },
      data: { status },
    });
    if (count > 0) await recordAuditEvent(tx, { organizationId, actor, action: statusChangeAction(before.status, status), target: { id: campaignId, name: before.name } });
    return count;
  });
  if (count > 0) await deps.invalidate();
  const campaign = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId } });
  if (!campaign) throw campaignNotFound();
  if (count === 0 && campaign.status !== status) throw new AppError("conflict", statusChangeRefusal(campaign.status, status));
  return { campaign, previousStatus: before.status };
}
