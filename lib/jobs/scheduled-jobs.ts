import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";

// The jobs a scheduler calls under /api/cron — Vercel Cron from vercel.json, or off Vercel
// Marquee's own server (scripts/job-scheduler.mjs), which at its start also makes a run missed
// while no instance was up (missedRun) — and the record each run leaves (table scheduled_job),
// so that operators see at /admin/health whether they run: nothing else would tell them that
// raw events are never pruned or that no "campaign ended" mail goes out.

export const SCHEDULED_JOBS = {
  "prune-events": { path: "/api/cron/prune-events", schedule: "0 3 * * *", every: "daily at 03:00 UTC", does: "deletes raw impressions and clicks older than 90 days" },
  "campaign-mail": { path: "/api/cron/campaign-mail", schedule: "0 7 * * *", every: "daily at 07:00 UTC", does: "mails advertisers whose campaigns' flights ended" },
} as const;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;

export const SCHEDULED_JOB_NAMES = Object.keys(SCHEDULED_JOBS) as ScheduledJobName[];

/** A daily job is late once it has not succeeded for this long (a day, and slack for a slow or retried run). */
export const JOB_LATE_AFTER_MS = 26 * 3_600_000;

type JobTable = Pick<PrismaClient, "scheduledJob">;

/**
 * Runs a job and records how it ended: a success with what it did in words (`summary`), a
 * failure with its time — the reason goes to the log ("Scheduled job failed"), never into the
 * record, which operators' pages and the deep health check show. The job's own result or error
 * is the caller's either way; a record that cannot be written is logged, never the job's error.
 */
export async function runScheduledJob<T>(prisma: JobTable, name: ScheduledJobName, job: () => Promise<T>, summary: (result: T) => string, now: () => Date = () => new Date()): Promise<T> {
  let result: T;
  try {
    result = await job();
  } catch (error) {
    log().error({ outcome: "job_failed", job: name, error: describeError(error) }, "Scheduled job failed");
    const at = now();
    await record(prisma, name, { lastFailureAt: at });
    throw error;
  }
  const said = summary(result);
  log().info({ outcome: "job_done", job: name, summary: said }, "Scheduled job done");
  await record(prisma, name, { lastSuccessAt: now(), lastSummary: said });
  return result;
}

async function record(prisma: JobTable, name: ScheduledJobName, fields: { lastSuccessAt?: Date; lastSummary?: string; lastFailureAt?: Date }): Promise<void> {
  try {
    await prisma.scheduledJob.upsert({ where: { name }, create: { name, ...fields }, update: fields });
  } catch (error) {
    log().warn({ outcome: "job_record_failed", job: name, error: describeError(error) }, "A scheduled job's run could not be recorded");
  }
}

/**
 * Whether the run due at `due` was missed: the job was expected by then (its row's
 * `expectedSince`, so a new install does not count the minutes before it existed) and has not
 * succeeded since. Marquee's own scheduler asks it when its server starts, so that a run every
 * instance was down for is made then, not a day late; one any instance made is not made again.
 */
export async function missedRun(prisma: JobTable, name: ScheduledJobName, due: Date): Promise<boolean> {
  const row = await prisma.scheduledJob.findUnique({ where: { name } });
  return row !== null && row.expectedSince <= due && (row.lastSuccessAt === null || row.lastSuccessAt < due);
}

/** One job as operators see it: what it does, when it last succeeded or failed, and whether it is late. */
export interface ScheduledJobState {
  name: ScheduledJobName;
  path: string;
  every: string;
  does: string;
  lastSuccessAt: string | null;
  lastSummary: string | null;
  /** Only when later than the last success: the job is failing now. */
  lastFailureAt: string | null;
  /** Scheduled (CRON_SECRET set) and no success for JOB_LATE_AFTER_MS, counted from when it was first expected if it never ran. */
  late: boolean;
}

/** Every scheduled job's state at `now`; `scheduled`: whether the jobs can run at all (CRON_SECRET is set). */
export async function scheduledJobStates(prisma: JobTable, scheduled: boolean, now: Date): Promise<ScheduledJobState[]> {
  const rows = new Map((await prisma.scheduledJob.findMany()).map((row) => [row.name, row]));
  return SCHEDULED_JOB_NAMES.map((name) => {
    const row = rows.get(name);
    const lastSuccessAt = row?.lastSuccessAt ?? null;
    const failing = row?.lastFailureAt && (!lastSuccessAt || row.lastFailureAt > lastSuccessAt) ? row.lastFailureAt : null;
    // A job without its row (its migration not applied yet) is expected from now on.
    const since = lastSuccessAt ?? row?.expectedSince ?? now;
    const { path, every, does } = SCHEDULED_JOBS[name];
    return {
      name,
      path,
      every,
      does,
      lastSuccessAt: lastSuccessAt?.toISOString() ?? null,
      lastSummary: row?.lastSummary ?? null,
      lastFailureAt: failing?.toISOString() ?? null,
      late: scheduled && now.getTime() - since.getTime() > JOB_LATE_AFTER_MS,
    };
  });
}
