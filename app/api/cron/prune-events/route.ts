import { prisma } from "@/lib/db";
import { pruneEvents } from "@/lib/events/prune-events";
import { plural } from "@/lib/format/number";
import { cronJobRoute } from "@/lib/jobs/cron-route";

// Vercel Cron (vercel.json, daily 03:00 UTC) calls this with `Authorization: Bearer <CRON_SECRET>`.
// It deletes raw impressions and clicks older than 90 days; the hourly rollups (reports) stay.

export const dynamic = "force-dynamic";
/** Seconds Vercel lets the function run; pruning stops starting batches well before. */
export const maxDuration = 60;

export const GET = cronJobRoute("prune-events", maxDuration, {
  run: (timeBudgetMs) => pruneEvents(prisma, { timeBudgetMs }),
  summary: ({ impressions, clicks }) => `deleted ${plural(impressions, "impression")} and ${plural(clicks, "click")}`,
  answer: ({ cutoff, impressions, clicks, complete }) => ({ cutoff: cutoff.toISOString(), deleted: { impressions, clicks }, complete }),
});
