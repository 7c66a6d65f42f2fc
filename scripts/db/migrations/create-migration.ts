import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema } from "./diff-migrations-to-schema";
import { migrationPaths, type MigrationPaths } from "./migration-paths";
import { MigrationError } from "./migration-error";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "./read-migrations";

export interface CreatedMigration {
  /** Folder name, `<YYYYMMDDHHMMSS>_<name>` (UTC, as `prisma migrate dev` names them). */
  name: string;
  /** Absolute path of the new migration.sql. */
  file: string;
}

export interface CreateMigrationOptions extends Partial<MigrationPaths> {
  /** Where progress lines go (default: console.log). */
  log?: (line: string) => void;
  /** Timestamp of the migration folder (default: now). */
  now?: Date;
}

/** Letters, digits and underscores; the folder name must fit `_prisma_migrations.migration_name` (255). */
export const MIGRATION_NAME_PATTERN = /^[A-Za-z0-9_]{1,200}$/;

/**
 * `prisma migrate dev --create-only` without the CLI: writes the SQL between the current
 * migrations and schema.prisma as a new migration folder (plus migration_lock.toml if it
 * is missing). Writes nothing and returns null when there is no difference.
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<CreatedMigration | null> {
  const log = options.log ?? console.log;
  if (!MIGRATION_NAME_PATTERN.test(name)) {
    throw new MigrationError(`Invalid migration name "${name}": use letters, digits and underscores only`);
  }
  const paths = migrationPaths(options);

  const sql = await diffMigrationsToSchema(paths);
  if (sql === "") {
    log("No schema changes");
    return null;
  }

  const folder = `${timestamp(options.now ?? new Date())}_${name}`;
  const dir = path.join(paths.migrationsDir, folder);
  await mkdir(paths.migrationsDir, { recursive: true });
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "EEXIST" ? new MigrationError(`Migration folder ${dir} already exists`) : error;
  });
  const file = path.join(dir, "migration.sql");
  await writeFile(file, sql, "utf8");

  const lockPath = path.join(paths.migrationsDir, MIGRATION_LOCK_FILE);
  const hasLock = await access(lockPath).then(() => true, () => false);
  if (!hasLock) await writeFile(lockPath, MIGRATION_LOCK_CONTENT, "utf8");

  log(`Created ${path.relative(process.cwd(), file)}`);
  return { name: folder, file };
}

/** YYYYMMDDHHMMSS in UTC. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}
