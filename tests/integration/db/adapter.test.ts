// lib/db/adapter.ts: what the driver adapters hold and when they load.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openAdapter } from "@/lib/db/adapter";
import { createPostgresDatabase } from "@/tests/support/databases";

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** The pg pool under a connected PrismaPg adapter. */
function poolOf(adapter: unknown): pg.Pool {
  return (adapter as { underlyingDriver(): pg.Pool }).underlyingDriver();
}

describe("openAdapter on Postgres", () => {
  it("hands the pool to attachDatabasePool on Vercel (a release listener keeps a suspending instance up until idle connections close), and not elsewhere", async () => {
    const database = await createPostgresDatabase();
    try {
      for (const [onVercel, listeners] of [[true, 1], [false, 0]] as const) {
        const opened = openAdapter({ kind: "postgres", url: database.url }, { poolSize: 2, onVercel });
        const adapter = await opened.factory.connect();
        try {
          expect(poolOf(adapter).listenerCount("release")).toBe(listeners);
          expect(poolOf(adapter).options.max).toBe(2);
          const result = await adapter.queryRaw({ sql: "SELECT 1 AS one", args: [], argTypes: [] });
          expect(result.rows).toEqual([[1]]);
        } finally {
          await adapter.dispose();
          await opened.close();
          await opened.close(); // twice, as a test's close after a failed start may: harmless
        }
      }
    } finally {
      await database.drop();
    }
  });
});

describe("openAdapter on the embedded database", () => {
  it("loads and opens PGlite on the first connection, not when the client is created", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "marquee-lazy-pglite-"));
    folders.push(parent);
    const dataDir = path.join(parent, "pglite");
    const opened = openAdapter({ kind: "pglite", dataDir });
    expect(opened.factory.adapterName).toBe("pglite-prisma-adapter");
    expect(existsSync(dataDir)).toBe(false);

    const adapter = await opened.factory.connect();
    try {
      expect(existsSync(dataDir)).toBe(true);
      const result = await adapter.queryRaw({ sql: "SELECT 2 AS two", args: [], argTypes: [] });
      expect(result.rows).toEqual([[2]]);
    } finally {
      await adapter.dispose();
      await opened.close();
    }
  }, 180_000); // a new PGlite cluster: seconds when idle, half a minute on a busy 2-core machine
});
