import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createAccount } from "@/lib/auth/create-account";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { operatorMessages } from "@/lib/zod/schemas/operators";
import { accountName, lockOperators, OPERATOR_ROLE } from "./lock-operators";
import { operatorExists } from "./operator-exists";
import { isOperatorSetupToken } from "./operator-setup-link";

export interface SetupDeps extends ReadDeps {
  /** MARQUEE_SECRET: the setup link's token is derived from it. */
  secret: string;
}

/**
 * Whether the setup link with this token still works: the right token, and no operator yet.
 * Refuses with the reason (a wrong link: not_found; a used one: gone).
 */
export async function assertSetupOpen(token: string, deps: SetupDeps): Promise<void> {
  if (!isOperatorSetupToken(token, deps.secret)) throw new AppError("not_found", operatorMessages.setupLinkInvalid);
  if (await operatorExists(deps)) throw new AppError("gone", operatorMessages.setupDone);
}

/**
 * Makes the new account `userId` the first operator, once: under the operators' lock the
 * token is checked and no operator may exist yet, so of two setups at once exactly one wins
 * (the other is refused as a used link). Its e-mail address counts as confirmed: whoever holds
 * the link holds the deployment's secret, and a fresh install often has no mail transport yet
 * (mail then waits in the outbox that only an operator reads).
 */
export async function setUpFirstOperator(token: string, userId: string, deps: SetupDeps): Promise<void> {
  if (!isOperatorSetupToken(token, deps.secret)) throw new AppError("not_found", operatorMessages.setupLinkInvalid);
  await deps.prisma.$transaction(async (tx) => {
    const operators = await lockOperators(tx);
    if (operators.length > 0) throw new AppError("gone", operatorMessages.setupDone);
    const user = await tx.user.update({ where: { id: userId }, data: { role: OPERATOR_ROLE, emailVerified: true }, select: { id: true, name: true, email: true } });
    await recordAuditEvent(tx, {
      organizationId: null,
      actor: { channel: "DASHBOARD", userId: user.id, email: user.email },
      action: "operator.set_up",
      target: { id: user.id, name: accountName(user) },
    });
  });
}

/**
 * The setup page's form: a new account through better-auth's own sign-up (its password rules
 * and limits apply), made the first operator. A dead link creates no account; an address that
 * has one is refused (the link holder is told: they hold the deployment's secret); an account
 * whose setup lost a race with another is taken back.
 */
export async function createFirstOperator(
  account: { name: string; email: string; password: string },
  token: string,
  requestHeaders: Headers,
  deps: SetupDeps,
): Promise<{ userId: string }> {
  await assertSetupOpen(token, deps);
  const outcome = await createAccount(account, requestHeaders);
  if (!outcome.created) throw new AppError("conflict", operatorMessages.setupAddressTaken, { details: { field: "email" } });
  try {
    await setUpFirstOperator(token, outcome.userId, deps);
  } catch (error) {
    await deps.prisma.user.delete({ where: { id: outcome.userId } }).catch(() => {});
    throw error;
  }
  return { userId: outcome.userId };
}
