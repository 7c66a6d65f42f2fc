import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Locks the organisation's owner rows for the rest of the transaction and counts them, so two
 * owners demoting or removing each other at once cannot leave the organisation with none.
 */
export async function lockOwners(tx: Prisma.TransactionClient, organizationId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "membership" WHERE "organizationId" = ${organizationId} AND "role" = 'OWNER' FOR UPDATE`;
  return rows.length;
}
