import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const UNKNOWN_PLACEMENT_MESSAGE = "A chosen placement no longer exists. Choose again from the list.";

/**
 * Targeted placements must exist and be live. Any publisher's placement is public
 * inventory, so this is not scoped by organisation (nothing about them is revealed).
 */
export async function checkTargetPlacements(prisma: Pick<PrismaClient, "placement">, placementIds: readonly string[]): Promise<void> {
  if (placementIds.length === 0) return;
  const found = await prisma.placement.count({ where: { id: { in: [...placementIds] }, archivedAt: null } });
  if (found !== placementIds.length) {
    throw new AppError("unprocessable_entity", UNKNOWN_PLACEMENT_MESSAGE, { details: { field: "targetPlacementIds" } });
  }
}

export const campaignNotFound = () => new AppError("not_found", "Campaign not found.");
