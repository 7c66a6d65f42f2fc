import type { Actor } from "@/lib/audit/actor";
import type { DomainDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { statusChangeRefusal } from "@/lib/campaigns/status-transitions";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import type { z } from "zod";
import { campaignJson } from "@/lib/model/campaign";
import { campaignFromWriteFields, type updateCampaignBodySchema } from "./schemas/campaigns";

/**
 * PATCH semantics over the campaign form: the sent fields laid over the campaign as it is,
 * the whole validated as a saved form, then updateCampaign (scoping, status rules, cache).
 */
export async function patchCampaign(organizationId: string, campaignId: string, patch: z.output<typeof updateCampaignBodySchema>, actor: Actor, deps: DomainDeps) {
  const current = await getCampaign(organizationId, campaignId, deps);
  // The same refusal updateCampaign gives; said first, as ARCHIVED is no status one can write.
  if (current.status === "ARCHIVED") throw new AppError("conflict", statusChangeRefusal("ARCHIVED", patch.status ?? "ACTIVE"));
  const input = campaignFromWriteFields.parse({ ...campaignJson(current), ...patch });
  return updateCampaign(organizationId, campaignId, input, actor, deps);
}
