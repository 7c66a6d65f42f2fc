import { withApiKey } from "@/lib/api/with-api-key";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { domainDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { campaignResource } from "@/lib/api/v1/schemas/campaigns";

/** Resumes a paused campaign, or starts a draft. */
export const POST = withApiKey<{ id: string }>(async ({ organization, params }) => {
  const { campaign } = await setCampaignStatus(organization.id, params.id, "ACTIVE", domainDeps());
  return json(campaignResource(campaign));
}, advertiserOnly);
