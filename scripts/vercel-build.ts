// `npm run vercel-build`: Vercel's builder runs it instead of `build` (and so does a local
// `npx vercel build`). The database is migrated first, so new code never serves against an
// old schema; a migration that fails stops the deploy before `next build`, and the current
// deployment keeps serving. Two deploys at once are safe: migrating takes Postgres' advisory
// lock (scripts/db/migrations), so the second waits, then finds nothing left to apply.
import { spawnSync } from "node:child_process";
import { DATABASE_URL_VARIABLES, EnvError, parseEnv } from "@/lib/config/env";

const PREFIX = "[vercel-build]";

/** Runs an npm script with this process's environment and output; its exit code. */
function npmRun(script: string): number {
  const result = spawnSync("npm", ["run", script], { stdio: "inherit", env: process.env });
  if (result.error) console.error(`${PREFIX} could not run npm run ${script}: ${result.error.message}`);
  return result.status ?? 1;
}

function main(): number {
  let database;
  try {
    // A build, not a start: the deployment refuses unsafe settings itself when it starts.
    database = parseEnv(process.env, { startup: false }).database;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`${PREFIX} ${error.message}`);
    return 1;
  }

  if (database.kind === "postgres") {
    console.log(`${PREFIX} Migrating the database (${database.migrationUrlVariable}) before the build`);
    if (npmRun("db:migrate") !== 0) {
      console.error(
        `${PREFIX} The database migrations failed (see above): the build stops here, before next build. ` +
          "Nothing is deployed and the current deployment keeps serving. Fix the cause and redeploy.",
      );
      return 1;
    }
  } else {
    console.log(
      `${PREFIX} No database URL is set for this build (${DATABASE_URL_VARIABLES.join(", ")}): migrations skipped. ` +
        "On Vercel the deployment refuses to start without one.",
    );
  }
  return npmRun("build");
}

process.exitCode = main();
