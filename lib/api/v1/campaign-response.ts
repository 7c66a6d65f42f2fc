import { organizationTimeZone } from "@/lib/campaigns/organization-time-zone";
import { readServingStatus } from "@/lib/campaigns/read-serving-status";
import type { ReadDeps } from "@/lib/db/deps";
import type { CampaignRecord } from "@/lib/model/campaign";
import { campaignResource, type CampaignResource } from "./schemas/campaigns";

/** A campaign as the API answers it, with its serving status as the dashboard shows it at the same instant. */
export async function campaignResponse(campaign: CampaignRecord, deps: ReadDeps, now: Date = new Date()): Promise<CampaignResource> {
  const [servingStatus, timeZone] = await Promise.all([readServingStatus(campaign, deps, now), organizationTimeZone(campaign.organizationId, deps)]);
  return campaignResource(campaign, servingStatus, now, timeZone);
}
