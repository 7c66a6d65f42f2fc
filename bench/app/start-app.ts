// Marquee's production server (scripts/server.mjs, as `npm start` runs it) of the benchmark build on a free loopback port, with exactly the environment
// a scenario gives it (every Redis/database/client-address/filtering variable of the caller's shell is dropped first).
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { freePort, sleep, waitFor, which } from "@/scripts/services/common.mjs";
import { BENCH_DIST_DIR } from "./build-app";

export interface AppServer {
  origin: string;
  /** PID of the process started (scripts/server.mjs; the serving process is it or a descendant). */
  readonly pid: number | undefined;
  /** PID of the process that serves requests. */
  readonly serverPid: number | undefined;
  /** Resident memory of the serving process now, in MiB (VmRSS). */
  rssMiB(): number | undefined;
  /** Last lines of the server's output. */
  output(): string;
  /** How the server process ended ("exited with <code or signal>"); undefined while it runs. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

const CALLER_VARIABLES = [
  "DATABASE_URL",
  "PGLITE_DATA_DIR",
  "REDIS_URL",
  "REDIS_HOST",
  "REDIS_PORT",
  "REDIS_PASSWORD",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN",
  "KV_URL",
  "MARQUEE_PUBLIC_URL",
  "MARQUEE_SECRET",
  "NODE_ENV",
  "PORT",
  "HOSTNAME",
  "DATABASE_POOL_SIZE",
  "DATABASE_TIMEOUT_MS",
  "REDIS_TIMEOUT_MS",
  // How the client's address is read and judged: only what the scenario sets (bench/run.ts BENCH_SERVER_ENV).
  "CLIENT_IP_HEADER",
  "TRUSTED_PROXY_HOPS",
  "VERCEL",
  "GEO_COUNTRY_HEADER",
  "INVALID_TRAFFIC_FILTER",
  "INVALID_TRAFFIC_VIEW_LIMIT",
  "INVALID_TRAFFIC_CLICK_LIMITS",
  "PUBLIC_RATE_LIMITS",
];

/** Every server this process started and has not stopped yet (for Ctrl-C). */
const running = new Set<ChildProcess>();

export function killRunningApps(): void {
  for (const child of running) child.kill("SIGKILL");
}

export interface AppOptions {
  /** Options for node itself, before the server script (the soak's `--expose-gc --require soak-probe.cjs`). */
  nodeArgs?: string[];
}

export async function startApp(root: string, env: Record<string, string>, options: AppOptions = {}): Promise<AppServer> {
  const app = await spawnApp(root, env, options);
  try {
    await waitFor(async () => (await fetch(`${app.origin}/api/ping`)).ok, {
      timeout: 60_000,
      interval: 200,
      description: `the server on ${app.origin}`,
      abort: () => app.exited() ?? false,
    });
  } catch (error) {
    await app.stop();
    throw new Error(`${(error as Error).message}\n${app.output().trimEnd().split("\n").slice(-30).join("\n")}`);
  }
  return app;
}

/**
 * The server process, started and not waited for: `startedAt` (performance.now() just before the
 * spawn) is where a cold start's clock starts (bench/load/measure-cold-start.ts).
 */
export async function spawnApp(root: string, env: Record<string, string>, options: AppOptions = {}): Promise<AppServer & { startedAt: number }> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CALLER_VARIABLES) delete childEnv[name];
  Object.assign(childEnv, env, { NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" });

  const server = path.join(root, "scripts", "server.mjs");
  // BENCH_CPU_PROFILE_DIR=<dir>: a V8 CPU profile of each server, written when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];
  // BENCH_SERVER_NODE_ARGS="--trace-gc …": more Node flags for each server (with BENCH_SERVER_OUTPUT to keep what they print).
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const args = [...profile, ...extra, ...(options.nodeArgs ?? []), server, "--port", String(port), "--hostname", "127.0.0.1"];
  // setpriv --pdeathsig: the server dies with the benchmark even when that is SIGKILLed.
  const setpriv = which("setpriv");
  const startedAt = performance.now();
  const child = setpriv
    ? spawn(setpriv, ["--pdeathsig=SIGKILL", "--", process.execPath, ...args], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  // BENCH_SERVER_OUTPUT=<file>: every server's whole output appended there (only its last 32 KB is kept otherwise).
  const outputFile = process.env.BENCH_SERVER_OUTPUT;
  const keep = (chunk: Buffer) => {
    if (outputFile) appendFileSync(outputFile, chunk);
    output = (output + chunk.toString()).slice(-32_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      running.delete(child);
      resolve();
    });
  });

  // scripts/server.mjs serves in the process started (setpriv execs it).
  const serverPid = child.pid;
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    serverPid,
    startedAt,
    exited: () => exited,
    rssMiB: () => (serverPid === undefined ? undefined : readRssMiB(serverPid)),
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exit.then(() => false), sleep(10_000).then(() => true)]);
      if (timedOut) {
        child.kill("SIGKILL");
        await exit;
      }
    },
  };
}


function readRssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
