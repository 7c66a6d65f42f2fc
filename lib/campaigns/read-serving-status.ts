import type { ReadDeps } from "@/lib/db/deps";
import { organizationIsVerified } from "@/lib/auth/organization-verified";
import type { CampaignRecord } from "@/lib/model/campaign";
import { organizationTimeZone } from "./organization-time-zone";
import { spentTodayMicros } from "./pacing-status";
import { campaignServingStatus, type ServingStatus } from "./serving-status";

/**
 * One campaign's serving status, reading what campaignServingStatus needs beyond the record:
 * its live approved creatives, whether its organisation may spend and the zone whose day
 * "today's budget" is. For the detail page and
 * the API's single-campaign answers; the list reads the same for all campaigns at once.
 */
export async function readServingStatus(campaign: CampaignRecord, deps: ReadDeps, now: Date = new Date()): Promise<ServingStatus> {
  const [approvedCreatives, organizationVerified, timeZone] = await Promise.all([
    deps.prisma.creative.count({ where: { campaignId: campaign.id, archivedAt: null, reviewStatus: "APPROVED" } }),
    organizationIsVerified(campaign.organizationId, deps),
    organizationTimeZone(campaign.organizationId, deps),
  ]);
  return campaignServingStatus({ ...campaign, spentTodayMicros: spentTodayMicros(campaign, now, timeZone), approvedCreatives, organizationVerified }, now);
}
