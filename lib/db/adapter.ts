import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string };

export function databaseTarget(config: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string }): DatabaseTarget {
  if (config.DATABASE_URL) return { kind: "postgres", url: config.DATABASE_URL };
  // Relative to where the process runs (the project folder); not traced into the build.
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), config.PGLITE_DATA_DIR ?? ".data/pglite") };
}

export interface OpenedAdapter {
  target: DatabaseTarget;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases what the adapter holds (the PGlite instance; pg pools end with the client). */
  close(): Promise<void>;
}

/**
 * The driver adapter for a target. PGlite is opened in-process on a data folder that
 * only one process may hold at a time; Postgres goes through node-postgres.
 */
export function openAdapter(target: DatabaseTarget, options: { poolSize?: number; timeoutMs?: number } = {}): OpenedAdapter {
  if (target.kind === "postgres") {
    // node-postgres waits forever by default, for a connection and for an answer: a frozen
    // server would hang every request. query_timeout is enforced by the client.
    const timeoutMs = options.timeoutMs ?? 15_000;
    const factory = new PrismaPg({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: Math.min(timeoutMs, 5_000),
      query_timeout: timeoutMs,
    });
    return { target, factory, close: async () => {} };
  }
  mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir);
  return {
    target,
    factory: new PrismaPGlite(pglite),
    close: () => pglite.close(),
  };
}
