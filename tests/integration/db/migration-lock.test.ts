// Two deploys at once (the Vercel build migrates first: scripts/vercel-build.ts): migrating
// takes Postgres' advisory lock 72707369, as `prisma migrate deploy` does, so a second
// migration waits for the first and every migration is applied exactly once.
import { describe, expect, it } from "vitest";
import { migrateDatabase, migrationPaths } from "@/scripts/db/migrations";
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

  it("started together, apply each migration once between them", SLOW, async () => {
    const database = await createPostgresDatabase();
    try {
      const target = { kind: "postgres" as const, url: database.url };
      const [first, second] = await Promise.all([migrateDatabase(target), migrateDatabase(target)]);
      const names = await migrationNames();
      expect([...first.applied, ...second.applied].sort()).toEqual(names);
      expect([first.applied.length, second.applied.length].sort()).toEqual([0, names.length]);

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
