// Deploys or replicas at once (the Vercel build migrates first: scripts/vercel-build.ts; the
// Docker image on start): migrating holds Marquee's advisory lock from reading the history to
// the last migration applied, and the engine takes Prisma's (72707369) as `prisma migrate
// deploy` does, so a second migration waits for the first and every migration is applied once.
import { describe, expect, it } from "vitest";
import { migrateDatabase, migrationPaths } from "@/scripts/db/migrations";
import { MARQUEE_MIGRATE_LOCK } from "@/scripts/db/migrations/migrate-database";
import { readMigrations } from "@/scripts/db/migrations/read-migrations";
import { createPostgresDatabase, withPostgresClient } from "@/tests/support/databases";
import { waitFor } from "@/tests/support/services";

const SLOW = { timeout: 180_000 };
const PRISMA_MIGRATE_LOCK = 72707369;

async function migrationNames(): Promise<string[]> {
  const { migrationDirectories } = await readMigrations(migrationPaths().migrationsDir);
  return migrationDirectories.map((migration) => migration.path);
}

describe("concurrent migrations on PostgreSQL", () => {
  it("wait for the advisory lock another session holds, then apply", SLOW, async () => {
    const database = await createPostgresDatabase();
    try {
      await withPostgresClient(database.url, async (holder) => {
        await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
        let finished = false;
        const migration = migrateDatabase({ kind: "postgres", url: database.url }).finally(() => {
          finished = true;
        });
        try {
          // The migration's own session blocks in pg_advisory_lock: Postgres says so.
          await waitFor(
            () =>
              withPostgresClient(database.url, async (watcher) => {
                const { rows } = await watcher.query<{ waiting: number }>(
                  `SELECT count(*)::int AS waiting FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_lock%'`,
                );
                return rows[0]!.waiting === 1;
              }),
            { timeout: 60_000, interval: 100, description: "the migration to wait on the advisory lock" },
          );
          expect(finished).toBe(false);
        } finally {
          await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
        }
        expect((await migration).applied).toEqual(await migrationNames());
      });
    } finally {
      await database.drop();
    }
  });

  it("read the history only under Marquee's lock: while another migration holds it, nothing else is opened", SLOW, async () => {
    const database = await createPostgresDatabase();
    try {
      await withPostgresClient(database.url, async (holder) => {
        await holder.query("SELECT pg_advisory_lock($1)", [MARQUEE_MIGRATE_LOCK]);
        const migration = migrateDatabase({ kind: "postgres", url: database.url });
        try {
          await waitFor(
            () =>
              withPostgresClient(database.url, async (watcher) => {
                const { rows } = await watcher.query<{ waiting: number; others: number }>(
                  `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_lock%')::int AS waiting,
                          count(*)::int AS others
                     FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
                  [(await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid],
                );
                // One session of the migration, waiting; the engine (which reads the history) not connected yet.
                return rows[0]!.waiting === 1 && rows[0]!.others === 1;
              }),
            { timeout: 60_000, interval: 100, description: "the migration to wait on Marquee's lock before opening the engine" },
          );
        } finally {
          await holder.query("SELECT pg_advisory_unlock($1)", [MARQUEE_MIGRATE_LOCK]);
        }
        expect((await migration).applied).toEqual(await migrationNames());
      });
    } finally {
      await database.drop();
    }
  });

  it("started together, apply each migration once between them (none takes another's migration in progress for a failed one)", SLOW, async () => {
    const database = await createPostgresDatabase();
    try {
      const target = { kind: "postgres" as const, url: database.url };
      const results = await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(target)));
      const names = await migrationNames();
      expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
      expect(results.map((result) => result.applied.length).sort((a, b) => a - b)).toEqual([0, 0, 0, names.length]);

      const recorded = await withPostgresClient(database.url, (client) =>
        client.query<{ migration_name: string; finished: boolean }>(
          `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
        ),
      );
      expect(recorded.rows).toEqual(names.map((name) => ({ migration_name: name, finished: true })));
    } finally {
      await database.drop();
    }
  });
});
