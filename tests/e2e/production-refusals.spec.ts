// A production server (scripts/server.mjs, as `npm start` and the image run it) refuses at
// start-up the configurations that would split the truth between instances, with one message
// naming the variable, and exits non-zero before it serves anything; without Redis off Vercel it
// starts and says once that it suits one instance. (`npm start` with no configuration at all —
// the embedded single-instance database — is the suite's own web server: playwright.config.ts.)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, waitFor } from "@/tests/support/services";

const SECRET = "0123456789abcdef0123456789abcdef";
/** Variables of the caller's shell that would give the server a store it must not have here. */
const INHERITED_STORES = [
  "DATABASE_URL", "DATABASE_URL_POOLED", "DATABASE_URL_UNPOOLED", "POSTGRES_PRISMA_URL", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING",
  "REDIS_URL", "REDIS_HOST", "KV_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN",
  "MARQUEE_EMBEDDED_DATABASE", "MARQUEE_ALLOW_MEMORY_STORE", "VERCEL", "PGLITE_DATA_DIR", "PORT",
];

interface Started {
  output: () => string;
  exitCode: () => number | null;
  stop: () => Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Started> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_STORES) delete childEnv[name];
  Object.assign(childEnv, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", NO_COLOR: "1" }, env);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(process.cwd(), "scripts", "server.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Waits (a loaded 2-core machine takes seconds to load Next) for the server to exit on its own. */
async function exitOf(server: Started): Promise<number> {
  const exited = await waitFor(() => (server.exitCode() === null ? undefined : { code: server.exitCode() as number }), { timeout: 60_000, interval: 100, description: "the server to exit" });
  return exited.code;
}

let dataDir: string;
const started: Started[] = [];

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "marquee-refusals-"));
});

test.afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

test("production without a database URL exits non-zero, naming DATABASE_URL and the single-instance opt-in", async () => {
  const server = await startServer({ MARQUEE_SECRET: SECRET, PGLITE_DATA_DIR: path.join(dataDir, "refused") });
  started.push(server);
  expect(await exitOf(server)).not.toBe(0);
  expect(server.output()).toContain("Invalid environment configuration:");
  expect(server.output()).toMatch(/- DATABASE_URL: is required in production.*MARQUEE_EMBEDDED_DATABASE=1/);
  expect(server.output().match(/^ {2}- /gm)).toHaveLength(1); // one refusal, nothing else to fix
  expect(existsSync(path.join(dataDir, "refused"))).toBe(false); // no embedded database was opened
});

test("production on Vercel without Redis exits non-zero, naming UPSTASH_REDIS_REST_URL and what would drift", async () => {
  const server = await startServer({ MARQUEE_SECRET: SECRET, VERCEL: "1", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
  started.push(server);
  expect(await exitOf(server)).not.toBe(0);
  expect(server.output()).toMatch(/- UPSTASH_REDIS_REST_URL: is required on Vercel.*frequency caps count per instance/);
  expect(server.output()).not.toContain("DATABASE_URL:");
});

test("the single-instance opt-in starts the embedded database, and the log warns once that there is no Redis", async () => {
  const server = await startServer({ MARQUEE_SECRET: SECRET, MARQUEE_EMBEDDED_DATABASE: "1", PGLITE_DATA_DIR: path.join(dataDir, "embedded") });
  started.push(server);
  await waitFor(() => (server.output().includes("listening on") ? true : undefined), {
    timeout: 60_000,
    interval: 100,
    description: "the server to listen",
    abort: () => (server.exitCode() !== null ? `the server exited:\n${server.output()}` : false),
  });
  await waitFor(() => (server.output().includes("No Redis configured") ? true : undefined), { timeout: 30_000, interval: 100, description: "the no-Redis warning" });
  expect(server.output().match(/No Redis configured/g)).toHaveLength(1);
  expect(server.output()).not.toContain("Invalid environment configuration");
});
