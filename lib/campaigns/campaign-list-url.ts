import type { NoticeCode } from "@/lib/forms/notices";
import type { CampaignListQuery } from "@/lib/zod/schemas/campaigns";

export const CAMPAIGNS_PATH = "/advertiser/campaigns";

/**
 * The query of the campaign list's address for `query`, with only what differs from the
 * default (and `notice` first, for an action's redirect): what campaignListQuerySchema reads.
 */
export function campaignListSearchParams(query: Partial<CampaignListQuery>, notice?: NoticeCode): URLSearchParams {
  const params = new URLSearchParams();
  if (notice) params.set("notice", notice);
  if (query.view === "archived") params.set("view", "archived");
  if (query.status) params.set("status", query.status);
  if (query.search) params.set("q", query.search);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

/** The campaign list's address for `query`: always this path, whatever the query holds. */
export function campaignListUrl(query: Partial<CampaignListQuery> = {}, notice?: NoticeCode): string {
  const search = campaignListSearchParams(query, notice).toString();
  return search ? `${CAMPAIGNS_PATH}?${search}` : CAMPAIGNS_PATH;
}
