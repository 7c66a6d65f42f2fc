import { z } from "zod";

/**
 * The query of a call under /api/cron. Vercel Cron sends none; Marquee's own scheduler
 * (scripts/job-scheduler.mjs), starting, sends `missed`: the last minute the job was due, to
 * be run only if no instance ran it since.
 */
export const cronRunQuerySchema = z.object({
  missed: z.iso
    .datetime({ offset: true, error: "missed must be a date and time, e.g. 2026-12-07T03:00:00Z." })
    .transform((value) => new Date(value))
    .optional(),
});
