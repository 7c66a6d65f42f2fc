import type { Actor } from "@/lib/audit/actor";
import type { z } from "zod";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { getSite } from "@/lib/sites/get-site";
import { updateSite } from "@/lib/sites/update-site";
import { siteFromWriteFields, siteWriteValues, type updateSiteBodySchema } from "./schemas/sites";

/** PATCH semantics over the site form: the sent fields over the site as it is, then updateSite. */
export async function patchSite(organizationId: string, siteId: string, patch: z.output<typeof updateSiteBodySchema>, actor: Actor, deps: DomainDeps) {
  const current = await getSite(organizationId, siteId, deps);
  if (!current) throw new AppError("not_found", "Site not found.");
  const input = siteFromWriteFields.parse({ ...siteWriteValues(current), ...patch });
  return updateSite(organizationId, siteId, input, actor, deps);
}
