import { organizationIsVerified } from "@/lib/auth/organization-verified";
import { containsText } from "@/lib/db/contains-text";
import type { ReadDeps } from "@/lib/db/deps";
import { percentOf } from "@/lib/format/money";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/lib/model/enums";
import type { CampaignListQuery } from "@/lib/zod/schemas/campaigns";
import { decodeCampaignCursor, encodeCampaignCursor, INVALID_CAMPAIGN_CURSOR_MESSAGE } from "./campaign-cursor";
import { organizationTimeZone } from "./organization-time-zone";
import { pacingStatus, spentTodayMicros, type PacingStatus } from "./pacing-status";
import { pageSlices } from "./page-slices";
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

const statusRank: Record<CampaignStatus, number> = { ACTIVE: 0, PAUSED: 1, DRAFT: 2, COMPLETED: 3, ARCHIVED: 4 };

/** The list's order of statuses: running ones first. Within a status, newest first (then by id, so ties keep one order). */
export const CAMPAIGN_LIST_ORDER: readonly CampaignStatus[] = [...CAMPAIGN_STATUSES].sort((a, b) => statusRank[a] - statusRank[b]);
const withinStatus = [{ createdAt: "desc" }, { id: "asc" }] as const satisfies Prisma.CampaignOrderByWithRelationInput[];

/**
 * The columns a summary is made of (and the API's cursor: status, createdAt, id): not the ten
 * targeting lists, which every row would otherwise bring and parse — the overview reads every
 * live campaign of the organisation.
 */
const SUMMARY_COLUMNS = {
  id: true,
  name: true,
  status: true,
  startsAt: true,
  endsAt: true,
  pricingModel: true,
  priceMicros: true,
  tier: true,
  pacing: true,
  totalBudgetMicros: true,
  dailyBudgetMicros: true,
  spentMicros: true,
  daySpentMicros: true,
  spendDay: true,
  createdAt: true,
} as const satisfies Prisma.CampaignSelect;

type SummaryRow = Prisma.CampaignGetPayload<{ select: typeof SUMMARY_COLUMNS }>;

export type CampaignListView = CampaignListQuery["view"];

/** The statuses of the list's two tabs: archived campaigns are kept apart from the rest. */
export const CAMPAIGN_LIST_VIEWS: Record<CampaignListView, readonly CampaignStatus[]> = {
  current: CAMPAIGN_LIST_ORDER.filter((status) => status !== "ARCHIVED"),
  archived: ["ARCHIVED"],
};

export const CAMPAIGN_PAGE_SIZE = 50;

export interface CampaignPage {
  campaigns: CampaignSummary[];
  /** The query as shown: a status outside the view dropped, the page past the end made the last. */
  query: CampaignListQuery;
  pageSize: number;
  /** The campaigns on every page: the view's (or the status's) that match the search. */
  total: number;
  /** The campaigns that match the search in each tab, whatever the status and page. */
  viewCounts: Record<CampaignListView, number>;
}

/**
 * The organisation's campaigns with budget use and pacing, running ones first, newest first
 * within a status; only those of `statuses` if given. Every one of them (the advertiser's
 * overview). The campaign list pages through them with listCampaignPage, the API with
 * listCampaignsAfter.
 */
export async function listCampaigns(
  organizationId: string,
  deps: ReadDeps,
  now: Date = new Date(),
  statuses: readonly CampaignStatus[] = CAMPAIGN_LIST_ORDER,
): Promise<CampaignSummary[]> {
  const where = { organizationId, status: { in: [...statuses] } };
  const [campaigns, summarize] = await Promise.all([deps.prisma.campaign.findMany({ where, orderBy: withinStatus, select: SUMMARY_COLUMNS }), summarizer(organizationId, where, deps, now)]);
  return campaigns.map(summarize).sort((a, b) => statusRank[a.status] - statusRank[b.status]);
}

/**
 * One page of the campaign list, in listCampaigns' order, with the counts its tabs and "Showing
 * X–Y of Z" need. Counted by status in one query, then read one query per status the page
 * reaches (pageSlices); creative counts only for the campaigns on the page. A status outside the
 * view shows the whole view; a page past the end shows the last.
 */
