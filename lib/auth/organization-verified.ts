import "server-only";
import type { ReadDeps } from "@/lib/db/deps";
import { VERIFIED_ORGANIZATION } from "@/lib/model/organization";

/** Whether the organisation may spend or earn: an owner has confirmed their e-mail address. */
export async function organizationIsVerified(organizationId: string, { prisma }: ReadDeps): Promise<boolean> {
  return (await prisma.organization.count({ where: { id: organizationId, ...VERIFIED_ORGANIZATION } })) > 0;
}
