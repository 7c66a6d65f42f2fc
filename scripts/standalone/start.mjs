#!/usr/bin/env node
// The Docker image's command, run in the folder scripts/standalone/assemble.mjs made:
//
//   node scripts/standalone/start.mjs [--port 3000] [--hostname 0.0.0.0]
//
// First the database preparation of `npm start` (pending migrations under Prisma's advisory
// lock, so replicas starting together apply them once; demo data only with MARQUEE_DEMO=1),
// then Marquee's server (scripts/server.mjs) in this process, with the same flags and PORT /
// HOSTNAME. MIGRATE_ON_START=0 skips the preparation, for deployments that migrate in a
// release step of their own before new instances start.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

if (process.env.MIGRATE_ON_START !== "0") {
  // A process of its own: the schema engine's WebAssembly need not stay in the server's memory.
  const prepare = spawnSync(process.execPath, [path.join(here, "prepare-database.mjs")], { stdio: "inherit", env: process.env });
  if (prepare.status !== 0) {
    console.error(`Database preparation failed (exit ${prepare.status ?? prepare.signal}): the server does not start.`);
    process.exit(prepare.status || 1);
  }
}

await import("../server.mjs");
