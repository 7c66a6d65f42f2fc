// Types for job-scheduler.mjs: the scheduled jobs of vercel.json, run by Marquee's own server.

export interface ScheduledCron {
  /** The job's route, e.g. "/api/cron/prune-events" (or a whole URL). */
  path: string;
  /** A five-field cron expression, in UTC, e.g. "0 3 * * *". */
  schedule: string;
}

export interface JobSchedulerOptions {
  crons: ScheduledCron[];
  /** Where the routes are, e.g. "http://127.0.0.1:3000". */
  origin: string;
  /** CRON_SECRET, sent as `Authorization: Bearer <secret>`. */
  secret: string;
  /** When set: this long after the start, each job is called once with `?missed=` its last due minute (default null: no catch-up). */
  catchUpAfterMs?: number | null;
  /** Writes a log line (default: one JSON object on stdout). */
  log?: (level: "info" | "error", fields: Record<string, unknown>, message: string) => void;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => { unref?: () => void } | undefined;
  clearTimer?: (timer: never) => void;
  fetchImpl?: typeof fetch;
  /** How long one call may take (default 5 minutes). */
  timeoutMs?: number;
}

/** Whether one field of a cron expression ("*", "5", "*\/15", "1,31", "9-17") names `value`. */
export function fieldMatches(field: string, value: number): boolean;

/** Whether a five-field cron expression names the minute of `date` (in UTC). */
export function cronMatches(expression: string, date: Date): boolean;

/** The latest minute at or before `date` that the expression names, within `lookbackMinutes` (default 8 days); null if none. */
export function previousMatch(expression: string, date: Date, lookbackMinutes?: number): Date | null;

/** Calls each job at every minute its schedule names, from the next minute on, until stop(). */
export function startJobScheduler(options: JobSchedulerOptions): { stop(): void };
