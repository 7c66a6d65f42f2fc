import type { ReadDeps } from "@/lib/db/deps";
import { organizationIsVerified } from "@/lib/auth/organization-verified";
import type { CampaignRecord } from "@/lib/model/campaign";
import { spentTodayMicros } from "./pacing-status";
import { campaignServingStatus, type ServingStatus } from "./serving-status";

/**
 * One campaign's serving status, reading what campaignServingStatus needs beyond the record:
 * its live approved creatives and whether its organisation may spend. For the detail page and
 * the API's single-campaign answers; the list reads the same for all campaigns at once.
 */
export async function readServingStatus(campaign: CampaignRecord, deps: ReadDeps, now: Date = new Date()): Promise<ServingStatus> {
  const [approvedCreatives, organizationVerified] = await Promise.all([
    deps.prisma.creative.count({ where: { campaignId: campaign.id, archivedAt: null, reviewStatus: "APPROVED" } }),
    organizationIsVerified(campaign.organizationId, deps),
  ]);
  return campaignServingStatus({ ...campaign, spentTodayMicros: spentTodayMicros(campaign, now), approvedCreatives, organizationVerified }, now);
}
