#!/usr/bin/env node
// `npm test`: the whole suite, with the services it needs.
//
//   npm test                      unit, integration, then e2e
//   npm test -- unit e2e          only these stages (also MARQUEE_TEST_STAGES=unit,integration)
//   npm test -- integration tests/integration/redis -t upstash
//                                 one stage, the rest passed to its runner (vitest/playwright)
//
// 1. Checks the system packages the chosen stages need (PostgreSQL, redis-server, Chromium) and,
//    as root on Debian, installs missing ones with apt-get.
// 2. Starts a throwaway PostgreSQL and Redis on free loopback ports (never the system ones on
//    5432/6379) and passes TEST_POSTGRES_URL / TEST_REDIS_URL to the test runners.
// 3. Runs every chosen stage (a failing stage does not stop the later ones), then prints a
//    summary whose last line is `N passed, N failed` (tests, summed from the JSON reports).
// 4. Always stops the services and removes its temp folders: at the end, on an exception, and
//    on SIGINT/SIGTERM (forwarded to the running stage first).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findPostgresBin, freePort, isRoot, which } from "./services/common.mjs";
import { startPostgres } from "./services/postgres.mjs";
import { findRedisServer, startRedis } from "./services/redis.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const CHROMIUM = "/usr/bin/chromium";
const STAGES = ["unit", "integration", "e2e"];

// ---- Which stages -----------------------------------------------------------------------------

/**
 * Leading arguments that name stages choose them (`unit integration` or `unit,integration`);
 * the rest go to that one stage's runner (a file filter, `-t name`, `--grep x`, …).
 */
function parseArgs(argv) {
  const isStageList = (arg) => arg.split(",").every((s) => STAGES.includes(s.trim()));
  let i = 0;
  const requested = [];
  while (i < argv.length && isStageList(argv[i])) requested.push(...argv[i++].split(",").map((s) => s.trim()));
  const passThrough = argv.slice(i);
  if (!requested.length) {
    requested.push(...(process.env.MARQUEE_TEST_STAGES ?? "").split(",").map((s) => s.trim()).filter(Boolean));
    const unknown = requested.filter((s) => !STAGES.includes(s));
    if (unknown.length) {
      console.error(`Unknown test stage(s) in MARQUEE_TEST_STAGES: ${unknown.join(", ")}. Stages: ${STAGES.join(", ")}`);
      process.exit(2);
    }
  }
  const stages = requested.length ? STAGES.filter((s) => requested.includes(s)) : STAGES;
  if (passThrough.length && stages.length !== 1) {
    console.error(
      `Unknown stage or runner arguments without one stage: ${passThrough.join(" ")}\n` +
        `Stages: ${STAGES.join(", ")}. Runner arguments follow exactly one stage, e.g. npm test -- integration tests/integration/redis -t upstash`,
    );
    process.exit(2);
  }
  return { stages, passThrough };
}

// ---- System packages --------------------------------------------------------------------------

function missingPackages(stages) {
  const needsServices = stages.includes("integration") || stages.includes("e2e");
  const missing = [];
  if (needsServices && !findPostgresBin()) missing.push("postgresql");
  if (needsServices && !findRedisServer()) missing.push("redis-server");
  if (stages.includes("e2e") && !existsSync(CHROMIUM)) missing.push("chromium");
  return missing;
}

