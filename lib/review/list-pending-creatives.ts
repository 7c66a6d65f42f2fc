import { containsText } from "@/lib/db/contains-text";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const REVIEW_QUEUE_PAGE_SIZE = 50;

/**
 * Creatives waiting for a decision, oldest first, with their campaign and advertiser. An
 * archived campaign's creatives are left out (nobody will run them); restoring the campaign
 * brings those still pending back. `search` keeps those whose creative, campaign or
 * advertiser name contains it (any case), so an operator finds one creative in a queue longer
 * than a page without deciding the older ones first.
 */
export async function listPendingCreatives(deps: { prisma: PrismaClient }, options: { search?: string; take?: number } = {}) {
  const search = options.search?.trim();
  const contains = search ? containsText(search) : undefined;
  const where = {
    reviewStatus: "PENDING",
    archivedAt: null,
    campaign: { status: { not: "ARCHIVED" } },
    ...(contains ? { OR: [{ name: contains }, { campaign: { name: contains } }, { campaign: { organization: { name: contains } } }] } : {}),
  } as const;
  const [creatives, total] = await Promise.all([
    deps.prisma.creative.findMany({
      where,
      include: { campaign: { select: { id: true, name: true, status: true, organization: { select: { id: true, name: true } } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: options.take ?? REVIEW_QUEUE_PAGE_SIZE,
    }),
    deps.prisma.creative.count({ where }),
  ]);
  return { creatives, total };
}

export type PendingCreative = Awaited<ReturnType<typeof listPendingCreatives>>["creatives"][number];
