import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { SiteInput } from "@/lib/zod/schemas/sites";

export const DUPLICATE_DOMAIN_MESSAGE = "This domain is already one of your sites.";

/**
 * Registers a site of the organisation. A site serves nothing until it has placements, so
 * the active set (which carries each placement's domains) does not change: no invalidation.
 */
export async function createSite(organizationId: string, input: SiteInput, actor: Actor, deps: ReadDeps) {
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const site = await tx.site.create({ data: { organizationId, name: input.name, domain: input.domain, extraDomains: input.extraDomains, blockedDomains: input.blockedDomains, adLabel: input.adLabel } });
      await recordAuditEvent(tx, { organizationId, actor, action: "site.created", target: site, detail: { domain: site.domain, extraDomains: site.extraDomains, blockedDomains: site.blockedDomains, adLabel: site.adLabel } });
      return site;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", DUPLICATE_DOMAIN_MESSAGE, { details: { field: "domain" } });
    throw error;
  }
}
