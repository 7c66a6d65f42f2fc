import type { Actor } from "@/lib/audit/actor";
import type { z } from "zod";
import { getCreative } from "@/lib/creatives/get-creative";
import { updateCreative } from "@/lib/creatives/update-creative";
import type { DomainDeps } from "@/lib/db/deps";
import { creativeJson } from "@/lib/model/creative";
import { creativeFromWriteFields, type updateCreativeBodySchema } from "./schemas/creatives";

/** PATCH semantics over the creative form: the sent fields over the creative as it is, then updateCreative. */
export async function patchCreative(organizationId: string, creativeId: string, patch: z.output<typeof updateCreativeBodySchema>, actor: Actor, deps: DomainDeps) {
  const current = await getCreative(organizationId, creativeId, deps);
  const input = creativeFromWriteFields.parse({ ...creativeJson(current), ...patch });
  return updateCreative(organizationId, creativeId, input, actor, deps);
}
