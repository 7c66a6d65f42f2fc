import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/generated/prisma/enums";

export interface MemberView {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
}

/** The organisation's members: owners first, then by the date they joined. */
export async function listMembers(organizationId: string, deps: ReadDeps): Promise<MemberView[]> {
  const memberships = await deps.prisma.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return memberships.map((membership) => ({
    id: membership.id,
    userId: membership.user.id,
    name: membership.user.name,
    email: membership.user.email,
    role: membership.role,
    joinedAt: membership.createdAt,
  }));
}
