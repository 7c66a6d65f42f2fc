import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { campaignSettingsFromInput, type CampaignInput } from "@/lib/model/campaign";
import { checkTargetPlacements } from "./campaign-data";

/** A new campaign of the organisation, as a draft or straight to active (it serves once a creative is approved). */
export async function createCampaign(organizationId: string, input: CampaignInput, actor: Actor, deps: DomainDeps) {
  if (input.status !== "DRAFT" && input.status !== "ACTIVE") {
    throw new AppError("unprocessable_entity", "A new campaign starts as a draft or active.", { details: { field: "status" } });
  }
  await checkTargetPlacements(deps.prisma, input.targetPlacementIds);
  const campaign = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.campaign.create({ data: { ...campaignSettingsFromInput(input), organizationId } });
    await recordAuditEvent(tx, { organizationId, actor, action: "campaign.created", target: created });
    return created;
  });
  await deps.invalidate();
  return campaign;
}
