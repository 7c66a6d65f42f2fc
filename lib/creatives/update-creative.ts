import type { Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { changesContent, creativeSettingsOf, type CreativeInput } from "@/lib/model/creative";
import { creativeNotFound } from "./creative-errors";

/**
 * Saves a creative of the organisation. New content goes back to review (PENDING, the old
 * decision cleared) and stops serving until approved again; a rename keeps the decision.
 */
export async function updateCreative(organizationId: string, creativeId: string, input: CreativeInput, actor: Actor, deps: DomainDeps) {
  const current = await deps.prisma.creative.findFirst({
    where: { id: creativeId, campaign: { organizationId } },
    include: { campaign: { select: { status: true } } },
  });
  if (!current) throw creativeNotFound();
  if (current.archivedAt) throw new AppError("conflict", "This creative is archived and can no longer be edited.");
  if (current.campaign.status === "ARCHIVED") throw new AppError("conflict", "This campaign is archived. Duplicate it to change its creatives.");
  const resubmitted = changesContent(current, input);
  const review = resubmitted ? { reviewStatus: "PENDING" as const, reviewNote: null, reviewedAt: null, reviewedById: null } : {};
  const settings = creativeSettingsOf(input);
  // The HTML can be 20 KB of someone's markup: the log keeps its length, not a copy.
  const changes = changedFields(creativeSettingsOf(current), settings, { lengthOnly: ["html"] });
  // The content read above is the guard: a review decided meanwhile is not overwritten silently.
  const count = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.creative.updateMany({
      where: { id: creativeId, campaign: { organizationId }, archivedAt: null, updatedAt: current.updatedAt },
      data: { ...settings, ...review },
    });
    if (count > 0 && changes) {
      const detail = resubmitted ? { ...changes, resubmittedForReview: true } : changes;
      await recordAuditEvent(tx, { organizationId, actor, action: "creative.updated", target: { id: creativeId, name: settings.name }, detail });
    }
    return count;
  });
  if (count === 0) throw new AppError("conflict", "The creative changed while you were editing it (it may have been reviewed). Reload the page and try again.");
  await deps.invalidate();
  return deps.prisma.creative.findFirstOrThrow({ where: { id: creativeId, campaign: { organizationId } } });
}
