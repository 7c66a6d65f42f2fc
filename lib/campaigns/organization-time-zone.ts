import type { ReadDeps } from "@/lib/db/deps";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";

/** The zone whose days a campaign's daily budget, pacing and "today" keep: its organisation's (UTC if it is gone). */
export async function organizationTimeZone(organizationId: string, deps: ReadDeps): Promise<string> {
  const organization = await deps.prisma.organization.findUnique({ where: { id: organizationId }, select: { timeZone: true } });
  return organization?.timeZone ?? DEFAULT_TIME_ZONE;
}
