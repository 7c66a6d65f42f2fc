#!/usr/bin/env node
// The self-contained server folder of the Docker image, assembled from a build:
//
//   npm run build && node scripts/standalone/assemble.mjs <empty or new folder>
//
// The Dockerfile's build stage runs it and the image copies the folder whole; the e2e spec
// (tests/e2e/standalone.spec.ts) runs it on the suite's build and starts the result from a
// temp folder: one list of what the image holds, so the two cannot drift. The folder:
//
//   <distDir>/…, node_modules/  Next's standalone output: the server files the build traced
//   <distDir>/static, public/   assets the standalone output leaves out (served by the app)
//   scripts/server.mjs          Marquee's server (the TCP peer's address; Next's server.js is
//                               left out: behind it a client could choose its own address)
//   scripts/job-scheduler.mjs, vercel.json    the scheduled jobs it runs with CRON_SECRET set
//   scripts/standalone/start.mjs               the image's command
//   scripts/standalone/prepare-database.mjs    scripts/db/prepare.ts bundled (migrations,
//                               demo data on request), with the packages it loads
//   scripts/standalone/setup-link.mjs          scripts/setup-link.ts bundled (npm run setup-link)
//   prisma/migrations/          what it applies
//
// NEXT_DIST_DIR names the build folder, as for next.config.js (default .next).
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import nft from "next/dist/compiled/@vercel/nft/index.js";

// Packages that load files by computed paths, which no trace follows: copied whole. The schema
// engine reads its .wasm next to its JS glue; PGlite its WebAssembly and data files.
const WHOLE_PACKAGES = ["@prisma/schema-engine-wasm", "@electric-sql/pglite"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const fromRoot = (...parts) => path.join(root, ...parts);

const target = process.argv[2];
if (!target) fail("Usage: node scripts/standalone/assemble.mjs <folder>");
const out = path.resolve(target);
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} is not empty: assemble into a new or empty folder.`);
const standalone = fromRoot(distDir, "standalone");
if (!existsSync(path.join(standalone, distDir, "BUILD_ID"))) {
  fail(`No standalone build in ${standalone}: run \`npm run build\` first (next.config.js sets output: "standalone").`);
}

// 1. Next's standalone output, without its server.js.
cpSync(standalone, out, { recursive: true, verbatimSymlinks: true, filter: (source) => source !== path.join(standalone, "server.js") });
// 2. The assets the standalone output leaves to a CDN: here the app serves them itself.
cpSync(fromRoot(distDir, "static"), path.join(out, distDir, "static"), { recursive: true });
if (existsSync(fromRoot("public"))) cpSync(fromRoot("public"), path.join(out, "public"), { recursive: true });
// 3. Marquee's server and the image's command.
for (const file of ["scripts/server.mjs", "scripts/job-scheduler.mjs", "scripts/standalone/start.mjs", "vercel.json"]) cpSync(fromRoot(file), path.join(out, file));
// 4. The database preparation of `npm start` and `npm run setup-link`, each as one ES module
//    that needs neither tsx nor the sources, and the migrations (read from the working
//    directory, as in the repository).
cpSync(fromRoot("prisma", "migrations"), path.join(out, "prisma", "migrations"), { recursive: true });
await bundleScript("scripts/db/prepare.ts", "scripts/standalone/prepare-database.mjs");
await bundleScript("scripts/setup-link.ts", "scripts/standalone/setup-link.mjs");

console.log(`Assembled the self-contained server in ${out} (start it there with: node scripts/standalone/start.mjs)`);

/**
 * Bundles a script with the project's own modules inlined and packages left as imports, then
 * copies every file of node_modules that the bundle loads (traced as Next traces the server)
 * and that the folder does not hold already.
 */
async function bundleScript(entry, destination) {
  // Bundled inside the project first, so that the trace resolves packages from its node_modules.
  const scratch = fromRoot(distDir, "standalone-scripts", path.basename(destination));
  rmSync(path.dirname(scratch), { recursive: true, force: true });
  await build({
    entryPoints: [fromRoot(entry)],
    outfile: scratch,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: fromRoot("tsconfig.json"),
    logLevel: "warning",
  });
  const { fileList } = await nft.nodeFileTrace([scratch], { base: root, processCwd: root });
  const files = [...fileList, ...WHOLE_PACKAGES.flatMap((name) => filesUnder(path.join("node_modules", name)))];
  let copied = 0;
  for (const file of files) {
    if (!file.startsWith("node_modules/")) continue;
    const destinationFile = path.join(out, file);
    if (existsSync(destinationFile) || isLink(destinationFile)) continue;
    mkdirSync(path.dirname(destinationFile), { recursive: true });
    const source = fromRoot(file);
    if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), destinationFile);
    else cpSync(source, destinationFile);
    copied += 1;
  }
  cpSync(scratch, path.join(out, destination));
  rmSync(path.dirname(scratch), { recursive: true, force: true });
  console.log(`${entry} bundled into ${destination}; ${copied} more package file(s) it loads.`);
}

function filesUnder(folder) {
  return readdirSync(fromRoot(folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
  );
}

function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
