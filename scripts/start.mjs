// `npm start`: everything a fresh clone needs to serve, in order —
// build (only when the sources changed since the last build), migrate and seed the
// database (seed only when empty), then Marquee's server (scripts/server.mjs, Next.js's
// request handler) on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(command, args, label) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

// Newest modification time under the folders a build depends on.
function newestSourceTime() {
  const skip = new Set(["node_modules", ".next", process.env.NEXT_DIST_DIR || ".next", ".data", "generated", ".git"]);
  let newest = 0;
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) if (!skip.has(child)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const entry of ["app", "components", "lib", "public", "prisma/schema.prisma", "prisma/migrations", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"]) {
    visit(path.join(root, entry));
  }
  return newest;
}

function buildIsCurrent() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime();
}

if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
  run(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")], "prisma generate");
}
if (buildIsCurrent()) {
  console.log("Build is up to date.");
} else {
  console.log("Building Marquee (next build)…");
  run(bin("next"), ["build"], "next build");
}
// `node scripts/start.mjs --build-only`: the build step alone (npm test builds before the e2e
// runner, whose web-server deadline should time the start, not a build on a loaded machine).
if (process.argv.includes("--build-only")) process.exit(0);

// Production refuses to start without a signing secret. A self-hosted single install gets
// one generated on first start and kept in .data/ (deployments set MARQUEE_SECRET).
if (!process.env.MARQUEE_SECRET) {
  const secretFile = path.join(root, ".data", "marquee-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.MARQUEE_SECRET = readFileSync(secretFile, "utf8").trim();
}

// Production refuses the embedded database unless asked for (it is one instance's own:
// lib/config/env.ts). `npm start` with no database URL is exactly that single-instance install.
const DATABASE_URL_VARIABLES = ["DATABASE_URL_POOLED", "DATABASE_URL", "DATABASE_URL_UNPOOLED", "POSTGRES_PRISMA_URL", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING"]; // env.ts: DATABASE_URL_VARIABLES
if (!DATABASE_URL_VARIABLES.some((name) => process.env[name]?.trim())) {
  process.env.MARQUEE_EMBEDDED_DATABASE ??= "1";
  console.log(`No database URL: the embedded single-instance database (PGlite in ${process.env.PGLITE_DATA_DIR || ".data/pglite"}). Set DATABASE_URL to run several instances.`);
}

run(bin("tsx"), [path.join(root, "scripts", "db", "prepare.ts")], "Database preparation");

const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs"), "--port", port], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
