import { AppError } from "@/lib/errors";
import { hasBearerToken } from "@/lib/http/bearer-token";
import { toErrorResponse } from "@/lib/http/error-response";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { pruneEvents } from "@/lib/events/prune-events";

// Vercel Cron (vercel.json, daily 03:00 UTC) calls this with `Authorization: Bearer <CRON_SECRET>`.
// It deletes raw impressions and clicks older than 90 days; the hourly rollups (reports) stay.

export const dynamic = "force-dynamic";
/** Seconds Vercel lets the function run; pruning stops starting batches well before. */
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  try {
    const secret = env().CRON_SECRET;
    if (!secret) {
      throw new AppError("unavailable", "CRON_SECRET is not configured: set it (16 or more random characters) to enable scheduled jobs.");
    }
    if (!hasBearerToken(request.headers.get("authorization"), secret)) {
      throw new AppError("unauthorized", "Missing or wrong cron secret.", { headers: { "WWW-Authenticate": "Bearer" } });
    }
    const result = await pruneEvents(prisma, { timeBudgetMs: (maxDuration - 10) * 1_000 });
    return Response.json(
      { cutoff: result.cutoff.toISOString(), deleted: { impressions: result.impressions, clicks: result.clicks }, complete: result.complete },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
