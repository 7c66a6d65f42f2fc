import type { ReadDeps } from "@/lib/db/deps";

/** One of the organisation's sites with its placements, or null (also for another organisation's site). */
export async function getSite(organizationId: string, siteId: string, deps: ReadDeps) {
  return deps.prisma.site.findFirst({
    where: { id: siteId, organizationId },
    include: { placements: { orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }] } },
  });
}
