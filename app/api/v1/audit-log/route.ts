import { withApiKey } from "@/lib/api/with-api-key";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { readDeps } from "@/lib/cache/deps";
import { json } from "@/lib/api/v1/http";
import { auditLogQuerySchema, auditLogResource } from "@/lib/api/v1/schemas/audit-events";

/** The key's organisation's audit log, newest first, a page at a time. */
export const GET = withApiKey(async ({ organization, request }) => {
  const query = auditLogQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(auditLogResource(await listAuditEvents({ organizationId: organization.id, ...query }, readDeps())));
}, { permission: "audit:read" });
