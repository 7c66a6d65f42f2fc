import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { changesContent, creativeSettingsOf, type CreativeInput } from "@/lib/model/creative";
import { creativeNotFound } from "./creative-errors";

/**
 * Saves a creative of the organisation. New content goes back to review (PENDING, the old
 * decision cleared) and stops serving until approved again; a rename keeps the decision.
 */
export async function updateCreative(organizationId: string, creativeId: string, input: CreativeInput, deps: DomainDeps) {
  const current = await deps.prisma.creative.findFirst({
    where: { id: creativeId, campaign: { organizationId } },
    include: { campaign: { select: { status: true } } },
  });
  if (!current) throw creativeNotFound();
  if (current.archivedAt) throw new AppError("conflict", "This creative is archived and can no longer be edited.");
  if (current.campaign.status === "ARCHIVED") throw new AppError("conflict", "This campaign is archived. Duplicate it to change its creatives.");
  const review = changesContent(current, input) ? { reviewStatus: "PENDING" as const, reviewNote: null, reviewedAt: null, reviewedById: null } : {};
  // The content read above is the guard: a review decided meanwhile is not overwritten silently.
  const { count } = await deps.prisma.creative.updateMany({
    where: { id: creativeId, campaign: { organizationId }, archivedAt: null, updatedAt: current.updatedAt },
    data: { ...creativeSettingsOf(input), ...review },
  });
  if (count === 0) throw new AppError("conflict", "The creative changed while you were editing it (it may have been reviewed). Reload the page and try again.");
  await deps.invalidate();
  return deps.prisma.creative.findFirstOrThrow({ where: { id: creativeId, campaign: { organizationId } } });
}
