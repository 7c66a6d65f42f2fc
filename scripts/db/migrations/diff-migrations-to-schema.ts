import { migrationPaths, type MigrationPaths } from "./migration-paths";
import { MigrationError } from "./migration-error";
import { MIGRATION_LOCK_CONTENT, readMigrations } from "./read-migrations";
import { readSchema } from "./read-schema";
import { NO_EXTERNAL_ENTITIES, withSchemaEngine } from "./with-schema-engine";

/**
 * The SQL that goes from the end state of the migrations folder to schema.prisma (empty
 * string when they agree): what the next migration must contain. The engine replays the
 * folder into a shadow database, an in-memory PGlite, so no database needs to be running.
 */
export async function diffMigrationsToSchema(paths: Partial<MigrationPaths> = {}): Promise<string> {
  const { schemaPath, migrationsDir } = migrationPaths(paths);
  const [files, migrations] = await Promise.all([readSchema(schemaPath), readMigrations(migrationsDir)]);
  // The engine picks the SQL dialect of a migrations folder from its lock file; the very
  // first migration is created before that file exists.
  const lockfile = { ...migrations.lockfile, content: migrations.lockfile.content ?? MIGRATION_LOCK_CONTENT };

  return withSchemaEngine({ kind: "pglite", dataDir: "memory://" }, async (engine) => {
    const result = await engine
      .diff({
        from: { tag: "migrations", ...migrations, lockfile },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true, // 0: no difference, 2: a difference
        filters: NO_EXTERNAL_ENTITIES,
      })
      .catch((error: unknown) => {
        throw MigrationError.fromEngine(error, "Could not compare the migrations with schema.prisma");
      });
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  });
}
