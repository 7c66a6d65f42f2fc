import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditTargetType } from "@/lib/audit/audit-actions";
import { MAX_AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, type AuditLogPage } from "@/lib/audit/list-audit-events";
import { dateTimeOutput, idOutput, iso, pageQueryFields } from "./common";

// The audit log in JSON: who did what to which record, when, through the dashboard or which key.

const targetTypes = Object.keys(AUDIT_TARGETS) as [AuditTargetType, ...AuditTargetType[]];

/** GET /api/v1/audit-log's query string. */
export const auditLogQuerySchema = z
  .object({
    ...pageQueryFields({ items: "Events", first: "the newest events", defaultLimit: AUDIT_PAGE_SIZE, maxLimit: MAX_AUDIT_PAGE_SIZE }),
    targetType: z.enum(targetTypes, { error: `targetType must be one of ${targetTypes.join(", ")}.` }).optional().meta({ description: "Only events about this kind of record." }),
  })
  .strict();

export const auditEventResourceSchema = z.object({
  id: idOutput("The event's id."),
  createdAt: dateTimeOutput("When it happened."),
  channel: z.enum(["DASHBOARD", "API", "SYSTEM"]).meta({ description: "Through the dashboard, the API (see apiKey), or the system itself." }),
  actor: z
    .object({ userId: z.string().nullable(), email: z.string().nullable().meta({ description: "Their e-mail address at the time." }) })
    .nullable()
    .meta({ description: "The person (for the API: the key's creator); null for the system." }),
  apiKey: z.object({ id: z.string(), name: z.string().nullable().meta({ description: "Its name now; null if it is gone." }) }).nullable(),
  action: z.string().meta({ description: `"<record>.<verb>", one of: ${Object.keys(AUDIT_ACTIONS).join(", ")}.`, examples: ["campaign.paused"] }),
  target: z.object({
    type: z.string().meta({ description: `One of: ${targetTypes.join(", ")}.` }),
    id: z.string(),
    name: z.string().nullable().meta({ description: "The record's name at the time." }),
  }),
  detail: z.record(z.string(), z.unknown()).nullable().meta({ description: "For an edit, `changes`: the changed fields and their new values (money in micro-units; a creative's HTML by its length)." }),
});

export const auditLogSchema = z.object({
  data: z.array(auditEventResourceSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass it as `cursor` for the next (older) page; null on the last page." }),
});

export function auditLogResource(page: AuditLogPage): z.output<typeof auditLogSchema> {
  return {
    data: page.events.map((event) => ({
      id: event.id,
      createdAt: iso(event.createdAt),
      channel: event.channel,
      actor: event.channel === "SYSTEM" ? null : event.actor,
      apiKey: event.apiKey,
      action: event.action,
      target: { type: event.target.type, id: event.target.id, name: event.target.name },
      detail: (event.detail as Record<string, unknown> | null) ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}
