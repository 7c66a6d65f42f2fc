// `next build` into the benchmark's own dist folder, once — skipped when that build is newer
// than every source it depends on (the rule of scripts/start.mjs), so a second run measures
// at once. Other engineers build into their own folders at the same time: never `.next`.
//
// Built in two steps, `next build --experimental-build-mode compile` then `generate`, which
// together give a full build's output without its type check: the benchmark measures the
// running app, and must neither fail on a type error in some unrelated file being edited
// (typechecking is `npm run typecheck`'s job) nor let next build rewrite tsconfig.json to add
// its dist folder, as a full build does.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** BENCH_DIST_DIR: another folder, for engineers benchmarking different trees at once. */
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";

export interface BuildOutcome {
  built: boolean;
  seconds: number;
}

export async function buildApp(root: string, options: { force?: boolean; log: (line: string) => void; signal?: AbortSignal }): Promise<BuildOutcome> {
  if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
    await run(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")], root, {}, "prisma generate", options.signal);
  }
  if (!options.force && buildIsCurrent(root)) {
    options.log(`Build ${BENCH_DIST_DIR} is newer than the sources: not rebuilt (BENCH_REBUILD=1 forces it).`);
    return { built: false, seconds: 0 };
  }
  options.log(`Building the app into ${BENCH_DIST_DIR} (next build, compile + generate)…`);
  const started = Date.now();
  const env = { NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  for (const mode of ["compile", "generate"]) {
    await run(path.join(root, "node_modules", ".bin", "next"), ["build", "--experimental-build-mode", mode], root, env, `next build (${mode})`, options.signal);
  }
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/** Newest modification time under the folders a build depends on (as scripts/start.mjs). */
function newestSourceTime(root: string): number {
  const skip = new Set(["node_modules", ".data", "generated", ".git"]);
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) if (!skip.has(child) && !child.startsWith(".next")) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const entry of ["app", "components", "lib", "public", "instrumentation.ts", "prisma/schema.prisma", "next.config.js", "package-lock.json"]) {
    visit(path.join(root, entry));
  }
  return newest;
}

function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, BENCH_DIST_DIR, "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime(root);
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>, label: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stop = () => child.kill("SIGTERM");
    process.once("exit", stop);
    signal?.addEventListener("abort", stop);
    child.once("error", reject);
    child.once("exit", (code, killedBy) => {
      process.off("exit", stop);
      signal?.removeEventListener("abort", stop);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${code ?? killedBy}):\n${output.trimEnd().split("\n").slice(-40).join("\n")}`));
    });
  });
}
