import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { operatorMessages } from "@/lib/zod/schemas/operators";
import { accountName, assertOperator, lockOperators } from "./lock-operators";

/**
 * An operator takes the operator role from an account (their own too), never from the last
 * one: under the operators' lock, so two operators revoking each other at once leave one. The
 * account stays, as an ordinary user; its next request no longer passes requireAdmin (the role
 * is read from the database with every session).
 */
export async function revokeOperator(actorId: string, userId: string, { prisma }: ReadDeps): Promise<{ self: boolean }> {
  return prisma.$transaction(async (tx) => {
    const operators = await lockOperators(tx);
    assertOperator(operators, actorId);
    if (!operators.includes(userId)) throw new AppError("not_found", operatorMessages.operatorNotFound);
    if (operators.length <= 1) throw new AppError("conflict", operatorMessages.lastOperator);
    const user = await tx.user.update({ where: { id: userId }, data: { role: "user" }, select: { id: true, name: true, email: true } });
    await recordAuditEvent(tx, { organizationId: null, actor: await userActor(tx, actorId), action: "operator.revoked", target: { id: user.id, name: accountName(user) } });
    return { self: userId === actorId };
  });
}
