import type { Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { SiteInput } from "@/lib/zod/schemas/sites";
import { DUPLICATE_DOMAIN_MESSAGE } from "./create-site";

/** Whether two lists of domains differ (order aside): serving decides by the set. */
function sameDomains(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((domain) => right.has(domain));
}

/**
 * Renames a site, or changes its domain, extra domains, blocked domains or disclosure label.
 * Another organisation's site is "not found" and stays as it was. The active set carries each
 * placement's domains (an ad on a page off them is served as off-domain), the domains its site
 * blocks (whose campaigns it leaves out) and its site's label (the serve answer's), so a change
 * of any of them drops the cached set.
 */
export async function updateSite(organizationId: string, siteId: string, input: SiteInput, actor: Actor, deps: DomainDeps) {
  const current = await deps.prisma.site.findFirst({ where: { id: siteId, organizationId }, select: { name: true, domain: true, extraDomains: true, blockedDomains: true, adLabel: true } });
  if (!current) throw new AppError("not_found", "Site not found.");
  const settings = { name: input.name, domain: input.domain, extraDomains: input.extraDomains, blockedDomains: input.blockedDomains, adLabel: input.adLabel };
  const changes = changedFields(current, settings);
  let count: number;
  try {
    count = await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.site.updateMany({ where: { id: siteId, organizationId }, data: settings });
      if (count > 0 && changes) await recordAuditEvent(tx, { organizationId, actor, action: "site.updated", target: { id: siteId, name: settings.name }, detail: changes });
      return count;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", DUPLICATE_DOMAIN_MESSAGE, { details: { field: "domain" } });
    throw error;
  }
  if (count === 0) throw new AppError("not_found", "Site not found.");
  const servedChange =
    current.domain !== input.domain ||
    !sameDomains(current.extraDomains, input.extraDomains) ||
    !sameDomains(current.blockedDomains, input.blockedDomains) ||
    current.adLabel !== input.adLabel;
  if (servedChange) await deps.invalidate();
  return deps.prisma.site.findUniqueOrThrow({ where: { id: siteId } });
}
