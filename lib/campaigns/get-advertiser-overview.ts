import { startOfUtcDay, startOfUtcMonth } from "@/lib/format/date";
import { campaignAttention, type Attention } from "./campaign-attention";
import type { CampaignReadDeps } from "./deps";
import { listCampaigns, type CampaignSummary } from "./list-campaigns";

export interface DeliveryTotals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

export interface AdvertiserOverview {
  today: DeliveryTotals;
  month: DeliveryTotals;
  campaignCount: number;
  activeCount: number;
  attention: Array<{ campaign: CampaignSummary; reasons: Attention[] }>;
}

/**
 * The dashboard: today's and this month's delivery (UTC, from the hourly rollups of the
 * organisation's campaigns) and the campaigns that need a look.
 */
export async function getAdvertiserOverview(organizationId: string, deps: CampaignReadDeps, now: Date = new Date()): Promise<AdvertiserOverview> {
  const campaigns = await listCampaigns(organizationId, deps, now);
  const campaignIds = campaigns.map((campaign) => campaign.id);
  const [today, month] = await Promise.all([totalsSince(deps, campaignIds, startOfUtcDay(now)), totalsSince(deps, campaignIds, startOfUtcMonth(now))]);
  return {
    today,
    month,
    campaignCount: campaigns.filter((campaign) => campaign.status !== "ARCHIVED").length,
    activeCount: campaigns.filter((campaign) => campaign.status === "ACTIVE").length,
    attention: campaigns
      .map((campaign) => ({ campaign, reasons: campaignAttention(campaign, now) }))
      .filter((entry) => entry.reasons.length > 0),
  };
}

async function totalsSince(deps: CampaignReadDeps, campaignIds: string[], since: Date): Promise<DeliveryTotals> {
  if (campaignIds.length === 0) return { impressions: 0, clicks: 0, spendMicros: 0n };
  const result = await deps.prisma.hourlyStat.aggregate({
    where: { campaignId: { in: campaignIds }, hour: { gte: since } },
    _sum: { impressions: true, clicks: true, spendMicros: true },
  });
  return {
    impressions: result._sum.impressions ?? 0,
    clicks: result._sum.clicks ?? 0,
    spendMicros: result._sum.spendMicros ?? 0n,
  };
}
