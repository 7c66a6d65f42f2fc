import type { ReadDeps } from "@/lib/db/deps";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sizeKey } from "@/lib/model/options";
import { VERIFIED_ORGANIZATION } from "@/lib/model/organization";

export interface PlacementOption {
  id: string;
  name: string;
  siteName: string;
  domain: string;
  size: string;
  /**
   * Whether an advertiser may choose it now. False only for a campaign's saved target that has
   * since stopped being offered (archived, its publisher unverified or hidden): shown so that
   * it can be removed, never offered to add.
   */
  offered: boolean;
}

/**
 * The placements an advertiser may target: live, of a publisher that may earn (an owner with a
 * confirmed address, as serving decides: VERIFIED_ORGANIZATION) and that no operator has hidden
 * as a test publisher. Written once, for the picker and for the refusal of anything else.
 */
export const TARGETABLE_PLACEMENT = {
  archivedAt: null,
  site: { organization: { ...VERIFIED_ORGANIZATION, hiddenFromAdvertisers: false } },
} as const satisfies Prisma.PlacementWhereInput;

/**
 * The targetable placements, by site then name; plus `keep` — a campaign's saved targets — even
 * when no longer offered (marked so), so that its edit form and page still name them.
 */
export async function listPlacementOptions(deps: ReadDeps, keep: readonly string[] = []): Promise<PlacementOption[]> {
  const [placements, offered] = await Promise.all([
    deps.prisma.placement.findMany({
      where: keep.length > 0 ? { OR: [TARGETABLE_PLACEMENT, { id: { in: [...keep] } }] } : TARGETABLE_PLACEMENT,
      select: { id: true, name: true, width: true, height: true, site: { select: { name: true, domain: true } } },
      orderBy: [{ site: { name: "asc" } }, { name: "asc" }, { id: "asc" }],
    }),
    // Which of the kept ones are still offered: only asked when there are some.
    keep.length > 0 ? deps.prisma.placement.findMany({ where: { ...TARGETABLE_PLACEMENT, id: { in: [...keep] } }, select: { id: true } }) : null,
  ]);
  const stillOffered = offered && new Set(offered.map((placement) => placement.id));
  return placements.map((placement) => ({
    id: placement.id,
    name: placement.name,
    siteName: placement.site.name,
    domain: placement.site.domain,
    size: sizeKey(placement.width, placement.height),
    offered: !stillOffered || !keep.includes(placement.id) || stillOffered.has(placement.id),
  }));
}
