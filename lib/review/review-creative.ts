import { dashboardActor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { organizationMailLink } from "@/lib/mail/links";
import { creativeRejectedMail } from "@/lib/mail/messages";
import { campaignEditorAddresses } from "@/lib/mail/recipients";
import type { MailMessage } from "@/lib/mail/send-mail";
import type { ReviewDecision } from "@/lib/zod/schemas/review";

export interface ReviewDeps {
  prisma: PrismaClient;
  /** Drops the cached active set (invalidateActiveCampaigns in the app). */
  invalidate: () => Promise<void>;
  /** Sends the advertiser's mail about the decision, after the response (the review action: sendMail in after()). */
  notify?: (messages: MailMessage[]) => void;
}

/** The operator deciding, as the session knows them (the e-mail goes into the advertiser's audit log). */
export interface Reviewer {
  id: string;
  email: string;
  role: string;
}

export const ALREADY_REVIEWED_MESSAGE = "This creative was already reviewed.";

/**
 * Approves or rejects a pending creative. Only operators decide, and only once: a second
 * decision (e.g. two operators at the same time) is refused, the first one stands.
 * Approval makes the creative servable as soon as the cache is dropped. The decision goes
 * into the advertiser's audit log, in the same transaction. A rejection is mailed, with its
 * reason and a link to edit the creative, to the advertiser's members who can edit it: until
 * someone does, their campaign is short of an ad and nothing else would tell them.
 */
export async function reviewCreative(reviewer: Reviewer, decision: ReviewDecision, deps: ReviewDeps, now: Date = new Date()) {
  if (reviewer.role !== "admin") throw new AppError("forbidden", "Only operators can review creatives.");
  const approve = decision.decision === "APPROVE";
  const decided = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.creative.updateMany({
      where: { id: decision.creativeId, reviewStatus: "PENDING" },
      data: { reviewStatus: approve ? "APPROVED" : "REJECTED", reviewNote: decision.reason ?? null, reviewedAt: now, reviewedById: reviewer.id },
    });
    if (count === 0) return undefined;
    const creative = await tx.creative.findUniqueOrThrow({
      where: { id: decision.creativeId },
      select: { name: true, campaign: { select: { id: true, name: true, organizationId: true, organization: { select: { name: true } } } } },
    });
    await recordAuditEvent(tx, {
      organizationId: creative.campaign.organizationId,
      actor: dashboardActor(reviewer),
      action: approve ? "creative.approved" : "creative.rejected",
      target: { id: decision.creativeId, name: creative.name },
      detail: decision.reason ? { reason: decision.reason } : undefined,
    });
    return creative;
  });
  if (!decided) {
    const exists = await deps.prisma.creative.findUnique({ where: { id: decision.creativeId }, select: { id: true } });
    throw exists ? new AppError("conflict", ALREADY_REVIEWED_MESSAGE) : new AppError("not_found", "Creative not found.");
  }
  await deps.invalidate();
  if (!approve && deps.notify) {
    const { campaign } = decided;
    const link = organizationMailLink(campaign.organizationId, `/advertiser/campaigns/${encodeURIComponent(campaign.id)}/creatives/${encodeURIComponent(decision.creativeId)}/edit`);
    const rejected = { organization: campaign.organization.name, creative: decided.name, campaign: campaign.name, reason: decision.reason ?? "", link };
    const messages = (await campaignEditorAddresses(deps.prisma, campaign.organizationId)).map((to) => creativeRejectedMail(to, rejected));
    if (messages.length > 0) deps.notify(messages);
  }
  return deps.prisma.creative.findUniqueOrThrow({ where: { id: decision.creativeId } });
}
