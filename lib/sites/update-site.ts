import { ApiError } from "@/lib/api/errors";
import type { SiteInput } from "@/lib/zod/schemas/sites";
import { DUPLICATE_DOMAIN_MESSAGE } from "./create-site";
import { isUniqueViolation } from "./is-unique-violation";
import type { PublisherReadDeps } from "./site-deps";

/**
 * Renames a site or changes its domain. Another organisation's site is "not found" and
 * stays as it was. Serving does not read sites, so the cache is left alone.
 */
export async function updateSite(organizationId: string, siteId: string, input: SiteInput, deps: PublisherReadDeps) {
  let count: number;
  try {
    ({ count } = await deps.prisma.site.updateMany({ where: { id: siteId, organizationId }, data: { name: input.name, domain: input.domain } }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", DUPLICATE_DOMAIN_MESSAGE, { details: { field: "domain" } });
    throw error;
  }
  if (count === 0) throw new ApiError("not_found", "Site not found.");
  return deps.prisma.site.findUniqueOrThrow({ where: { id: siteId } });
}
