// Run by `npm start` before the server starts: validate the configuration, apply pending
// migrations, seed the demo data into an empty database where it is wanted (prisma/seed.ts
// demoDataWanted), and say how to sign in.
import { EnvError, parseEnv } from "@/lib/config/env";
import { databaseTarget } from "@/lib/db/adapter";
import { createDatabase } from "@/lib/db/create-client";
import { prepareDemoData } from "@/prisma/seed";
import { migrateDatabase } from "./migrations";

async function main(): Promise<void> {
  const config = parseEnv();
  // Migrations go through the direct connection where an integration gives one (not its pooler).
  const target = databaseTarget(config, "migrations");
  console.log(
    config.database.kind === "pglite"
      ? `Database: embedded PGlite in ${target.kind === "pglite" ? target.dataDir : ""}`
      : `Database: Postgres (${config.database.urlVariable}; migrations through ${config.database.migrationUrlVariable})`,
  );
  const { applied } = await migrateDatabase(target);
  for (const name of applied) console.log(`Applied migration ${name}`);

  const database = createDatabase(config);
  try {
    for (const line of await prepareDemoData(database.prisma, config)) console.log(line);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error(`Database preparation failed: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error)}`);
  process.exitCode = 1;
});
