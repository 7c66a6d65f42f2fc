import type { ReadDeps } from "@/lib/db/deps";

/** One of the organisation's placements with its site, or null (also for another organisation's). */
export async function getPlacement(organizationId: string, placementId: string, deps: ReadDeps) {
  return deps.prisma.placement.findFirst({
    where: { id: placementId, site: { organizationId } },
    include: { site: { select: { id: true, name: true, domain: true } } },
  });
}
