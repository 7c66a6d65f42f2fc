import type { ReadDeps } from "@/lib/db/deps";

export interface MemberWithoutTwoFactor {
  name: string;
  email: string;
}

/** The organisation's members who have not turned two-factor authentication on (whom a requirement stops), by name. */
export async function membersWithoutTwoFactor(organizationId: string, deps: ReadDeps): Promise<MemberWithoutTwoFactor[]> {
  const memberships = await deps.prisma.membership.findMany({
    where: { organizationId, user: { twoFactorEnabled: false } },
    select: { user: { select: { name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return memberships.map((membership) => membership.user);
}
