import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { assertAssignable, assertMemberManager, type MemberActor } from "./assert-member-manager";
import { generateInvitationToken, hashInvitationToken, INVITATION_TTL_MS, invitationIdentifier, invitationValue } from "./invitation-token";
import type { InvitationView } from "./list-invitations";

/** Invitation mails an organisation may send in 24 hours. */
export const MAILED_INVITATIONS_PER_DAY = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new invitation to the actor's organisation (members:manage) with a role the actor may
 * give, valid for 7 days and for one use. The token is in the result and nowhere else: the
 * caller shows the link once, and mails it to `sentTo` when the result's `mailTo` says so (the
 * audit log records the address; the link is not bound to it — whoever holds the link may use
 * it, as when it is passed on). Anyone can sign up and own an organisation, so invitations are
 * a way to have Marquee mail a stranger text of one's choosing (the organisation's name): an
 * organisation mails at most MAILED_INVITATIONS_PER_DAY in 24 hours, then only shows links.
 */
export async function createInvitation(
  actor: MemberActor,
  role: MemberRole,
  deps: ReadDeps,
  options: { sentTo?: string; now?: Date } = {},
): Promise<{ invitation: InvitationView; token: string; mailTo?: string; dailyMailLimitReached: boolean }> {
  const now = options.now ?? new Date();
  assertAssignable(await assertMemberManager(actor, deps), role);
  const token = generateInvitationToken();
  const { row, mailTo } = await deps.prisma.$transaction(async (tx) => {
    const mailedToday = options.sentTo
      ? await tx.auditEvent.count({
          where: {
            organizationId: actor.organizationId,
            action: "invitation.created",
            createdAt: { gt: new Date(now.getTime() - DAY_MS) },
            detail: { path: ["sentTo"], string_contains: "@" },
          },
        })
      : 0;
    const mailTo = mailedToday < MAILED_INVITATIONS_PER_DAY ? options.sentTo : undefined;
    const created = await tx.verification.create({
      data: {
        id: randomUUID(),
        identifier: invitationIdentifier(actor.organizationId),
        value: invitationValue(hashInvitationToken(token), role),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdAt: now,
      },
    });
    // The invitation, never its token.
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actor: await userActor(tx, actor.userId), action: "invitation.created", target: { id: created.id, name: `Invitation (${role})` }, detail: mailTo ? { role, sentTo: mailTo } : { role } });
    return { row: created, mailTo };
  });
  return { invitation: { id: row.id, role, createdAt: row.createdAt, expiresAt: row.expiresAt, sentTo: mailTo ?? null }, token, mailTo, dailyMailLimitReached: options.sentTo !== undefined && mailTo === undefined };
}
