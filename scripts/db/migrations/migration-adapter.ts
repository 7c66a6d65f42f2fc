import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/db/adapter";

// The driver adapter the schema engine talks through. It is the app's adapter (PGlite or
// node-postgres) with three fixes that only matter for migrations, where the engine runs
// whole migration.sql scripts and introspects the catalog:
//
// 1. executeScript. pglite-prisma-adapter 0.7.2 does not await `pglite.exec`, so a failing
//    migration was recorded as applied (and the error surfaced later as an unhandled
//    rejection). @prisma/adapter-pg 7.10 splits scripts on every ";", which breaks on
//    semicolons in string literals, comments or function bodies, and runs the pieces
//    outside any transaction. Here a script is sent whole with the simple query protocol,
//    as Prisma's native engine does: Postgres runs it as one implicit transaction.
// 2. "char" columns. The engine's introspection reads pg_constraint.contype and the like,
//    of type "char" (OID 18), which @prisma/adapter-pg cannot map, so every diff against a
//    Postgres database failed. Its values arrive as strings, so they are reported as text.
// 3. One connection. The engine takes `pg_advisory_lock(72707369)` (as `migrate deploy`
//    does) and never releases it; with a pool, a later command could wait on a different
//    connection for the lock an idle one still holds. One connection, ended on close().
//
// The shadow database (used to replay the migrations folder for a diff) is always a fresh
// in-memory PGlite, whatever the target: nothing is created on the real server.

export interface MigrationAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes the PGlite instance or the pg connection, and any shadow databases left open. */
  close(): Promise<void>;
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/** Opens a migration adapter on a target. `{ kind: "pglite", dataDir: "memory://" }` is an in-memory database. */
export function openMigrationAdapter(target: DatabaseTarget): MigrationAdapter {
  const shadows = new Set<PGlite>();

  async function connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = new PGlite();
    shadows.add(shadow);
    const adapter = await new PrismaPGlite(shadow).connect();
    return Object.assign(adapter, {
      executeScript: (script: string) => runScript(() => shadow.exec(script)),
      dispose: async () => {
        shadows.delete(shadow);
        await shadow.close();
      },
    });
  }

  async function closeShadows(): Promise<void> {
    await Promise.all([...shadows].map((shadow) => shadow.close()));
    shadows.clear();
  }

  if (target.kind === "pglite") {
    if (!target.dataDir.startsWith("memory://")) mkdirSync(target.dataDir, { recursive: true });
    const pglite = new PGlite(target.dataDir);
    const base = new PrismaPGlite(pglite);
    return {
      factory: {
        provider: base.provider,
        adapterName: base.adapterName,
        connect: async () =>
          Object.assign(await base.connect(), {
            executeScript: (script: string) => runScript(() => pglite.exec(script)),
          }),
        connectToShadowDb,
      },
      async close() {
        await closeShadows();
        await pglite.close();
      },
    };
  }

  const pool = new pg.Pool({ connectionString: target.url, max: 1, idleTimeoutMillis: 0 });
  reportCharColumnsAsText(pool);
  const base = new PrismaPg(pool);
  return {
    factory: {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: async () =>
        Object.assign(await base.connect(), {
          executeScript: (script: string) => runScript(() => pool.query(script)),
        }),
      connectToShadowDb,
    },
    async close() {
      await closeShadows();
      await pool.end();
    },
  };
}

/** Runs a script, turning database errors into the shape the engine reports (code, message, detail). */
async function runScript(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw toDriverAdapterError(error);
  }
}

interface DatabaseErrorFields {
  code: string;
  severity: string;
  message: string;
  detail?: string;
  column?: string;
  hint?: string;
}

function isDatabaseError(error: unknown): error is DatabaseErrorFields {
  const fields = error as Partial<DatabaseErrorFields> | null;
  return typeof fields?.code === "string" && typeof fields.severity === "string" && typeof fields.message === "string";
}

function toDriverAdapterError(error: unknown): unknown {
  if (!isDatabaseError(error)) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code,
    severity: error.severity,
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

/** See fix 2 above: rewrites the type of "char" result columns to text before the adapter maps them. */
function reportCharColumnsAsText(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as unknown as (...args: unknown[]) => Promise<pg.QueryResult | pg.QueryResult[]>;
  const patched = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const { fields } of Array.isArray(result) ? result : [result]) {
      for (const field of fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  pool.query = patched as unknown as typeof pool.query;
}
