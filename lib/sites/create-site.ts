import type { ReadDeps } from "@/lib/db/deps";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { SiteInput } from "@/lib/zod/schemas/sites";

export const DUPLICATE_DOMAIN_MESSAGE = "This domain is already one of your sites.";

/**
 * Registers a site of the organisation. A site serves nothing until it has placements, so
 * the active set (which carries each placement's domains) does not change: no invalidation.
 */
export async function createSite(organizationId: string, input: SiteInput, deps: ReadDeps) {
  try {
    return await deps.prisma.site.create({ data: { organizationId, name: input.name, domain: input.domain, extraDomains: input.extraDomains } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", DUPLICATE_DOMAIN_MESSAGE, { details: { field: "domain" } });
    throw error;
  }
}
