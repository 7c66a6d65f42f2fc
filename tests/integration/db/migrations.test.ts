// Migrations through the wasm schema engine (scripts/db/migrations) against PGlite and a real
// PostgreSQL: the history they record is the one `prisma migrate deploy` writes, and the
// migrated database is exactly schema.prisma, as the engine itself judges it.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { createDatabase } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { diffMigrationsToSchema, migrateDatabase, migrationPaths, schemaDrift } from "@/scripts/db/migrations";
import { readMigrations } from "@/scripts/db/migrations/read-migrations";
import { createPostgresDatabase, databaseSettings, freshPglite, freshPostgres } from "@/tests/support/databases";

const SLOW = { timeout: 180_000 };

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** The repository's migrations, with the checksum `prisma migrate deploy` records (sha256 of migration.sql). */
async function repositoryMigrations(): Promise<{ name: string; checksum: string }[]> {
  const { migrationDirectories } = await readMigrations(migrationPaths().migrationsDir);
  return migrationDirectories.map(({ path: name, migrationFile }) => {
    if (migrationFile.content.tag !== "ok") throw new Error(`${name}: ${migrationFile.content.value}`);
    return { name, checksum: createHash("sha256").update(migrationFile.content.value).digest("hex") };
  });
}

/** A Prisma client on `target` for the duration of `use` (PGlite folders admit one opener at a time). */
async function withClient<T>(target: DatabaseTarget, use: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const handle = createDatabase(databaseSettings(target));
  try {
    return await use(handle.prisma);
  } finally {
    await handle.close();
  }
}

function migrationRows(prisma: PrismaClient): Promise<MigrationRow[]> {
  return prisma.$queryRawUnsafe<MigrationRow[]>(`SELECT * FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`);
}

/** Migrate a fresh database twice and check what the engine recorded and sees. */
async function checkFreshDatabase(target: DatabaseTarget): Promise<void> {
  const expected = await repositoryMigrations();
  expect(expected.length).toBeGreaterThan(0);

  const first = await migrateDatabase(target);
  expect(first.applied).toEqual(expected.map((migration) => migration.name));

  const second = await migrateDatabase(target);
  expect(second.applied).toEqual([]);

  expect(await schemaDrift(target)).toBe("");

  const rows = await withClient(target, migrationRows);
  expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(expected);
  for (const row of rows) {
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    expect(row.rolled_back_at).toBeNull();
    expect(row.logs).toBeNull();
    expect(row.applied_steps_count).toBe(1);
  }
}

/** A copy of the repository's migrations folder that a test may add to and edit. */
async function scratchMigrations(): Promise<{ dir: string; add(name: string, sql: string): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "marquee-migrations-"));
  await cp(migrationPaths().migrationsDir, dir, { recursive: true });
  return {
    dir,
    async add(name, sql) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, "migration.sql"), sql);
    },
  };
}

// Semicolons inside a string literal and a comment: a script must reach the database whole.
const SEMICOLONS_SQL = `-- a comment; with a semicolon
CREATE TABLE "test_note" ("body" TEXT NOT NULL DEFAULT 'a;b');
INSERT INTO "test_note" ("body") VALUES ('x;y');
`;
// Fails on its second statement; the first must not survive (one implicit transaction).
const BROKEN_SQL = `CREATE TABLE "test_partial" ("x" INTEGER);
SELECT * FROM "test_missing_table";
`;

describe("the migrations folder", () => {
  it("matches schema.prisma (create a migration with npm run db:migration -- --name <name>)", SLOW, async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });
});

