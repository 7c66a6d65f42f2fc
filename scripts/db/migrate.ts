// npm run db:migrate — applies pending migrations to the configured database
// (DATABASE_URL, or the PGlite folder PGLITE_DATA_DIR when it is unset), offline.
import { parseEnv } from "@/lib/config/env";
import { databaseTarget, type DatabaseTarget } from "@/lib/db/adapter";
import { migrateDatabase } from "./migrations";

async function main(): Promise<void> {
  const target = databaseTarget(parseEnv());
  console.log(`Migrating ${describe(target)}`);
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