export async function listCampaignPage(
  organizationId: string,
  query: CampaignListQuery,
  deps: ReadDeps,
  now: Date = new Date(),
  pageSize: number = CAMPAIGN_PAGE_SIZE,
): Promise<CampaignPage> {
  const where = { organizationId, ...(query.search ? { name: containsText(query.search) } : {}) };
  const byStatus = await deps.prisma.campaign.groupBy({ by: ["status"], where, _count: { _all: true } });
  const count = (status: CampaignStatus) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const countOf = (statuses: readonly CampaignStatus[]) => statuses.reduce((sum, status) => sum + count(status), 0);

  const status = query.status && CAMPAIGN_LIST_VIEWS[query.view].includes(query.status) ? query.status : undefined;
  const statuses = status ? [status] : CAMPAIGN_LIST_VIEWS[query.view];
  const total = countOf(statuses);
  const page = Math.max(1, Math.min(query.page, Math.ceil(total / pageSize)));
  const slices = pageSlices(
    statuses.map((each) => ({ status: each, count: count(each) })),
    page,
    pageSize,
  );
  const campaigns = (
    await Promise.all(slices.map(({ status, skip, take }) => deps.prisma.campaign.findMany({ where: { ...where, status }, orderBy: withinStatus, skip, take, select: SUMMARY_COLUMNS })))
  ).flat();
  const summarize = await summarizer(organizationId, { organizationId, id: { in: campaigns.map((campaign) => campaign.id) } }, deps, now);
  return {
    campaigns: campaigns.map(summarize),
    query: { ...query, status, page },
    pageSize,
    total,
    viewCounts: { current: countOf(CAMPAIGN_LIST_VIEWS.current), archived: countOf(CAMPAIGN_LIST_VIEWS.archived) },
  };
}

export const CAMPAIGN_API_PAGE_SIZE = 100;
export const MAX_CAMPAIGN_API_PAGE_SIZE = 200;

export interface CampaignCursorQuery {
  /** nextCursor of the previous page; none for the first. */
  cursor?: string;
  limit?: number;
  /** Only campaigns of this status. */
  status?: CampaignStatus;
}

export interface CampaignCursorPage {
  campaigns: CampaignSummary[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * A page of listCampaigns' order for the API, after the cursor's campaign (keyset paging:
 * a campaign created or changed between two pages neither repeats nor shifts the rest). Reads
 * one query per status the page reaches, each for what the page still lacks, plus one row to
 * tell whether a next page exists; creative counts only for the campaigns on the page. An
 * invalid cursor, or one from a listing of another status, is a 400.
 */
export async function listCampaignsAfter(organizationId: string, query: CampaignCursorQuery, deps: ReadDeps, now: Date = new Date()): Promise<CampaignCursorPage> {
  const limit = Math.min(Math.max(query.limit ?? CAMPAIGN_API_PAGE_SIZE, 1), MAX_CAMPAIGN_API_PAGE_SIZE);
  const after = query.cursor ? decodeCampaignCursor(query.cursor) : null;
  const statuses = query.status ? [query.status] : CAMPAIGN_LIST_ORDER;
  const first = after ? statuses.indexOf(after.status) : 0;
  if (first < 0) throw new AppError("bad_request", INVALID_CAMPAIGN_CURSOR_MESSAGE);
  const rows: SummaryRow[] = [];
  for (let position = first; position < statuses.length && rows.length <= limit; position += 1) {
    // In listCampaigns' order within a status: newest first, then by id.
    const keyset = after && position === first ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
    rows.push(
      ...(await deps.prisma.campaign.findMany({
        where: { organizationId, status: statuses[position]!, ...keyset },
        orderBy: withinStatus,
        take: limit + 1 - rows.length,
        select: SUMMARY_COLUMNS,
      })),
    );
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const summarize = await summarizer(organizationId, { organizationId, id: { in: page.map((campaign) => campaign.id) } }, deps, now);
  return { campaigns: page.map(summarize), nextCursor: rows.length > limit && last ? encodeCampaignCursor(last) : null };
}

/**
 * What turns a campaign row into its summary, having read what the rows do not hold: the
 * creative counts of the campaigns in `scope` (the ones to be summarised, no more), whether the
 * organisation is verified, and its time zone.
 */
async function summarizer(organizationId: string, scope: Prisma.CampaignWhereInput, deps: ReadDeps, now: Date): Promise<(campaign: SummaryRow) => CampaignSummary> {
  const [counts, organizationVerified, timeZone] = await Promise.all([
    deps.prisma.creative.groupBy({
      by: ["campaignId", "reviewStatus"],
      where: { archivedAt: null, campaign: scope },
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
  return (campaign) => {
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
  };
}
