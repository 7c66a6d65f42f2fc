// npm run db:migrate — applies pending migrations to the configured database, offline: its
// direct connection (DATABASE_URL_UNPOOLED or POSTGRES_URL_NON_POOLING where an integration
// sets one, else the app's URL: lib/config/env.ts), or the PGlite folder PGLITE_DATA_DIR when
// no database URL is set. The Vercel build runs it before the new code serves.
import { parseEnv } from "@/lib/config/env";
import { databaseTarget, type DatabaseTarget } from "@/lib/db/adapter";
import { migrateDatabase } from "./migrations";

async function main(): Promise<void> {
  // A tool, not a start: the server refuses unsafe production settings itself.
  const config = parseEnv(process.env, { startup: false });
  const target = databaseTarget(config, "migrations");
  const through = config.database.kind === "postgres" ? ` (${config.database.migrationUrlVariable})` : "";
  console.log(`Migrating ${describe(target)}${through}`);
  const { applied } = await migrateDatabase(target);
  if (applied.length === 0) {
    console.log("No pending migrations: the database is up to date");
    return;
  }
  for (const name of applied) console.log(`Applied ${name}`);
  console.log(`${applied.length} migration(s) applied`);
}

/** Where we migrate, without the credentials of the connection string. */
function describe(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `PGlite database in ${target.dataDir}`;
  try {
    const url = new URL(target.url);
    return `Postgres database ${url.pathname.slice(1) || "(default)"} on ${url.host}`;
  } catch {
    return "Postgres database";
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`db:migrate failed: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = 1;
});
