import type { Prisma } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "./actor";
import { targetTypeOf, type AuditAction } from "./audit-actions";
import type { AuditDetail } from "./changed-fields";

/** The process's client or a transaction's: an event is written with the change it records. */
export type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

export interface AuditEventInput {
  /** The organisation whose record it is (for a review, the campaign's advertiser); null for platform-wide events (who is an operator). */
  organizationId: string | null;
  actor: Actor;
  action: AuditAction;
  /** The record acted on, with its name at the time (the record may be renamed or gone later). */
  target: { id: string; name: string };
  /** What changed, for an edit; never secrets or whole creative HTML (see changed-fields.ts). */
  detail?: AuditDetail;
}

/**
 * Appends one event to the audit log. Called inside the transaction of the change where
 * there is one, so that the event exists if and only if the change does. Entries are never
 * updated or deleted (the database refuses it).
 */
export async function recordAuditEvent(db: AuditWriter, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      organizationId: event.organizationId,
      ...actorColumns(event.actor),
      action: event.action,
      targetType: targetTypeOf(event.action),
      targetId: event.target.id,
      targetName: event.target.name,
      detail: event.detail,
    },
  });
}
