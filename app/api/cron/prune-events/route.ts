import { toErrorResponse } from "@/lib/http/error-response";
import { checkCronRequest } from "@/lib/http/cron-request";
import { prisma } from "@/lib/db";
import { pruneEvents } from "@/lib/events/prune-events";
import { plural } from "@/lib/format/number";
import { runScheduledJob } from "@/lib/jobs/scheduled-jobs";

// Vercel Cron (vercel.json, daily 03:00 UTC) calls this with `Authorization: Bearer <CRON_SECRET>`.
// It deletes raw impressions and clicks older than 90 days; the hourly rollups (reports) stay.

export const dynamic = "force-dynamic";
/** Seconds Vercel lets the function run; pruning stops starting batches well before. */
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  try {
    checkCronRequest(request);
    const result = await runScheduledJob(
      prisma,
      "prune-events",
      () => pruneEvents(prisma, { timeBudgetMs: (maxDuration - 10) * 1_000 }),
      ({ impressions, clicks, complete }) => `deleted ${plural(impressions, "impression")} and ${plural(clicks, "click")}${complete ? "" : "; stopped at its time limit, the next run carries on"}`,
    );
    return Response.json(
      { cutoff: result.cutoff.toISOString(), deleted: { impressions: result.impressions, clicks: result.clicks }, complete: result.complete },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
