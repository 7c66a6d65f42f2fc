import type { PrismaClient } from "@/lib/generated/prisma/client";

export const REVIEW_QUEUE_PAGE_SIZE = 50;

/**
 * Creatives waiting for a decision, oldest first, with their campaign and advertiser. An
 * archived campaign's creatives are left out (nobody will run them); restoring the campaign
 * brings those still pending back.
 */
export async function listPendingCreatives(deps: { prisma: PrismaClient }, take: number = REVIEW_QUEUE_PAGE_SIZE) {
  const where = { reviewStatus: "PENDING", archivedAt: null, campaign: { status: { not: "ARCHIVED" } } } as const;
  const [creatives, total] = await Promise.all([
    deps.prisma.creative.findMany({
      where,
      include: { campaign: { select: { id: true, name: true, status: true, organization: { select: { id: true, name: true } } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
    }),
    deps.prisma.creative.count({ where }),
  ]);
  return { creatives, total };
}

export type PendingCreative = Awaited<ReturnType<typeof listPendingCreatives>>["creatives"][number];
