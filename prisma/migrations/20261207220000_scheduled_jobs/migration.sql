-- The scheduled jobs under /api/cron, one row each: each run records its end, so that operators
-- see at /admin/health whether the jobs run (lib/jobs/scheduled-jobs.ts). A job added later adds
-- its row in its own migration (tests/integration/jobs/scheduled-jobs.test.ts checks the rows
-- against vercel.json).
CREATE TABLE "scheduled_job" (
    "name" TEXT NOT NULL,
    "expectedSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSuccessAt" TIMESTAMP(3),
    "lastSummary" TEXT,
    "lastFailureAt" TIMESTAMP(3),

    CONSTRAINT "scheduled_job_pkey" PRIMARY KEY ("name")
);

INSERT INTO "scheduled_job" ("name") VALUES ('prune-events'), ('campaign-mail');
