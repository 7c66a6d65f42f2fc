import { prisma } from "@/lib/db";
import { checkCronRequest } from "@/lib/http/cron-request";
import { toErrorResponse } from "@/lib/http/error-response";
import { cronRunQuerySchema } from "@/lib/zod/schemas/scheduled-jobs";
import { missedRun, runScheduledJob, type ScheduledJobName } from "./scheduled-jobs";

export interface CronJob<T extends { complete: boolean }> {
  /** Does the work, starting nothing new once `timeBudgetMs` has passed (the next run carries on). */
  run: (timeBudgetMs: number) => Promise<T>;
  /** What the run did, in words, for the record and the log ("deleted 12 impressions and 3 clicks"). */
  summary: (result: T) => string;
  /** The route's JSON answer. */
  answer: (result: T) => unknown;
}

/**
 * The GET handler of a job under /api/cron: the cron secret (lib/http/cron-request.ts), then the
 * job, recorded (runScheduledJob), stopping 10 s before the route's `maxDurationSeconds`.
 * With `?missed=<when it was due>` (Marquee's own scheduler, at its server's start) the job runs
 * only if that run was missed (missedRun), and its record says it caught up.
 * Errors answer as every route's do; the failure is in the log and the record.
 */
export function cronJobRoute<T extends { complete: boolean }>(name: ScheduledJobName, maxDurationSeconds: number, job: CronJob<T>) {
  return async function GET(request: Request): Promise<Response> {
    try {
      checkCronRequest(request);
      const { missed } = cronRunQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
      if (missed && !(await missedRun(prisma, name, missed))) {
        return Response.json({ ran: false, missed: missed.toISOString(), reason: "Not missed: a run succeeded since then, or the job was not expected yet." }, { headers: { "Cache-Control": "no-store" } });
      }
      const result = await runScheduledJob(prisma, name, () => job.run((maxDurationSeconds - 10) * 1_000), (done) =>
        [job.summary(done), done.complete ? null : "stopped at its time limit, the next run carries on", missed ? `caught up the run due ${utcMinute(missed)}` : null].filter(Boolean).join("; "),
      );
      return Response.json(job.answer(result), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** "2026-12-07 03:00 UTC": the minute a run was due, as the record and the log say it. */
function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
