import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { operatorMessages } from "@/lib/zod/schemas/operators";
import { accountName, assertOperator, lockOperators, OPERATOR_ROLE } from "./lock-operators";

/**
 * An operator makes the account with this e-mail address an operator (it must exist: the
 * person signs up first). Platform-wide: the audit event belongs to no organisation.
 */
export async function grantOperator(actorId: string, email: string, { prisma }: ReadDeps): Promise<{ id: string; email: string }> {
  return prisma.$transaction(async (tx) => {
    assertOperator(await lockOperators(tx), actorId);
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, role: true } });
    if (!user) throw new AppError("not_found", operatorMessages.accountNotFound, { details: { field: "email" } });
    if (user.role === OPERATOR_ROLE) throw new AppError("conflict", operatorMessages.alreadyOperator, { details: { field: "email" } });
    await tx.user.update({ where: { id: user.id }, data: { role: OPERATOR_ROLE } });
    await recordAuditEvent(tx, { organizationId: null, actor: await userActor(tx, actorId), action: "operator.granted", target: { id: user.id, name: accountName(user) } });
    return { id: user.id, email: user.email };
  });
}
