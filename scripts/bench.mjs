#!/usr/bin/env node
// `npm run bench`: builds the app into .next-bench, starts throwaway PostgreSQL, redis-server
// and an Upstash REST bridge, and measures the numbers of its goals (GOALS in
// bench/report/bench-results.ts) as ratios against the empty route /api/ping on the same server.
// Results: bench/results/latest.json.
// Options and variables: see bench/run.ts (`npm run bench -- --quick`, `-- --only=tracking`).
//
// The benchmark itself is TypeScript (it drives the app's own modules: serveAd, signOffer, the
// cache) and runs under tsx in a child process. Ctrl-C reaches that child directly (same
// process group); it stops everything it started, then this process exits with its status.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "bench", "main.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
// The terminal's SIGINT goes to the whole process group; a SIGTERM sent to this process alone
// is passed on. Either way this process waits for the child's own exit.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("error", (error) => {
  console.error(`Could not start the benchmark: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
