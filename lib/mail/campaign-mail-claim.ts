import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// The one-time mails about a campaign (its budget spent, its flight ended) are sent by whoever
// claims them: an UPDATE that sets the campaign's stamp only while it is empty, so that however
// many instances or job runs see the moment, one sends. The stamp is no change of what serves:
// updatedAt, part of the active set's version (lib/ads/load-active-set.ts), is kept as it was
// — and is in the guard, so that a claim never writes an older updatedAt over an edit.

/** A campaign's stamp of a one-time mail: when it was claimed. */
export type CampaignMailStamp = "budgetSpentMailedAt" | "flightEndedMailedAt";

type CampaignTable = Pick<PrismaClient, "campaign">;

/**
 * Claims the mail `stamp` of the campaign as read (`updatedAt`), if the stamp is still empty
 * and the campaign still matches `still` (the budget or end date the mail reports). True: the
 * caller sends it.
 */
export async function claimCampaignMail(
  prisma: CampaignTable,
  stamp: CampaignMailStamp,
  campaign: { id: string; updatedAt: Date },
  still: Prisma.CampaignWhereInput,
  now: Date,
): Promise<boolean> {
  const { count } = await prisma.campaign.updateMany({
    where: { ...still, id: campaign.id, [stamp]: null, updatedAt: campaign.updatedAt },
    data: { [stamp]: now, updatedAt: campaign.updatedAt },
  });
  return count > 0;
}

/**
 * Gives a claim back when none of its messages could be sent, so that the next chance (a late
 * event, the next run of the job) tries again. Only the caller's own claim (`claimedAt`) is
 * cleared; a campaign edited in between keeps it (the edit's own rules decide).
 */
export async function releaseCampaignMail(prisma: CampaignTable, stamp: CampaignMailStamp, campaignId: string, claimedAt: Date): Promise<void> {
  const current = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { updatedAt: true } });
  if (!current) return;
  await prisma.campaign.updateMany({
    where: { id: campaignId, [stamp]: claimedAt, updatedAt: current.updatedAt },
    data: { [stamp]: null, updatedAt: current.updatedAt },
  });
}
