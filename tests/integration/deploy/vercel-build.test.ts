// `vercel build`, Vercel's own builder (the CLI pinned in package.json), on a copy of the
// checkout with no Vercel account: the migrate-first build (scripts/vercel-build.ts) and what
// a deployment would upload (.vercel/output). One full build: 2–4 minutes on two cores.
//
// The copy holds the tracked and untracked-but-not-ignored files (no .next, .vercel, generated
// client or data) and node_modules as hard links: a real folder inside the project, so Next's
// file tracing resolves it as on Vercel, at no copying cost. Nothing may write into those shared
// files, so the project settings skip the builder's install step (on Vercel it runs
// `npm install`; here it would rewrite node_modules/.package-lock.json in place).
import { spawn } from "node:child_process";
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationPaths } from "@/scripts/db/migrations";
import { readMigrations } from "@/scripts/db/migrations/read-migrations";
import { createPostgresDatabase, withPostgresClient } from "@/tests/support/databases";
import { freePort } from "@/tests/support/services";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BUILD_TIMEOUT = 15 * 60_000; // a full build on a busy 2-core machine
const FAILING_BUILD_TIMEOUT = 5 * 60_000;
/** Vercel's limit is 250 MB unzipped per function; a fifth of it leaves room to grow. */
const FUNCTION_SIZE_BUDGET = 50 * 1024 * 1024;
/** The embedded database's payload: never in a production function. */
const PGLITE_PAYLOAD = /@electric-sql\/pglite[^/]*\/.*\.(wasm|data|tar\.gz)$/;

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command in the copy, stdout and stderr together; killed with its children at the deadline. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} did not finish in ${timeoutMs / 1000} s. Output so far:\n${output.slice(-4000)}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The environment of a clean shell: none of this process's app, Next, Vercel or test settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const dropped = /^(VERCEL|NOW_|NEXT_|MARQUEE_|DATABASE_|POSTGRES_|PGLITE_|REDIS_|KV_|UPSTASH_|VITEST|TEST_|npm_)|^NODE_ENV$/;
  for (const name of Object.keys(env)) if (dropped.test(name)) delete env[name];
  return Object.assign(env, { VERCEL_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", NO_UPDATE_NOTIFIER: "1" }, extra);
}

/** The working tree without what git ignores, node_modules hard-linked (see the top of this file). */
async function copyCheckout(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "marquee-vercel-build-"));
  const listed = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, process.env, 60_000);
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.output}`);
  for (const file of listed.output.split("\0").filter(Boolean)) {
    if (!existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(path.join(ROOT, file), path.join(dir, file));
  }
  const linked = await run("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")], ROOT, process.env, 120_000);
  if (linked.code !== 0) throw new Error(`cp -al node_modules failed: ${linked.output}`);
  // What `vercel link` writes; generated, never committed (.vercel/ is ignored).
  await mkdir(path.join(dir, ".vercel"));
  await writeFile(
    path.join(dir, ".vercel", "project.json"),
    JSON.stringify({ projectId: "prj_marquee_local", orgId: "team_marquee_local", settings: { framework: "nextjs", installCommand: "" } }),
  );
  return dir;
}

function vercelBuild(checkout: string, env: Record<string, string>, timeoutMs: number): Promise<Run> {
  const vercel = path.join(checkout, "node_modules", ".bin", "vercel");
  const globalConfig = path.join(checkout, ".vercel-global"); // the CLI's own settings, not ~/.vercel
  return run(vercel, ["build", "--yes", "--global-config", globalConfig], checkout, cleanEnv(env), timeoutMs);
}

/** Routes of the app folder: every page and route handler, route groups removed ("/" is "index"). */
function appRoutes(dir = path.join(ROOT, "app"), segments: string[] = []): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folders
      const inRoute = /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name];
      routes.push(...appRoutes(path.join(dir, entry.name), inRoute));
    } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
      routes.push(segments.join("/") || "index");
    }
  }
  return routes;
}

/** Functions of the output by route (`admin/audit`, `api/serve`, …); Next's own and the RSC variants aside. */
function outputFunctions(functionsDir: string, prefix = ""): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(path.join(functionsDir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name.endsWith(".func")) {
      const route = relative.slice(0, -".func".length);
      if (!route.endsWith(".rsc") && !route.startsWith("_")) names.push(route);
    } else if (entry.isDirectory()) {
      names.push(...outputFunctions(functionsDir, relative));
    }
  }
  return names;
}

interface FunctionContent {
  name: string;
  /** The runtime Vercel would run it on (`nodejs24.x`, …). */
  runtime: string | undefined;
  bytes: number;
  files: string[];
}

/**
 * Every function folder of the output (symlinked routes share one), with the files it would
 * upload: its own plus the project files its .vc-config.json filePathMap names.
 */
async function functionContents(checkout: string): Promise<FunctionContent[]> {
  const functionsDir = path.join(checkout, ".vercel", "output", "functions");
  const contents: FunctionContent[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink() || !entry.isDirectory()) continue;
      if (!entry.name.endsWith(".func")) {
        await visit(full);
        continue;
      }
      const config = JSON.parse(await readFile(path.join(full, ".vc-config.json"), "utf8")) as { runtime?: string; filePathMap?: Record<string, string> };
      const files: string[] = [];
      let bytes = 0;
      const own = (folder: string): void => {
        for (const item of readdirSync(folder, { withFileTypes: true })) {
          const itemPath = path.join(folder, item.name);
          if (item.isDirectory()) own(itemPath);
          else if (!lstatSync(itemPath).isSymbolicLink()) {
            files.push(path.relative(full, itemPath));
            bytes += statSync(itemPath).size;
          }
        }
      };
      own(full);
      for (const source of Object.values(config.filePathMap ?? {})) {
        files.push(source);
        bytes += statSync(path.join(checkout, source)).size;
      }
      contents.push({ name: path.relative(functionsDir, full), runtime: config.runtime, bytes, files });
    }
  };
  await visit(functionsDir);
  return contents;
}

async function migrationNames(): Promise<string[]> {
  const { migrationDirectories } = await readMigrations(migrationPaths().migrationsDir);
  return migrationDirectories.map((migration) => migration.path);
}

describe("vercel build", () => {
  let checkout: string | undefined;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
  let build: Promise<Run> | undefined;

  /** The one full build, on a fresh database (started by the first test that needs it). */
  function fullBuild(): Promise<Run> {
    build ??= (async () => {
      database = await createPostgresDatabase();
      const result = await vercelBuild(checkoutDir(), { DATABASE_URL: database.url }, BUILD_TIMEOUT);
      if (result.code !== 0) throw new Error(`vercel build failed (exit ${result.code}):\n${result.output.slice(-6000)}`);
      return result;
    })();
    return build;
  }

  function checkoutDir(): string {
    if (!checkout) throw new Error("the checkout was not copied");
    return checkout;
  }

  beforeAll(async () => {
    checkout = await copyCheckout();
  }, 300_000);

  afterAll(async () => {
    await database?.drop();
    if (checkout) await rm(checkout, { recursive: true, force: true });
  }, 120_000);

  it("stops the deploy before next build when a migration fails", { timeout: FAILING_BUILD_TIMEOUT }, async () => {
    // Nothing listens there: the migration cannot connect.
    const unreachable = `postgresql://postgres@127.0.0.1:${await freePort()}/marquee`;
    const { code, output } = await vercelBuild(checkoutDir(), { DATABASE_URL: unreachable }, FAILING_BUILD_TIMEOUT);
    expect(code).not.toBe(0);
    expect(output).toContain("[vercel-build] Migrating the database (DATABASE_URL) before the build");
    expect(output).toMatch(/db:migrate failed: Could not connect to the database/);
    expect(output).toContain("[vercel-build] The database migrations failed (see above): the build stops here, before next build.");
    expect(output).not.toContain("Creating an optimized production build");
    expect(existsSync(path.join(checkoutDir(), ".next", "BUILD_ID"))).toBe(false);
    expect(existsSync(path.join(checkoutDir(), ".vercel", "output", "functions"))).toBe(false);
  });

  it("migrates the database first, then builds", { timeout: BUILD_TIMEOUT }, async () => {
    const { output } = await fullBuild();
    const migrating = output.indexOf("[vercel-build] Migrating the database (DATABASE_URL) before the build");
    const applied = output.search(/\d+ migration\(s\) applied/);
    const building = output.indexOf("Creating an optimized production build");
    expect(migrating).toBeGreaterThanOrEqual(0);
    expect(applied).toBeGreaterThan(migrating);
    expect(building).toBeGreaterThan(applied);

    const recorded = await withPostgresClient(database!.url, (client) =>
      client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`),
    );
    expect(recorded.rows.map((row) => row.migration_name)).toEqual(await migrationNames());
  });

  it("emits a function for every page and route handler, the ad paths among them", { timeout: BUILD_TIMEOUT }, async () => {
    await fullBuild();
    const functions = outputFunctions(path.join(checkoutDir(), ".vercel", "output", "functions")).sort();
    expect(functions).toEqual(appRoutes().sort());
    for (const route of ["index", "api/serve", "api/i", "api/i/[token]", "c", "c/[token]", "api/cron/prune-events", "api/cron/campaign-mail", "api/health", "admin/review"]) {
      expect(functions).toContain(route);
    }
  });

  it("schedules the cron of vercel.json", { timeout: BUILD_TIMEOUT }, async () => {
    await fullBuild();
    const { crons } = JSON.parse(await readFile(path.join(ROOT, "vercel.json"), "utf8")) as { crons: unknown[] };
    const config = JSON.parse(await readFile(path.join(checkoutDir(), ".vercel", "output", "config.json"), "utf8")) as { crons?: unknown[] };
    expect(crons.length).toBeGreaterThan(0);
    expect(config.crons).toEqual(crons);
  });

  it("serves embed.js as a static file", { timeout: BUILD_TIMEOUT }, async () => {
    await fullBuild();
    const served = await readFile(path.join(checkoutDir(), ".vercel", "output", "static", "embed.js"), "utf8");
    expect(served).toBe(await readFile(path.join(ROOT, "public", "embed.js"), "utf8"));
  });

  it("keeps every function well under Vercel's size limit, without the embedded database", { timeout: BUILD_TIMEOUT }, async () => {
    await fullBuild();
    const contents = await functionContents(checkoutDir());
    expect(contents.length).toBeGreaterThan(0);
    for (const fn of contents) {
      expect(fn.bytes, `${fn.name}: ${(fn.bytes / 1e6).toFixed(1)} MB`).toBeLessThan(FUNCTION_SIZE_BUDGET);
      expect(fn.files.filter((file) => PGLITE_PAYLOAD.test(file)), fn.name).toEqual([]);
    }
    const largest = contents.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`vercel build: ${contents.length} function folders, the largest ${largest.name} at ${(largest.bytes / 1e6).toFixed(1)} MB`);
    // The serving path's function is one of them (the check above covers what it uploads).
    expect(contents.some((fn) => fn.files.some((file) => file.includes("app/api/serve/route")))).toBe(true);
  });

  it("runs every function on the Node.js major of the self-hosted image", { timeout: BUILD_TIMEOUT }, async () => {
    await fullBuild();
    // package.json's engines pick Vercel's runtime; the Dockerfile's base image, the image's.
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(await readFile(path.join(ROOT, "Dockerfile"), "utf8"));
    expect(image, "the Dockerfile names its Node.js image").not.toBeNull();
    const runtimes = new Set((await functionContents(checkoutDir())).map((fn) => fn.runtime));
    expect([...runtimes]).toEqual([`nodejs${image![1]}.x`]);
  });

  it("skips the migrations, saying so, when no database URL is set", { timeout: FAILING_BUILD_TIMEOUT }, async () => {
    await build?.catch(() => {}); // after the full build, if one runs: the stand-in below must not disturb it
    // `next build` is proven above; here a stand-in shows what runs, and in which order.
    const packageFile = path.join(checkoutDir(), "package.json");
    const pkg = JSON.parse(await readFile(packageFile, "utf8")) as { scripts: Record<string, string> };
    pkg.scripts.build = `node -e "console.log('stand-in for next build')"`;
    await writeFile(packageFile, JSON.stringify(pkg, null, 2));
    const { code, output } = await run("npm", ["run", "vercel-build"], checkoutDir(), cleanEnv({ VERCEL: "1", NODE_ENV: "production" }), FAILING_BUILD_TIMEOUT);
    expect(code).toBe(0);
    const skipped = output.indexOf("[vercel-build] No database URL is set for this build (");
    expect(skipped).toBeGreaterThanOrEqual(0);
    expect(output).toContain("migrations skipped. On Vercel the deployment refuses to start without one.");
    expect(output).not.toContain("db:migrate");
    expect(output.indexOf("stand-in for next build")).toBeGreaterThan(skipped);
  });
});
