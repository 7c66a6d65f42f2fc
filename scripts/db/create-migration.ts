// npm run db:migration -- --name <name> — writes prisma/migrations/<timestamp>_<name>/
// from the difference between the existing migrations and schema.prisma, offline.
import { parseArgs } from "node:util";
import { createMigration, MIGRATION_NAME_PATTERN } from "./migrations";

const USAGE = "usage: npm run db:migration -- --name <name>   (letters, digits and underscores)";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string", short: "n" } }, strict: true });
  const name = values.name;
  if (name === undefined || !MIGRATION_NAME_PATTERN.test(name)) {
    throw new Error(name === undefined ? `missing --name; ${USAGE}` : `invalid name "${name}"; ${USAGE}`);
  }
  await createMigration(name);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`db:migration failed: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = 1;
});
