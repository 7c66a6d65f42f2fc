import type { ReadDeps } from "@/lib/db/deps";
import { sizeKey } from "@/lib/model/options";

export interface PlacementOption {
  id: string;
  name: string;
  siteName: string;
  domain: string;
  size: string;
}

/** Every live placement, of every publisher: placements are public inventory that campaigns may target. */
export async function listPlacementOptions(deps: ReadDeps): Promise<PlacementOption[]> {
  const placements = await deps.prisma.placement.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, width: true, height: true, site: { select: { name: true, domain: true } } },
    orderBy: [{ site: { name: "asc" } }, { name: "asc" }, { id: "asc" }],
  });
  return placements.map((placement) => ({
    id: placement.id,
    name: placement.name,
    siteName: placement.site.name,
    domain: placement.site.domain,
    size: sizeKey(placement.width, placement.height),
  }));
}
