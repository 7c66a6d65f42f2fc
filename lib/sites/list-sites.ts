import type { ReadDeps } from "@/lib/db/deps";

/** The organisation's sites, oldest first, each with its placements (live first, then archived). */
export async function listSites(organizationId: string, deps: ReadDeps) {
  return deps.prisma.site.findMany({
    where: { organizationId },
    include: { placements: { orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export type SiteWithPlacements = Awaited<ReturnType<typeof listSites>>[number];