function ensureSystemPackages(stages) {
  const missing = missingPackages(stages);
  if (!missing.length) return;
  const onDebian = existsSync("/etc/debian_version") && which("apt-get");
  if (!isRoot() || !onDebian) {
    console.error(`Missing system packages. Install them with: sudo apt-get install -y ${missing.join(" ")}`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    console.log(`[test] apt-get ${args.join(" ")}`);
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
    if (result.status !== 0) {
      console.error(`[test] apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  };
  run(["update"]);
  run(["install", "-y", ...missing]);
  const still = missingPackages(stages);
  if (still.length) {
    console.error(`[test] still missing after apt-get install: ${still.join(" ")}`);
    process.exit(1);
  }
}

// ---- Reports ----------------------------------------------------------------------------------

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** { passed, failed, skipped } from vitest's JSON reporter, or undefined. */
function vitestCounts(file) {
  const report = readJson(file);
  if (!report || typeof report.numTotalTests !== "number") return undefined;
  // A file that fails outside any test (does not load, a hook throws) counts as one failure.
  const failedFiles = (report.testResults ?? []).filter((file) => file.status === "failed");
  const brokenFiles = failedFiles.filter((file) => !(file.assertionResults ?? []).some((t) => t.status === "failed")).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    failedFiles: failedFiles.length,
  };
}

/** { passed, failed, skipped } from Playwright's JSON reporter, or undefined. */
function playwrightCounts(file) {
  const report = readJson(file);
  const stats = report?.stats;
  if (!stats || typeof stats.expected !== "number") return undefined;
  return {
    passed: stats.expected + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    flaky: stats.flaky ?? 0,
    errors: report.errors?.length ?? 0,
  };
}

// ---- Running a stage --------------------------------------------------------------------------

/** @type {import("node:child_process").ChildProcess | undefined} */
let currentStage;
let interrupted; // the signal that interrupted the run

function runCommand(command, args, env) {
  return new Promise((resolve) => {
    // Own process group, so that a forwarded signal reaches the runner and all its workers.
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
    currentStage = child;
    child.once("error", (error) => {
      console.error(`[test] could not start ${command}: ${error.message}`);
      currentStage = undefined;
      resolve({ code: 1, signal: null });
    });
    child.once("exit", (code, signal) => {
      currentStage = undefined;
      resolve({ code, signal });
    });
  });
}

function signalStage(signal) {
  const child = currentStage;
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

async function runStage(name, reportsDir, env, passThrough) {
  const report = path.join(reportsDir, `${name}.json`);
  const startedAt = Date.now();
  let command;
  let args;
  if (name === "e2e" && !passThrough.includes("--list")) {
    // Build first, without a deadline: Playwright's web-server deadline (6 min) would otherwise
    // time a first build, which took 4.7 min of compiling alone on a 2-core box at load 14.
    console.log(`\n[test] ── e2e ── building the app (scripts/start.mjs --build-only)\n`);
    const built = await runCommand(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--build-only"], env);
    if (built.code !== 0) {
      return { name, ok: false, seconds: (Date.now() - startedAt) / 1000, passed: 0, failed: 1, skipped: 0, notes: [`the build failed (${built.code ?? built.signal})`] };
    }
  }
  if (name === "e2e") {
    command = path.join(BIN, "playwright");
    // Chosen spec files run alone: without --no-deps the accessibility project, on which the
    // rest depends (playwright.config.ts), would run before them every time.
    const chosenFiles = passThrough.some((arg) => !arg.startsWith("-"));
    args = ["test", ...(chosenFiles && !passThrough.includes("--no-deps") ? ["--no-deps"] : []), ...passThrough];
    env = { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report };
  } else {
    command = path.join(BIN, "vitest");
    args = ["run", "--project", name, "--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...passThrough];
  }
  console.log(`\n[test] ── ${name} ── ${path.basename(command)} ${args.join(" ")}\n`);
  const { code, signal } = await runCommand(command, args, env);
  const seconds = (Date.now() - startedAt) / 1000;
  const counts = (name === "e2e" ? playwrightCounts(report) : vitestCounts(report)) ?? { passed: 0, failed: 0, skipped: 0 };
  const ok = code === 0 && counts.failed === 0;
  const notes = [];
  if (!ok && counts.failed === 0) {
    // The runner failed without a failing test (a file that does not load, a web server that
    // does not start, no report, …): count the stage itself as one failure.
    counts.failed = 1;
    notes.push(signal ? `runner ended by ${signal}` : `runner exited with code ${code}, no failing test reported`);
  }
  if (ok && counts.passed + counts.skipped === 0) notes.push("no tests");
  if (counts.failedFiles) notes.push(`${counts.failedFiles} failed file(s)`);
  if (counts.flaky) notes.push(`${counts.flaky} flaky`);
  return { name, ok, seconds, ...counts, notes };
}

// ---- Housekeeping -----------------------------------------------------------------------------

/** Removes temp folders of earlier runs that were killed too hard to clean up (older than 12 h). */
function sweepStaleTempDirs() {
  const tmp = os.tmpdir();
  const cutoff = Date.now() - 12 * 3600_000;
  let entries = [];
  try {
    entries = readdirSync(tmp).filter((n) => /^marquee-(pg|redis|test|e2e)-/.test(n));
  } catch {
    return;
  }
  for (const name of entries) {
    try {
      const dir = path.join(tmp, name);
      if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours to remove, or already gone
    }
  }
}

// ---- Main -------------------------------------------------------------------------------------

async function main() {
  const { stages, passThrough } = parseArgs(process.argv.slice(2));
  ensureSystemPackages(stages);
  sweepStaleTempDirs();

  const workDir = mkdtempSync(path.join(os.tmpdir(), "marquee-test-"));
  /** @type {{ stop(): Promise<void> }[]} */
  const services = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const onSignal = (signal) => {
    if (interrupted) {
      // Second signal: do not wait any longer for the runner.
      signalStage("SIGKILL");
      return;
    }
    interrupted = signal;
    console.error(`\n[test] ${signal}: stopping the running stage and the services…`);
    signalStage(signal);
    setTimeout(() => signalStage("SIGKILL"), 20_000).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);

  const results = [];
  try {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

    if (stages.includes("integration") || stages.includes("e2e")) {
      const startedAt = Date.now();
      const [postgres, redis] = await Promise.allSettled([startPostgres(), startRedis()]);
      for (const s of [postgres, redis]) if (s.status === "fulfilled") services.push(s.value);
      if (postgres.status === "rejected") throw postgres.reason;
      if (redis.status === "rejected") throw redis.reason;
      env.TEST_POSTGRES_URL = postgres.value.url;
      env.TEST_REDIS_URL = redis.value.url;
      console.log(`[test] PostgreSQL ${env.TEST_POSTGRES_URL} (data ${postgres.value.dataDir})`);
      console.log(`[test] Redis      ${env.TEST_REDIS_URL}`);
      console.log(`[test] services ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    if (stages.includes("e2e")) {
      env.E2E_PORT = String(await freePort());
      env.E2E_PGLITE_DATA_DIR = path.join(workDir, "e2e-pglite");
    }

    for (const stage of stages) {
      if (interrupted) break;
      results.push(await runStage(stage, workDir, env, passThrough));
    }
  } catch (error) {
    console.error(`\n[test] ${error.stack ?? error}`);
    results.push({ name: "setup", ok: false, seconds: 0, passed: 0, failed: 1, skipped: 0, notes: [String(error.message ?? error).split("\n")[0]] });
  } finally {
    await cleanup();
  }

  // ---- Summary
  const total = { passed: 0, failed: 0, skipped: 0 };
  console.log("\n[test] ── summary ──");
  for (const r of results) {
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    const mark = r.ok ? "ok  " : "FAIL";
    const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`;
    const notes = r.notes.length ? `  (${r.notes.join("; ")})` : "";
    console.log(`  ${mark} ${r.name.padEnd(12)} ${counts.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s${notes}`);
  }
  for (const stage of stages) if (!results.some((r) => r.name === stage)) console.log(`  --   ${stage.padEnd(12)} not run`);

  const ranTests = total.passed + total.failed > 0;
  if (interrupted) {
    console.log(`[test] interrupted by ${interrupted}`);
    total.failed ||= 1;
  } else if (!ranTests) {
    console.log("[test] no test ran");
    total.failed = 1;
  }
  const failedStages = results.filter((r) => !r.ok).map((r) => r.name);
  console.log(failedStages.length ? `[test] failed: ${failedStages.join(", ")}` : `[test] all ${results.length} stage(s) passed${total.skipped ? ` (${total.skipped} skipped)` : ""}`);
  console.log(`${total.passed} passed, ${total.failed} failed`);

  if (interrupted) return 128 + (os.constants.signals[interrupted] ?? 15);
  return total.failed > 0 || failedStages.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
