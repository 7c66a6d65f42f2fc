import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { dashboardActor } from "@/lib/audit/actor";
import { accountName, lockOperators, OPERATOR_ROLE } from "@/lib/admin/lock-operators";
import type { DomainDeps, ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { invitationIdentifier } from "./invitation-token";
import { lockOwners } from "./lock-owners";

// A person deletes their own account (Settings → Security): the right to erasure, without
// leaving anything behind that no one can reach. An organisation of which they are the only
// member goes with them (its campaigns, creatives, sites, placements, keys and uploads); one
// with other members stays, and their membership ends — unless they are its only owner, which
// they must hand on first, as the last operator of the instance must. The audit log keeps what
// it recorded (it is append-only): who did what, by address, stays in the organisations' logs.

export const deleteAccountMessages = {
  lastOperator: "You are the only operator of this Marquee: make another person an operator first (Admin → Operators), then delete your account.",
  onlyOwner: (names: string[]) =>
    `You are the only owner of ${names.map((name) => `“${name}”`).join(", ")}, which ${names.length === 1 ? "has" : "have"} other members: make one of them an owner (Settings → Members) or remove them, then delete your account.`,
  notFound: "Your account was not found: it may be deleted already.",
} as const;

/** What deleting the account does to each of the person's organisations. */
export interface AccountDeletionPlan {
  /** The person is the only member: deleted with the account. */
  deleted: { id: string; name: string }[];
  /** Others stay: the person's membership ends. */
  left: { id: string; name: string; role: MemberRole }[];
  /** The person is the only owner and others are members: the deletion is refused until they hand it on. */
  blocking: { id: string; name: string }[];
  /** The person is the last operator of the instance: refused too. */
  lastOperator: boolean;
}

type Db = Pick<Prisma.TransactionClient, "membership" | "user">;

async function planFor(db: Db, userId: string, operators: string[]): Promise<AccountDeletionPlan> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, memberships: { where: { userId: { not: userId } }, select: { role: true } } } } },
    orderBy: { organizationId: "asc" },
  });
  const plan: AccountDeletionPlan = { deleted: [], left: [], blocking: [], lastOperator: operators.length === 1 && operators[0] === userId };
  for (const { role, organization } of memberships) {
    const { id, name, memberships: others } = organization;
    if (others.length === 0) plan.deleted.push({ id, name });
    else if (role === "OWNER" && !others.some((other) => other.role === "OWNER")) plan.blocking.push({ id, name });
    else plan.left.push({ id, name, role });
  }
  return plan;
}

/** What deleting the account would do now, for the page to say before the person confirms. */
export async function accountDeletionPlan(userId: string, { prisma }: ReadDeps): Promise<AccountDeletionPlan> {
  const operators = (await prisma.user.findMany({ where: { role: OPERATOR_ROLE }, select: { id: true } })).map((user) => user.id);
  return planFor(prisma, userId, operators);
}

/**
 * Deletes the account, in one transaction under the locks that keep an organisation from being
 * left without an owner (each organisation's owners, the operators' lock): the checks and the
 * deletion see the same memberships. The person's API keys of the organisations that stay are
 * revoked (a key must not outlive its creator's membership) and each of those organisations'
 * logs records that they left; the platform's log records the deletion. Sessions, the password
 * and two-factor secrets go with the user row. The cached active set is dropped when an
 * organisation went (its campaigns and placements) or an owner left.
 */
export async function deleteAccount(userId: string, deps: DomainDeps, now: Date = new Date()): Promise<AccountDeletionPlan> {
  const plan = await deps.prisma.$transaction(async (tx) => {
    const operators = await lockOperators(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
    if (!user) throw new AppError("not_found", deleteAccountMessages.notFound);
    // Each organisation's row first (a join through an invitation takes a share lock on it),
    // then its owners: no one joins an organisation about to go, no owner leaves one about to stay.
    const organizationIds = (await tx.membership.findMany({ where: { userId }, select: { organizationId: true }, orderBy: { organizationId: "asc" } })).map(
      (membership) => membership.organizationId,
    );
    for (const organizationId of organizationIds) {
      await tx.$queryRaw`SELECT "id" FROM "organization" WHERE "id" = ${organizationId} FOR UPDATE`;
      await lockOwners(tx, organizationId);
    }
    const plan = await planFor(tx, userId, operators);
    if (plan.lastOperator) throw new AppError("conflict", deleteAccountMessages.lastOperator);
    if (plan.blocking.length > 0) throw new AppError("conflict", deleteAccountMessages.onlyOwner(plan.blocking.map((organization) => organization.name)));

    const actor = dashboardActor({ id: user.id, email: user.email });
    for (const organization of plan.left) {
      const { count: apiKeysRevoked } = await tx.apiKey.updateMany({ where: { organizationId: organization.id, createdById: userId, revokedAt: null }, data: { revokedAt: now } });
      await recordAuditEvent(tx, {
        organizationId: organization.id,
        actor,
        action: "member.left",
        target: { id: user.id, name: accountName(user) },
        detail: { role: organization.role, apiKeysRevoked, accountDeleted: true },
      });
    }
    const deletedIds = plan.deleted.map((organization) => organization.id);
    if (deletedIds.length > 0) {
      // An uploaded image is kept once, by the first organisation to upload those bytes; another
      // organisation's creative may show it too (same path). Such an image passes to that
      // organisation rather than go with this one.
      const assets = await tx.asset.findMany({ where: { organizationId: { in: deletedIds } }, select: { id: true } });
      for (const { id } of assets) {
        const path = `/assets/${id}.`;
        const user = await tx.creative.findFirst({
          where: { OR: [{ imageUrl: { startsWith: path } }, { html: { contains: path } }], campaign: { organizationId: { notIn: deletedIds } } },
          select: { campaign: { select: { organizationId: true } } },
        });
        if (user) await tx.asset.update({ where: { id }, data: { organizationId: user.campaign.organizationId } });
      }
      // Their pending invitations (kept as verification rows, keyed by the organisation) go too.
      await tx.verification.deleteMany({ where: { identifier: { in: deletedIds.map(invitationIdentifier) } } });
      await tx.organization.deleteMany({ where: { id: { in: deletedIds } } });
    }
    await tx.user.delete({ where: { id: userId } });
    await recordAuditEvent(tx, {
      organizationId: null,
      actor,
      action: "account.deleted",
      target: { id: user.id, name: accountName(user) },
      detail: { organizationsDeleted: plan.deleted.map((organization) => organization.name), organizationsLeft: plan.left.map((organization) => organization.name) },
    });
    return plan;
  });
  if (plan.deleted.length > 0 || plan.left.some((organization) => organization.role === "OWNER")) await deps.invalidate();
  return plan;
}
