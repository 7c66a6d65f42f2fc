import path from "node:path";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { attachDatabasePool } from "@vercel/functions/db-connections";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PGlite } from "@electric-sql/pglite";
import type { Env } from "@/lib/config/env";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; driver?: "pg" | "neon" }
  | { kind: "pglite"; dataDir: string };

/**
 * Where the app (or, with "migrations", the schema engine) connects: the configured database's
 * pooled URL for the app, its direct URL for migrations (always over TCP).
 */
export function databaseTarget(config: Pick<Env, "database">, use: "app" | "migrations" = "app"): DatabaseTarget {
  const { database } = config;
  if (database.kind === "postgres") {
    return use === "migrations" ? { kind: "postgres", url: database.migrationUrl } : { kind: "postgres", url: database.url, driver: database.driver };
  }
  // Relative to where the process runs (the project folder); not traced into the build.
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), database.dataDir) };
}

export interface OpenedAdapter {
  target: DatabaseTarget;
  factory: SqlDriverAdapterFactory;
  /** Releases what the adapter holds (the pg pool, the PGlite instance); after the client's $disconnect. */
  close(): Promise<void>;
}

export interface AdapterOptions {
  poolSize?: number;
  timeoutMs?: number;
  /** On Vercel: idle connections are closed before the instance is suspended (attachDatabasePool). */
  onVercel?: boolean;
}

/**
 * The driver adapter for a target: node-postgres over TCP, Neon's serverless driver over
 * WebSockets, or the embedded PGlite on a data folder that one process may hold at a time.
 * The last two are loaded on the first query (a dynamic import): a production function on
 * Postgres never loads PGlite's WebAssembly, nor the WebSocket driver it does not use.
 */
export function openAdapter(target: DatabaseTarget, options: AdapterOptions = {}): OpenedAdapter {
  if (target.kind === "pglite") return openPglite(target);
  // node-postgres waits forever by default, for a connection and for an answer: a frozen
  // server would hang every request. query_timeout is enforced by the client.
  const timeoutMs = options.timeoutMs ?? 15_000;
  const poolConfig = {
    connectionString: target.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: Math.min(timeoutMs, 5_000),
    query_timeout: timeoutMs,
  };
  if (target.driver === "neon") return openNeon(target, poolConfig, options);

  const pool = new pg.Pool(poolConfig);
  // A connection that dies while idle (the server restarts, a pooler drops it) must not
  // crash the process; the next query opens a new one. PrismaPg listens too, once connected.
  pool.on("error", () => {});
  if (options.onVercel) attachDatabasePool(pool);
  return { target, factory: new PrismaPg(pool), close: endOnce(() => pool.end()) };
}

function openNeon(target: DatabaseTarget, poolConfig: { connectionString: string; max: number; connectionTimeoutMillis: number; query_timeout: number }, options: AdapterOptions): OpenedAdapter {
  let adapter: SqlDriverAdapter | undefined;
  const factory = lazyFactory("@prisma/adapter-neon", async () => {
    const [{ PrismaNeon }, { neonConfig }, { default: WebSocket }] = await Promise.all([
      import("@prisma/adapter-neon"),
      import("@neondatabase/serverless"),
      import("ws"),
    ]);
    // Node 20 has no global WebSocket; the driver speaks Postgres inside WebSocket frames.
    neonConfig.webSocketConstructor ??= WebSocket;
    const neon = new PrismaNeon(poolConfig);
    return {
      provider: neon.provider,
      adapterName: neon.adapterName,
      async connect() {
        const connected = await neon.connect();
        if (options.onVercel) attachDatabasePool(connected.underlyingDriver());
        adapter = connected;
        return connected;
      },
    };
  });
  // PrismaNeon's adapter ends its pool when the client disposes it; once more is harmless.
  return { target, factory, close: async () => adapter?.dispose() };
}

function openPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>): OpenedAdapter {
  let pglite: PGlite | undefined;
  let opening: Promise<unknown> | undefined;
  const factory = lazyFactory("pglite-prisma-adapter", () => {
    const opened = (async () => {
      const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
      mkdirSync(target.dataDir, { recursive: true });
      pglite = new PGlite(target.dataDir);
      return new PrismaPGlite(pglite);
    })();
    opening = opened.catch(() => {});
    return opened;
  });
  return {
    target,
    factory,
    async close() {
      await opening;
      await pglite?.close();
    },
  };
}

/**
 * A factory whose driver is imported on its first connection. The client reads `provider` and
 * `adapterName` when it is created, so those are known up front.
 */
function lazyFactory(adapterName: string, load: () => Promise<SqlDriverAdapterFactory>): SqlDriverAdapterFactory {
  let loading: Promise<SqlDriverAdapterFactory> | undefined;
  return {
    provider: "postgres",
    adapterName,
    async connect() {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).connect();
    },
  };
}

/** pg throws when a pool is ended twice (a test's close() after a failed start). */
function endOnce(end: () => Promise<void>): () => Promise<void> {
  let ended: Promise<void> | undefined;
  return () => (ended ??= end());
}
