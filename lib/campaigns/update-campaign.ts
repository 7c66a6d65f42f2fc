import type { Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { campaignSettingsFromInput, campaignSettingsOf, type CampaignInput } from "@/lib/model/campaign";
import { campaignNotFound, checkTargetPlacements } from "./campaign-data";
import { canChangeStatus, statusChangeRefusal } from "./status-transitions";

/**
 * Saves the campaign form. A status change follows the same rules as the buttons; an
 * archived campaign is read-only. The spend ledger is never touched: tracking updates it
 * concurrently. A new total budget clears the budget-spent mail's stamp, so the advertiser
 * hears again when it too is spent (lib/tracking/budget-spent-mail.ts); a new end date clears
 * the flight-ended mail's, so a flight extended is reported again when it ends
 * (lib/campaigns/flight-ended-mail.ts).
 */
export async function updateCampaign(organizationId: string, campaignId: string, input: CampaignInput, actor: Actor, deps: DomainDeps) {
  const current = await deps.prisma.campaign.findFirst({ where: { id: campaignId, organizationId } });
  if (!current) throw campaignNotFound();
  if (current.status === "ARCHIVED") throw new AppError("conflict", statusChangeRefusal("ARCHIVED", input.status));
  if (!canChangeStatus(current.status, input.status)) {
    throw new AppError("unprocessable_entity", statusChangeRefusal(current.status, input.status), { details: { field: "status" } });
  }
  await checkTargetPlacements(deps.prisma, input.targetPlacementIds, current.targetPlacementIds);
  const settings = campaignSettingsFromInput(input);
  const changes = changedFields(campaignSettingsOf(current), settings);
  const budgetSpentMailedAt = settings.totalBudgetMicros === current.totalBudgetMicros ? current.budgetSpentMailedAt : null;
  const flightEndedMailedAt = settings.endsAt?.getTime() === current.endsAt?.getTime() ? current.flightEndedMailedAt : null;
  // The status read above is the guard: a pause or archive that landed meanwhile wins.
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({ where: { id: campaignId, organizationId, status: current.status }, data: { ...settings, budgetSpentMailedAt, flightEndedMailedAt } });
    if (count > 0 && changes) await recordAuditEvent(tx, { organizationId, actor, action: "campaign.updated", target: { id: campaignId, name: settings.name }, detail: changes });
    return count;
  });
  if (count === 0) throw new AppError("conflict", "The campaign changed while you were editing it. Reload the page and try again.");
  await deps.invalidate();
  return deps.prisma.campaign.findFirstOrThrow({ where: { id: campaignId, organizationId } });
}
