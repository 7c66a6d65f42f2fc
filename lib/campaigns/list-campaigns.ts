import { organizationIsVerified } from "@/lib/auth/organization-verified";
import type { ReadDeps } from "@/lib/db/deps";
import { percentOf } from "@/lib/format/money";
import type { CampaignStatus } from "@/lib/model/enums";
import { organizationTimeZone } from "./organization-time-zone";
import { pacingStatus, spentTodayMicros, type PacingStatus } from "./pacing-status";
import { campaignServingStatus, type ServingStatus } from "./serving-status";

export interface CreativeCounts {
  approved: number;
  pending: number;
  rejected: number;
}

export interface CampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  startsAt: Date;
  endsAt: Date | null;
  pricingModel: "CPM" | "CPC";
  priceMicros: bigint;
  tier: "SPONSORSHIP" | "STANDARD" | "HOUSE";
  pacing: "EVEN" | "ASAP";
  totalBudgetMicros: bigint;
  dailyBudgetMicros: bigint | null;
  spentMicros: bigint;
  spentTodayMicros: bigint;
  /** Share of the total budget spent, 0–100 with two decimals; null without a budget. */
  budgetUsedPercent: number | null;
  pacingStatus: PacingStatus;
  /** Whether it can serve now, or the first reason it cannot (campaignServingStatus). */
  servingStatus: ServingStatus;
  /** Live (not archived) creatives by review status. */
  creativeCounts: CreativeCounts;
}

const statusOrder: Record<CampaignStatus, number> = { ACTIVE: 0, PAUSED: 1, DRAFT: 2, COMPLETED: 3, ARCHIVED: 4 };

/** The organisation's campaigns with budget use and pacing: running ones first, newest first within a status. */
export async function listCampaigns(organizationId: string, deps: ReadDeps, now: Date = new Date()): Promise<CampaignSummary[]> {
  const [campaigns, counts, organizationVerified, timeZone] = await Promise.all([
    deps.prisma.campaign.findMany({ where: { organizationId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    deps.prisma.creative.groupBy({
      by: ["campaignId", "reviewStatus"],
      where: { archivedAt: null, campaign: { organizationId } },
      _count: { _all: true },
    }),
    organizationIsVerified(organizationId, deps),
    organizationTimeZone(organizationId, deps),
  ]);
  const countsByCampaign = new Map<string, CreativeCounts>();
  for (const row of counts) {
    const entry = countsByCampaign.get(row.campaignId) ?? { approved: 0, pending: 0, rejected: 0 };
    const key = row.reviewStatus === "APPROVED" ? "approved" : row.reviewStatus === "REJECTED" ? "rejected" : "pending";
    entry[key] += row._count._all;
    countsByCampaign.set(row.campaignId, entry);
  }
  return campaigns
    .map((campaign) => {
      const spentToday = spentTodayMicros(campaign, now, timeZone);
      const creativeCounts = countsByCampaign.get(campaign.id) ?? { approved: 0, pending: 0, rejected: 0 };
      return {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        startsAt: campaign.startsAt,
        endsAt: campaign.endsAt,
        pricingModel: campaign.pricingModel,
        priceMicros: campaign.priceMicros,
        tier: campaign.tier,
        pacing: campaign.pacing,
        totalBudgetMicros: campaign.totalBudgetMicros,
        dailyBudgetMicros: campaign.dailyBudgetMicros,
        spentMicros: campaign.spentMicros,
        spentTodayMicros: spentToday,
        budgetUsedPercent: percentOf(campaign.spentMicros, campaign.totalBudgetMicros),
        pacingStatus: pacingStatus({ ...campaign, spentTodayMicros: spentToday }, now, timeZone),
        servingStatus: campaignServingStatus({ ...campaign, spentTodayMicros: spentToday, approvedCreatives: creativeCounts.approved, organizationVerified }, now),
        creativeCounts,
      };
    })
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
}
