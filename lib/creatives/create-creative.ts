import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { campaignNotFound } from "@/lib/campaigns/campaign-data";
import { creativeSettingsOf, type CreativeInput } from "@/lib/model/creative";

/** Adds a creative to one of the organisation's campaigns. It waits for review before it serves. */
export async function createCreative(organizationId: string, campaignId: string, input: CreativeInput, actor: Actor, deps: DomainDeps) {
  const campaign = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId }, select: { id: true, name: true, status: true } });
  if (!campaign) throw campaignNotFound();
  if (campaign.status === "ARCHIVED") throw new AppError("conflict", "This campaign is archived. Duplicate it to add creatives.");
  const creative = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.creative.create({
      data: { ...creativeSettingsOf(input), campaignId: campaign.id, reviewStatus: "PENDING" },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actor,
      action: "creative.created",
      target: created,
      detail: { campaign: { id: campaign.id, name: campaign.name }, kind: created.kind },
    });
    return created;
  });
  await deps.invalidate();
  return creative;
}
