import type { ReadDeps } from "@/lib/db/deps";
import { startOfDayIn, startOfMonthIn } from "@/lib/format/date";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { invalidTraffic, type InvalidTraffic } from "@/lib/reports/invalid-reasons";
import { campaignAttention, type Attention } from "./campaign-attention";
import { listCampaigns, type CampaignSummary } from "./list-campaigns";

const LIVE_STATUSES = ["ACTIVE", "PAUSED", "DRAFT"] as const;

/** Billed delivery: VALID events only. */
export interface DeliveryTotals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

export interface AdvertiserOverview {
  today: DeliveryTotals;
  month: DeliveryTotals;
  /** Recorded, not billed, with the reasons: beside the delivery, never in it. */
  invalid: { today: InvalidTraffic; month: InvalidTraffic };
  campaignCount: number;
  /** Campaigns that can serve now (campaignServingStatus), not merely ACTIVE ones. */
  servingCount: number;
  attention: Array<{ campaign: CampaignSummary; reasons: Attention[] }>;
}

/**
 * The dashboard: today's and this month's delivery (days and months in the organisation's
 * `timeZone`, from the hourly rollups of its campaigns: a zone half an hour off the hour
 * counts from the rollup hour after its midnight) and the campaigns that need a look.
 */
export async function getAdvertiserOverview(organizationId: string, deps: ReadDeps, now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): Promise<AdvertiserOverview> {
  const [campaigns, campaignCount, allIds] = await Promise.all([
    // Only these can serve or need attention (campaignAttention passes over COMPLETED and
    // ARCHIVED): an organisation's years of ended campaigns are counted, not summarised.
    listCampaigns(organizationId, deps, now, LIVE_STATUSES),
    deps.prisma.campaign.count({ where: { organizationId, status: { not: "ARCHIVED" } } }),
    // Every campaign's delivery counts, an ended or archived one's too.
    deps.prisma.campaign.findMany({ where: { organizationId }, select: { id: true } }),
  ]);
  const campaignIds = allIds.map((campaign) => campaign.id);
  const [today, month] = await Promise.all([deliverySince(deps, campaignIds, startOfDayIn(now, timeZone)), deliverySince(deps, campaignIds, startOfMonthIn(now, timeZone))]);
  return {
    today: today.billed,
    month: month.billed,
    invalid: { today: today.invalid, month: month.invalid },
    campaignCount,
    servingCount: campaigns.filter((campaign) => campaign.servingStatus.state === "serving").length,
    attention: campaigns
      .map((campaign) => ({ campaign, reasons: campaignAttention(campaign, now) }))
      .filter((entry) => entry.reasons.length > 0),
  };
}

/** The rollups since `since`, by validity: the VALID ones billed, the others invalid traffic. */
async function deliverySince(deps: ReadDeps, campaignIds: string[], since: Date): Promise<{ billed: DeliveryTotals; invalid: InvalidTraffic }> {
  if (campaignIds.length === 0) return { billed: { impressions: 0, clicks: 0, spendMicros: 0n }, invalid: invalidTraffic([]) };
  const rows = await deps.prisma.hourlyStat.groupBy({
    by: ["validity"],
    where: { campaignId: { in: campaignIds }, hour: { gte: since } },
    _sum: { impressions: true, clicks: true, spendMicros: true },
  });
  const sums = rows.map((row) => ({
    validity: row.validity,
    impressions: row._sum.impressions ?? 0,
    clicks: row._sum.clicks ?? 0,
    spendMicros: row._sum.spendMicros ?? 0n,
  }));
  const valid = sums.find((row) => row.validity === "VALID");
  return {
    billed: { impressions: valid?.impressions ?? 0, clicks: valid?.clicks ?? 0, spendMicros: valid?.spendMicros ?? 0n },
    invalid: invalidTraffic(sums),
  };
}
