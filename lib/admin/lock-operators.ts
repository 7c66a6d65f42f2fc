import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { operatorMessages } from "@/lib/zod/schemas/operators";

/** The platform role of an operator (the user's `role` column; "user" for everyone else). */
export const OPERATOR_ROLE = "admin";

/**
 * Takes the one lock every change of who is an operator takes, for the rest of the
 * transaction, and lists the operators' ids. A lock of its own (a transaction-level advisory
 * lock), not the operators' rows: while there are none there is no row to lock, and two setup
 * links used at once must not both make a first operator; two operators revoking each other
 * must not leave none.
 */
export async function lockOperators(tx: Prisma.TransactionClient): Promise<string[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee.operators'))`;
  const operators = await tx.user.findMany({ where: { role: OPERATOR_ROLE }, select: { id: true } });
  return operators.map((operator) => operator.id);
}

/** The caller of an operator's action, checked against the locked list (not only the session's role). */
export function assertOperator(operators: string[], userId: string): void {
  if (!operators.includes(userId)) throw new AppError("forbidden", operatorMessages.notOperator);
}

/** How an account is named in the audit log. */
export const accountName = (user: { name: string; email: string }): string => `${user.name} <${user.email}>`;
