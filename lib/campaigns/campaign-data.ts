import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TARGETABLE_PLACEMENT } from "./list-placement-options";

export const UNKNOWN_PLACEMENT_MESSAGE = "A chosen placement is not offered to advertisers (it was removed, or its publisher does not take ads). Choose again from the list.";

/**
 * Targeted placements must be ones an advertiser may choose (TARGETABLE_PLACEMENT) — except
 * those the campaign targets already: a placement that stopped being offered stays until the
 * advertiser removes it, so that saving another change is not refused for it. Any publisher's
 * placement is public inventory, so this is not scoped by organisation; one message for a
 * missing and a withheld placement reveals nothing of either.
 */
export async function checkTargetPlacements(prisma: Pick<PrismaClient, "placement">, placementIds: readonly string[], alreadyTargeted: readonly string[] = []): Promise<void> {
  const added = placementIds.filter((id) => !alreadyTargeted.includes(id));
  if (added.length === 0) return;
  const found = await prisma.placement.count({ where: { ...TARGETABLE_PLACEMENT, id: { in: added } } });
  if (found !== added.length) {
    throw new AppError("unprocessable_entity", UNKNOWN_PLACEMENT_MESSAGE, { details: { field: "targetPlacementIds" } });
  }
}

export const campaignNotFound = () => new AppError("not_found", "Campaign not found.");
