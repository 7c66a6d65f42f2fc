import { prisma } from "@/lib/db";
import { checkCronRequest } from "@/lib/http/cron-request";
import { toErrorResponse } from "@/lib/http/error-response";
import { runScheduledJob, type ScheduledJobName } from "./scheduled-jobs";

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
 * Errors answer as every route's do; the failure is in the log and the record.
 */
export function cronJobRoute<T extends { complete: boolean }>(name: ScheduledJobName, maxDurationSeconds: number, job: CronJob<T>) {
  return async function GET(request: Request): Promise<Response> {
    try {
      checkCronRequest(request);
      const result = await runScheduledJob(prisma, name, () => job.run((maxDurationSeconds - 10) * 1_000), (done) =>
        done.complete ? job.summary(done) : `${job.summary(done)}; stopped at its time limit, the next run carries on`,
      );
      return Response.json(job.answer(result), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
