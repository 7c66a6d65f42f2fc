import type { PrismaClient } from "@/lib/generated/prisma/client";

export const ACCOUNTS_PAGE_SIZE = 500;

/** Every user with their organisations, and every organisation with what it owns (oldest first). */
export async function listAccounts(deps: { prisma: PrismaClient }, take: number = ACCOUNTS_PAGE_SIZE) {
  const [users, organizations, userCount, organizationCount] = await Promise.all([
    deps.prisma.user.findMany({
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        createdAt: true,
        memberships: {
          select: { role: true, organization: { select: { id: true, name: true, kind: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
    }),
    deps.prisma.organization.findMany({
      select: {
        id: true,
        name: true,
        kind: true,
        hiddenFromAdvertisers: true,
        createdAt: true,
        _count: { select: { memberships: true, campaigns: true, sites: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
    }),
    deps.prisma.user.count(),
    deps.prisma.organization.count(),
  ]);
  return { users, organizations, userCount, organizationCount };
}
