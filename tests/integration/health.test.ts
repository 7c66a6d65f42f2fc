import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-client";
import { checkHealth } from "@/lib/health/check-health";
import { databaseSettings, freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { freePort } from "@/tests/support/services";

describe("checkHealth", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshPglite();
    // Open and ready, as a serving instance's database is: the first query of a new PGlite
    // loads it, which on a busy CI machine takes longer than the health probe's 2 s.
    await database.prisma.$queryRaw`SELECT 1`;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("reports ok with a reachable database and no Redis configured", async () => {
    const report = await checkHealth({ prisma: database.prisma, cacheState: async () => "not-configured" });
    expect(report).toEqual({ status: "ok", database: "ok", cache: "not-configured" });
  });

  it("reports the database down when it cannot be reached", async () => {
    const port = await freePort();
    const unreachable = createDatabase(databaseSettings({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${port}/none` }));
    try {
      const report = await checkHealth({ prisma: unreachable.prisma, cacheState: async () => "not-configured" });
      expect(report).toEqual({ status: "down", database: "down", cache: "not-configured" });
    } finally {
      await unreachable.close();
    }
  });

  it("reports degraded when Redis is configured but down", async () => {
    const report = await checkHealth({ prisma: database.prisma, cacheState: async () => "down" });
    expect(report).toEqual({ status: "degraded", database: "ok", cache: "down" });
  });
});
