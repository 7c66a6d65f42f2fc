import type { z } from "zod";
import type { CampaignDeps } from "@/lib/campaigns/deps";
import { getCreative } from "@/lib/creatives/get-creative";
import { updateCreative } from "@/lib/creatives/update-creative";
import { creativeFromWriteFields, creativeWriteValues, type updateCreativeBodySchema } from "./schemas/creatives";

/** PATCH semantics over the creative form: the sent fields over the creative as it is, then updateCreative. */
export async function patchCreative(organizationId: string, creativeId: string, patch: z.output<typeof updateCreativeBodySchema>, deps: CampaignDeps) {
  const current = await getCreative(organizationId, creativeId, deps);
  const input = creativeFromWriteFields.parse({ ...creativeWriteValues(current), ...patch });
  return updateCreative(organizationId, creativeId, input, deps);
}
