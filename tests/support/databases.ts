// Fresh, migrated databases for tests, each with a Prisma client from createDatabase().
//
//   const db = await freshPglite();        // a temp PGlite folder, in-process
//   const db = await freshPostgres();      // a new database on the suite's PostgreSQL
//   afterAll(() => db.close());            // disconnects, then deletes the folder / drops the database
import { createHash, randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseEnv } from "@/lib/config/env";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { createDatabase, type DatabaseSettings } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { migrateDatabase, migrationPaths } from "@/scripts/db/migrations";
import { readMigrations } from "@/scripts/db/migrations/read-migrations";
import { requireEnv } from "./services";

export interface FreshDatabase {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Disconnects the client, then removes the database. */
  close(): Promise<void>;
}

export interface FreshPostgres extends FreshDatabase {
  /** Connection string of the new database (e.g. for a child process). */
  url: string;
}

/**
 * A migrated PGlite database in a new temp folder. Creating a PGlite cluster takes several
 * seconds, so the first call migrates a template folder (one per migration history and
 * PGlite version, shared by test processes through os.tmpdir()) and every call copies it.
 */
export async function freshPglite(): Promise<FreshDatabase> {
  const template = await pgliteTemplate();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "marquee-pglite-"));
  await cp(template, dataDir, { recursive: true });
  const handle = createDatabase(databaseSettings({ kind: "pglite", dataDir }));
  return {
    prisma: handle.prisma,
    target: handle.target,
    async close() {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface FreshPostgresOptions {
  /**
   * The Prisma client's deadline per query (DATABASE_TIMEOUT_MS; 15 s by default, as deployed).
   * A test whose own queries are long (a year of rollups) gives them more; a bulk fixture load
   * goes through a client without a deadline instead (see withPostgresClient).
   */
  timeoutMs?: number;
  /** Connections of the Prisma client's pool (5 by default); 1 puts every query on one connection and its plan cache. */
  poolSize?: number;
}

/** A migrated database of its own on the suite's PostgreSQL (TEST_POSTGRES_URL, set by `npm test`). */
export async function freshPostgres(options: FreshPostgresOptions = {}): Promise<FreshPostgres> {
  const database = await createPostgresDatabase();
  try {
    await migrateDatabase({ kind: "postgres", url: database.url });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const handle = createDatabase(databaseSettings({ kind: "postgres", url: database.url }, { poolSize: options.poolSize ?? 5, timeoutMs: options.timeoutMs }));
  return {
    prisma: handle.prisma,
    target: handle.target,
    url: database.url,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * What createDatabase() takes for a target, resolved by parseEnv() as the app resolves its own
 * (a Postgres target through DATABASE_URL; pool of 1 unless told).
 */
export function databaseSettings(target: DatabaseTarget, options: { poolSize?: number; timeoutMs?: number; driver?: "pg" | "neon" } = {}): DatabaseSettings {
  return parseEnv({
    ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : { PGLITE_DATA_DIR: target.dataDir }),
    DATABASE_POOL_SIZE: String(options.poolSize ?? 1),
    DATABASE_TIMEOUT_MS: options.timeoutMs === undefined ? undefined : String(options.timeoutMs),
    DATABASE_DRIVER: options.driver,
  });
}

/**
 * An empty database `marquee_test_<random>` on TEST_POSTGRES_URL (an admin connection to
 * a throwaway server). Fails, rather than skips, when the variable is missing: these
 * tests must run, through `npm test`.
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = requireEnv("TEST_POSTGRES_URL");
  const name = `marquee_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/**
 * Runs `run` with a plain node-postgres client on `url`, without a query deadline: for set-up
 * such as a bulk fixture load, which may take minutes on a loaded machine. The caller's hook
 * timeout bounds it.
 */
export async function withPostgresClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function withAdmin(url: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  await withPostgresClient(url, run);
}

async function pgliteTemplate(): Promise<string> {
  const dir = path.join(os.tmpdir(), `marquee-pglite-template-${await templateKey()}`);
  if (await stat(dir).then(() => true, () => false)) return dir;
  // Built aside and renamed into place only once migrated and closed, so a crash or a
  // concurrent test process never leaves or sees a half-built template.
  const building = await mkdtemp(`${dir}-building-`);
  try {
    await migrateDatabase({ kind: "pglite", dataDir: building });
    await rename(building, dir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    // Another process renamed its template first: equally good.
    if (!(await stat(dir).then(() => true, () => false))) throw error;
  }
  return dir;
}

/** Changes with the migrations folder and with PGlite's version (its on-disk format). */
async function templateKey(): Promise<string> {
  const { migrationDirectories } = await readMigrations(migrationPaths().migrationsDir);
  const pgliteVersion = await readFile(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")
    .then((text) => (JSON.parse(text) as { version: string }).version)
    .catch(() => "unknown");
  const hash = createHash("sha256").update(`pglite ${pgliteVersion}\n`);
  for (const { path: name, migrationFile } of migrationDirectories) {
    hash.update(`${name}\n${migrationFile.content.value}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Both databases a test runs on when the store matters (describe.each(BOTH_DATABASES)("on $name", …)). */
export const BOTH_DATABASES: readonly { name: string; open: () => Promise<FreshDatabase> }[] = [
  { name: "PGlite", open: () => freshPglite() },
  { name: "PostgreSQL", open: () => freshPostgres() },
];
