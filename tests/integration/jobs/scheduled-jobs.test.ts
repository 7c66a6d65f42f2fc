// The scheduled jobs' record (lib/jobs/scheduled-jobs.ts), on PGlite and PostgreSQL: the
// migrations give every job of vercel.json its row; each run records how it ended; the states
// the health page shows — late after a day without a success (or, never run, a day after the
// job was first expected), failing while the last run failed — come from that record; so does
// whether a starting server has a run to catch up (missedRun).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { JOB_LATE_AFTER_MS, missedRun, runScheduledJob, SCHEDULED_JOB_NAMES, SCHEDULED_JOBS, scheduledJobStates } from "@/lib/jobs/scheduled-jobs";
import { log } from "@/lib/log/logger";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const NOW = new Date("2026-12-07T08:00:00Z");
const HOUR = 3_600_000;

it("schedules in vercel.json exactly the jobs Marquee knows, at the times it tells operators", async () => {
  const { crons } = JSON.parse(await readFile(path.resolve("vercel.json"), "utf8")) as { crons: { path: string; schedule: string }[] };
  expect(crons).toEqual(SCHEDULED_JOB_NAMES.map((name) => ({ path: SCHEDULED_JOBS[name].path, schedule: SCHEDULED_JOBS[name].schedule })));
});

describe.each(BOTH_DATABASES)("the scheduled jobs' record on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    await prisma.scheduledJob.updateMany({ data: { expectedSince: new Date(NOW.getTime() - HOUR), lastSuccessAt: null, lastSummary: null, lastFailureAt: null } });
  });

  it("has a row for every job once migrated, none run yet", async () => {
    const rows = await prisma.scheduledJob.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((row) => row.name)).toEqual([...SCHEDULED_JOB_NAMES].sort());
    expect(await scheduledJobStates(prisma, true, NOW)).toEqual(
      SCHEDULED_JOB_NAMES.map((name) => ({ name, path: SCHEDULED_JOBS[name].path, every: SCHEDULED_JOBS[name].every, does: SCHEDULED_JOBS[name].does, lastSuccessAt: null, lastSummary: null, lastFailureAt: null, late: false })),
    );
  });

  it("records a run's end: what it did, or when it failed (the reason only in the log); a later success ends the failing", async () => {
    expect(await runScheduledJob(prisma, "prune-events", async () => ({ deleted: 12 }), ({ deleted }) => `deleted ${deleted}`, () => NOW)).toEqual({ deleted: 12 });
    let [prune] = await scheduledJobStates(prisma, true, NOW);
    expect(prune).toMatchObject({ name: "prune-events", lastSuccessAt: NOW.toISOString(), lastSummary: "deleted 12", lastFailureAt: null, late: false });

    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    try {
      const failedAt = new Date(NOW.getTime() + HOUR);
      await expect(
        runScheduledJob(prisma, "prune-events", () => Promise.reject(new Error("connect ECONNREFUSED postgresql://marquee:s3cret@db.internal:5432")), String, () => failedAt),
      ).rejects.toThrow("ECONNREFUSED");
      expect(logged).toHaveBeenCalledTimes(1);
      const [fields, message] = logged.mock.calls[0] as unknown as [Record<string, unknown>, string];
      expect(message).toBe("Scheduled job failed");
      expect(fields).toMatchObject({ outcome: "job_failed", job: "prune-events" });
      expect(String(fields.error)).not.toContain("s3cret");
      [prune] = await scheduledJobStates(prisma, true, failedAt);
      // The last success stays, the failure is later: failing now.
      expect(prune).toMatchObject({ lastSuccessAt: NOW.toISOString(), lastSummary: "deleted 12", lastFailureAt: failedAt.toISOString() });
      const row = await prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prune-events" } });
      expect(JSON.stringify(row)).not.toContain("ECONNREFUSED");
    } finally {
      logged.mockRestore();
    }

    const recovered = new Date(NOW.getTime() + 2 * HOUR);
    await runScheduledJob(prisma, "prune-events", async () => 0, () => "deleted 0", () => recovered);
    [prune] = await scheduledJobStates(prisma, true, recovered);
    expect(prune).toMatchObject({ lastSuccessAt: recovered.toISOString(), lastSummary: "deleted 0", lastFailureAt: null });
  });

  it("calls a job late after a day without a success, counted from when it was first expected if it never ran — only when the jobs can run", async () => {
    const lateBy = (states: Awaited<ReturnType<typeof scheduledJobStates>>) => Object.fromEntries(states.map((state) => [state.name, state.late]));
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastSuccessAt: new Date(NOW.getTime() - JOB_LATE_AFTER_MS + 60_000) } });
    await prisma.scheduledJob.update({ where: { name: "campaign-mail" }, data: { expectedSince: new Date(NOW.getTime() - JOB_LATE_AFTER_MS + 60_000) } });
    expect(lateBy(await scheduledJobStates(prisma, true, NOW))).toEqual({ "prune-events": false, "campaign-mail": false });
    const later = new Date(NOW.getTime() + 2 * 60_000);
    expect(lateBy(await scheduledJobStates(prisma, true, later))).toEqual({ "prune-events": true, "campaign-mail": true });
    // Without CRON_SECRET they cannot run: "off" says so once, not "late" for each.
    expect(lateBy(await scheduledJobStates(prisma, false, later))).toEqual({ "prune-events": false, "campaign-mail": false });
  });

  it("never turns a job's success into an error when its record cannot be written", async () => {
    const broken = { scheduledJob: { upsert: () => Promise.reject(new Error("the database went away")) } } as unknown as PrismaClient;
    const warned = vi.spyOn(log(), "warn").mockImplementation(() => {});
    try {
      expect(await runScheduledJob(broken, "campaign-mail", async () => "mailed", String, () => NOW)).toBe("mailed");
      expect(warned.mock.calls[0]?.[1]).toBe("A scheduled job's run could not be recorded");
    } finally {
      warned.mockRestore();
    }
  });

  it("calls a run missed only when the job was expected by then and has not succeeded since", async () => {
    const due = new Date("2026-12-07T03:00:00Z");
    // Expected since 07:00 (beforeEach), never run: a new install did not miss 03:00.
    expect(await missedRun(prisma, "prune-events", due)).toBe(false);
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { expectedSince: new Date(due.getTime() - 7 * 24 * HOUR) } });
    expect(await missedRun(prisma, "prune-events", due), "expected a week ago, never run").toBe(true);
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastSuccessAt: new Date(due.getTime() - 24 * HOUR) } });
    expect(await missedRun(prisma, "prune-events", due), "the last success was the day before").toBe(true);
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastFailureAt: new Date(due.getTime() + 60_000) } });
    expect(await missedRun(prisma, "prune-events", due), "a failure is no run made").toBe(true);
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastSuccessAt: due } });
    expect(await missedRun(prisma, "prune-events", due), "another instance ran it at its minute").toBe(false);
    await prisma.scheduledJob.update({ where: { name: "prune-events" }, data: { lastSuccessAt: new Date(due.getTime() + HOUR) } });
    expect(await missedRun(prisma, "prune-events", due)).toBe(false);
    // The other job's row is its own.
    expect(await missedRun(prisma, "campaign-mail", due)).toBe(false);
    // A job without its row (its migration not applied) has nothing to catch up.
    await prisma.scheduledJob.delete({ where: { name: "campaign-mail" } });
    try {
      expect(await missedRun(prisma, "campaign-mail", due)).toBe(false);
    } finally {
      await prisma.scheduledJob.create({ data: { name: "campaign-mail" } });
    }
  });
});
