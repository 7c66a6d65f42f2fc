import type { ReadDeps } from "@/lib/db/deps";

// A member's own choice of mail about the organisation's campaigns (a rejected creative, a
// spent budget, an ended flight; lib/mail/recipients.ts reads it). Theirs alone: no one else changes it, and it
// changes nothing for the organisation, so the audit log does not record it.

/** Whether the member gets that mail (true until they turn it off). */
export async function campaignMailSetting(member: { organizationId: string; userId: string }, deps: ReadDeps): Promise<boolean> {
  const membership = await deps.prisma.membership.findUnique({ where: { organizationId_userId: member }, select: { campaignMail: true } });
  return membership?.campaignMail ?? false;
}

export async function setCampaignMail(member: { organizationId: string; userId: string }, on: boolean, deps: ReadDeps): Promise<void> {
  await deps.prisma.membership.updateMany({ where: member, data: { campaignMail: on } });
}