describe("migrating PGlite", () => {
  it("applies every migration once, records them like prisma migrate deploy, and leaves no drift", SLOW, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "marquee-migrate-test-"));
    try {
      await checkFreshDatabase({ kind: "pglite", dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("migrating PostgreSQL", () => {
  it("applies every migration once, records them like prisma migrate deploy, and leaves no drift", SLOW, async () => {
    // Created in the test, not in a hook, so that a missing TEST_POSTGRES_URL fails the test instead of skipping it.
    const database = await createPostgresDatabase();
    try {
      await checkFreshDatabase({ kind: "postgres", url: database.url });
    } finally {
      await database.drop();
    }
  });
});

describe.each([
  { name: "PGlite", kind: "pglite" as const },
  { name: "PostgreSQL", kind: "postgres" as const },
])("migration scripts and refusals on $name", ({ kind }) => {
  // Set up on first use by each test (not in beforeAll, whose failure would only skip the
  // tests): without TEST_POSTGRES_URL, every PostgreSQL test fails with the reason.
  let setup: Promise<{ target: DatabaseTarget; cleanup(): Promise<void> }> | undefined;
  let scratch: Awaited<ReturnType<typeof scratchMigrations>> | undefined;

  async function database(): Promise<{ target: DatabaseTarget; migrations: Awaited<ReturnType<typeof scratchMigrations>> }> {
    setup ??= (async () => {
      if (kind === "pglite") {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), "marquee-migrate-test-"));
        return { target: { kind, dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
      }
      const created = await createPostgresDatabase();
      return { target: { kind, url: created.url }, cleanup: created.drop };
    })();
    const { target } = await setup;
    scratch ??= await scratchMigrations();
    return { target, migrations: scratch };
  }

  afterAll(async () => {
    await setup?.then((ready) => ready.cleanup(), () => {});
    if (scratch) await rm(scratch.dir, { recursive: true, force: true });
  });

  it("runs a script whole: semicolons in strings and comments", SLOW, async () => {
    const { target, migrations } = await database();
    await migrations.add("20990101000000_semicolons", SEMICOLONS_SQL);
    const { applied } = await migrateDatabase(target, { migrationsDir: migrations.dir });
    expect(applied.at(-1)).toBe("20990101000000_semicolons");
    const notes = await withClient(target, (prisma) =>
      prisma.$queryRawUnsafe<{ body: string }[]>(`SELECT "body" FROM "test_note"`),
    );
    expect(notes).toEqual([{ body: "x;y" }]);
  });

  it("refuses a migration edited after it was applied, naming it", SLOW, async () => {
    const { target, migrations } = await database();
    const file = path.join(migrations.dir, "20990101000000_semicolons", "migration.sql");
    await writeFile(file, `${SEMICOLONS_SQL}-- edited\n`);
    await expect(migrateDatabase(target, { migrationsDir: migrations.dir })).rejects.toThrow(
      /Migration 20990101000000_semicolons was modified after it was applied/,
    );
    await writeFile(file, SEMICOLONS_SQL);
    expect((await migrateDatabase(target, { migrationsDir: migrations.dir })).applied).toEqual([]);
  });

  it("reports a failing migration by name, keeps none of it, then refuses to go on", SLOW, async () => {
    const { target, migrations } = await database();
    await migrations.add("20990102000000_broken", BROKEN_SQL);
    await expect(migrateDatabase(target, { migrationsDir: migrations.dir })).rejects.toThrow(
      /^Migration 20990102000000_broken failed: .*test_missing_table/,
    );
    const partial = await withClient(target, (prisma) =>
      prisma.$queryRawUnsafe<{ exists: boolean }[]>(`SELECT to_regclass('public.test_partial') IS NOT NULL AS "exists"`),
    );
    expect(partial).toEqual([{ exists: false }]);
    const rows = await withClient(target, migrationRows);
    expect(rows.find((row) => row.migration_name === "20990102000000_broken")?.finished_at).toBeNull();

    await expect(migrateDatabase(target, { migrationsDir: migrations.dir })).rejects.toThrow(
      /Migration 20990102000000_broken is recorded as failed/,
    );
  });
});

describe("test databases (tests/support/databases)", () => {
  it("freshPglite gives a migrated database and removes it on close", SLOW, async () => {
    const database = await freshPglite();
    try {
      expect(await database.prisma.organization.count()).toBe(0);
      const rows = await migrationRows(database.prisma);
      expect(rows.map((row) => row.migration_name)).toEqual((await repositoryMigrations()).map((m) => m.name));
    } finally {
      await database.close();
    }
    if (database.target.kind !== "pglite") throw new Error("expected a PGlite target");
    await expect(readFile(path.join(database.target.dataDir, "PG_VERSION"))).rejects.toThrow();
  });

  it("freshPostgres gives a migrated database of its own and drops it on close", SLOW, async () => {
    const database = await freshPostgres();
    try {
      expect(new URL(database.url).pathname).toMatch(/^\/marquee_test_[0-9a-f]+$/);
      expect(await database.prisma.organization.count()).toBe(0);
      expect(await schemaDrift(database.target)).toBe("");
    } finally {
      await database.close();
    }
    await expect(migrateDatabase(database.target)).rejects.toThrow(/does not exist|Could not connect/);
  });
});
