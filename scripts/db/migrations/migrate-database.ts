import pg from "pg";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { migrationPaths, type MigrationPaths } from "./migration-paths";
import { MigrationError } from "./migration-error";
import { readMigrations } from "./read-migrations";
import { NO_EXTERNAL_ENTITIES, withSchemaEngine } from "./with-schema-engine";

export interface MigrateResult {
  /** Folder names of the migrations applied by this call, in order (empty when up to date). */
  applied: string[];
}

/**
 * `prisma migrate deploy` without the CLI: applies the migrations of the migrations folder
 * that the database has not recorded yet, in order. The engine's own `applyMigrations`
 * does the work, so `_prisma_migrations` is written exactly as the CLI writes it (sha256
 * checksum of migration.sql, started_at/finished_at, applied_steps_count, under Prisma's
 * advisory lock) and `prisma migrate deploy` elsewhere sees the same history.
 *
 * Stricter than `migrate deploy` on one point: a migration whose migration.sql changed
 * after it was applied is refused, since the database no longer matches the folder.
 */
export async function migrateDatabase(target: DatabaseTarget, paths: Partial<MigrationPaths> = {}): Promise<MigrateResult> {
  const migrationsList = await readMigrations(migrationPaths(paths).migrationsDir);
  for (const { path: name, migrationFile } of migrationsList.migrationDirectories) {
    if (migrationFile.content.tag === "error") {
      throw new MigrationError(`Migration ${name} has no readable migration.sql (${migrationFile.content.value})`);
    }
  }

  return withMigrationLock(target, () => withSchemaEngine(target, async (engine) => {
    const history = await engine
      .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_EXTERNAL_ENTITIES })
      .catch((error: unknown) => {
        throw MigrationError.fromEngine(error, "Could not read the migration history");
      });

    const failed = history.failedMigrationNames[0];
    if (failed !== undefined) {
      throw new MigrationError(
        `Migration ${failed} is recorded as failed in _prisma_migrations. Repair the database by hand, then mark it ` +
          `rolled back (prisma migrate resolve --rolled-back ${failed}) before migrating again.`,
      );
    }
    const edited = history.editedMigrationNames[0];
    if (edited !== undefined) {
      throw new MigrationError(
        `Migration ${edited} was modified after it was applied (its checksum no longer matches _prisma_migrations). ` +
          `Restore its migration.sql and put the change in a new migration.`,
      );
    }

    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_EXTERNAL_ENTITIES });
      return { applied: appliedMigrationNames };
    } catch (error) {
      // Name the migration that broke: the engine recorded it as failed before giving up.
      const after = await engine
        .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_EXTERNAL_ENTITIES })
        .catch(() => undefined);
      const broken = after?.failedMigrationNames.at(-1);
      throw MigrationError.fromEngine(error, broken ? `Migration ${broken} failed` : "Migrating failed");
    }
  }));
}

/**
 * Marquee's own advisory lock around reading the history AND applying. The engine takes
 * Prisma's lock (72707369) only inside applyMigrations, so a second deploy or replica that read
 * the history meanwhile saw the first one's migration in progress (finished_at still empty) and
 * took it for a failed one. Another key, in a session of its own: the engine's lock on its own
 * connection is then never waited on by this session, so nothing deadlocks.
 */
export const MARQUEE_MIGRATE_LOCK = 72707370;

async function withMigrationLock<T>(target: DatabaseTarget, use: () => Promise<T>): Promise<T> {
  // PGlite: one process holds the database folder, so nothing runs beside it.
  if (target.kind !== "postgres") return use();
  const client = new pg.Client({ connectionString: target.url });
  // A connection that drops while the lock is held is an error of the migration, not of the process.
  client.on("error", () => {});
  await client.connect().catch((error: unknown) => {
    throw MigrationError.fromEngine(error, "Could not connect to the database");
  });
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MARQUEE_MIGRATE_LOCK]);
    return await use();
  } finally {
    // Ending the session releases the lock too; unlock first so the next waiter goes at once.
    await client.query("SELECT pg_advisory_unlock($1)", [MARQUEE_MIGRATE_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}
