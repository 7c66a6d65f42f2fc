import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReviewDecision } from "@/lib/zod/schemas/review";

export interface ReviewDeps {
  prisma: PrismaClient;
  /** Drops the cached active set (invalidateActiveCampaigns in the app). */
  invalidate: () => Promise<void>;
}

export interface Reviewer {
  id: string;
  role: string;
}

export const ALREADY_REVIEWED_MESSAGE = "This creative was already reviewed.";

/**
 * Approves or rejects a pending creative. Only operators decide, and only once: a second
 * decision (e.g. two operators at the same time) is refused, the first one stands.
 * Approval makes the creative servable as soon as the cache is dropped.
 */
export async function reviewCreative(reviewer: Reviewer, decision: ReviewDecision, deps: ReviewDeps, now: Date = new Date()) {
  if (reviewer.role !== "admin") throw new AppError("forbidden", "Only operators can review creatives.");
  const { count } = await deps.prisma.creative.updateMany({
    where: { id: decision.creativeId, reviewStatus: "PENDING" },
    data: {
      reviewStatus: decision.decision === "APPROVE" ? "APPROVED" : "REJECTED",
      reviewNote: decision.reason ?? null,
      reviewedAt: now,
      reviewedById: reviewer.id,
    },
  });
  if (count === 0) {
    const exists = await deps.prisma.creative.findUnique({ where: { id: decision.creativeId }, select: { id: true } });
    throw exists ? new AppError("conflict", ALREADY_REVIEWED_MESSAGE) : new AppError("not_found", "Creative not found.");
  }
  await deps.invalidate();
  return deps.prisma.creative.findUniqueOrThrow({ where: { id: decision.creativeId } });
}
