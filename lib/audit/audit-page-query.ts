import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isAuditTargetType, type AuditTargetType } from "./audit-actions";
import { listAuditEvents, type AuditLogPage } from "./list-audit-events";

type SearchValue = string | string[] | undefined;

export interface AuditPageSearch {
  type?: SearchValue;
  cursor?: SearchValue;
}

const first = (value: SearchValue): string | undefined => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * A page of the log for the dashboard's `?type=…&cursor=…`: an unknown type shows every
 * record, a cursor that is not ours (a hand-edited link) is told, not thrown.
 */
export async function auditPage(
  organizationId: string | "all",
  search: AuditPageSearch,
  deps: { prisma: PrismaClient },
): Promise<{ targetType?: AuditTargetType; paged: boolean } & ({ page: AuditLogPage } | { invalidCursor: true })> {
  const type = first(search.type);
  const targetType = type && isAuditTargetType(type) ? type : undefined;
  const cursor = first(search.cursor);
  try {
    return { targetType, paged: cursor !== undefined, page: await listAuditEvents({ organizationId, targetType, cursor }, deps) };
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request") return { targetType, paged: true, invalidCursor: true };
    throw error;
  }
}
