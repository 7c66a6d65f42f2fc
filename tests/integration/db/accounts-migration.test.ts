// The accounts migration's data step on a database that had keys before keys had creators:
// each existing key is given to its organisation's first owner (so it keeps working until
// that person leaves), and is read-write with no expiry, as it was.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { createDatabase } from "@/lib/db/create-client";
import { migrateDatabase, migrationPaths } from "@/scripts/db/migrations";
import { databaseSettings } from "@/tests/support/databases";

const ACCOUNTS = "20261203023414_accounts";

/** The repository's migrations before `ACCOUNTS`, in a folder of their own. */
async function migrationsBeforeAccounts(): Promise<string> {
  const { migrationsDir } = migrationPaths();
  const dir = await mkdtemp(path.join(os.tmpdir(), "marquee-before-accounts-"));
  for (const entry of await readdir(migrationsDir, { withFileTypes: true })) {
    if (entry.isDirectory() ? entry.name < ACCOUNTS : true) await cp(path.join(migrationsDir, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

const BEFORE_ACCOUNTS_DATA = `
INSERT INTO "user" ("id", "name", "email", "updatedAt") VALUES
  ('early-member', 'Early Member', 'early@example.test', now()),
  ('first-owner', 'First Owner', 'first@example.test', now()),
  ('second-owner', 'Second Owner', 'second@example.test', now());
INSERT INTO "organization" ("id", "name", "kind", "updatedAt") VALUES
  ('org-with-owners', 'With owners', 'ADVERTISER', now()),
  ('org-without-owner', 'Without owner', 'PUBLISHER', now());
INSERT INTO "membership" ("id", "organizationId", "userId", "role", "createdAt") VALUES
  ('m1', 'org-with-owners', 'early-member', 'MEMBER', '2026-01-01'),
  ('m2', 'org-with-owners', 'second-owner', 'OWNER', '2026-03-01'),
  ('m3', 'org-with-owners', 'first-owner', 'OWNER', '2026-02-01'),
  ('m4', 'org-without-owner', 'early-member', 'MEMBER', '2026-01-01');
INSERT INTO "api_key" ("id", "organizationId", "name", "prefix", "hashedKey") VALUES
  ('key-1', 'org-with-owners', 'old script', 'mq_live_aaaa', 'hash-1'),
  ('key-2', 'org-without-owner', 'ownerless', 'mq_live_bbbb', 'hash-2');
`;

describe(`the ${ACCOUNTS} migration`, () => {
  it("gives every existing key to its organisation's first owner, read-write and without expiry", { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "marquee-accounts-migration-"));
    const before = await migrationsBeforeAccounts();
    const target: DatabaseTarget = { kind: "pglite", dataDir };
    try {
      await migrateDatabase(target, { migrationsDir: before });
      const withData = async <T>(use: (prisma: ReturnType<typeof createDatabase>["prisma"]) => Promise<T>) => {
        const handle = createDatabase(databaseSettings({ kind: "pglite", dataDir }));
        try {
          return await use(handle.prisma);
        } finally {
          await handle.close();
        }
      };
      await withData((prisma) => prisma.$executeRawUnsafe(`DO $$ BEGIN ${BEFORE_ACCOUNTS_DATA} END $$;`));

      expect((await migrateDatabase(target)).applied).toContain(ACCOUNTS);

      const keys = await withData((prisma) =>
        prisma.$queryRawUnsafe<Array<{ id: string; createdById: string | null; access: string; expiresAt: Date | null }>>(
          `SELECT "id", "createdById", "access"::text AS "access", "expiresAt" FROM "api_key" ORDER BY "id"`,
        ),
      );
      expect(keys).toEqual([
        { id: "key-1", createdById: "first-owner", access: "READ_WRITE", expiresAt: null },
        // No owner to give it to: it stays without a creator and no longer authenticates.
        { id: "key-2", createdById: null, access: "READ_WRITE", expiresAt: null },
      ]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(before, { recursive: true, force: true });
    }
  });
});
