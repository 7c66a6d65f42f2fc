import type { PublisherReadDeps } from "@/lib/sites/site-deps";

/** One of the organisation's placements with its site, or null (also for another organisation's). */
export async function getPlacement(organizationId: string, placementId: string, deps: PublisherReadDeps) {
  return deps.prisma.placement.findFirst({
    where: { id: placementId, site: { organizationId } },
    include: { site: { select: { id: true, name: true, domain: true } } },
  });
}
