import type { ReadDeps } from "@/lib/db/deps";
import { campaignNotFound } from "./campaign-data";

/** One campaign of the organisation with its creatives (live first, newest first); another organisation's is not found. */
export async function getCampaign(organizationId: string, campaignId: string, deps: ReadDeps) {
  const campaign = await deps.prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    include: { creatives: { orderBy: [{ createdAt: "desc" }, { id: "asc" }] } },
  });
  if (!campaign) throw campaignNotFound();
  campaign.creatives.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null));
  return campaign;
}

export type CampaignWithCreatives = Awaited<ReturnType<typeof getCampaign>>;
