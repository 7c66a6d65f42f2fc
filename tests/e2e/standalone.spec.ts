// The Docker image without Docker (no engine on these machines): the folder the Dockerfile's build
// stage assembles (scripts/standalone/assemble.mjs, run here on the suite's build), copied out of
// the repository to a temp folder — no next.config.js, no repository node_modules above it — and
// started with the image's own CMD and ENV, read from the Dockerfile, as an unprivileged user when
// the suite runs as root. Against a fresh database on the suite's PostgreSQL and a redis-server of
// its own, as compose.yaml runs it: it migrates on start, then serves.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { argsOf, envOf, execForm, healthcheckOf, readDockerfile } from "@/tests/support/dockerfile";
import { freePort, requireEnv, startRedis, waitFor, type RedisServer } from "@/tests/support/services";
import { isRoot, lookupUser } from "../../scripts/services/common.mjs";
import { BROWSER_HEADERS, SIDEBAR } from "./support/instances";

test.describe.configure({ mode: "serial" });

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const imageEnv = envOf(runtime);
const command = execForm(argsOf(runtime, "CMD")[0]!);
const healthcheck = healthcheckOf(runtime).command;

interface Started {
  folder: string;
  port: number;
  url: string;
  server: ChildProcess;
  output: () => string;
  env: Record<string, string | undefined>;
  databaseUrl: string;
  dropDatabase: () => Promise<void>;
  redis: RedisServer;
}

let started: Partial<Started> = {};
const app = () => started as Started;

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  const folder = (started.folder = mkdtempSync(path.join(os.tmpdir(), "marquee-standalone-")));
  // The image's folder is /app, readable by its unprivileged user: mkdtemp makes it 0700.
  chmodSync(folder, 0o755);
  const assembled = spawnSync(process.execPath, ["scripts/standalone/assemble.mjs", folder], { cwd: process.cwd(), env: process.env, encoding: "utf8" });
  if (assembled.status !== 0) throw new Error(`assemble.mjs failed:\n${assembled.stdout}\n${assembled.stderr}`);

  const admin = requireEnv("TEST_POSTGRES_URL");
  const name = `marquee_standalone_${randomBytes(4).toString("hex")}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const databaseUrl = new URL(admin);
  databaseUrl.pathname = `/${name}`;
  started.databaseUrl = databaseUrl.toString();
  started.dropDatabase = () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  started.redis = await startRedis();

  started.port = await freePort();
  started.url = `http://127.0.0.1:${started.port}`;
  // Exactly the image's environment (no variable of this shell), with the port free here and the
  // deployment's variables as compose.yaml passes them. NEXT_DIST_DIR: the suite's build folder
  // (the image's build uses the default, .next).
  const env: Record<string, string | undefined> = (started.env = {
    PATH: process.env.PATH,
    ...imageEnv,
    PORT: String(started.port),
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    DATABASE_URL: started.databaseUrl,
    REDIS_URL: started.redis.url,
    MARQUEE_SECRET: randomBytes(32).toString("hex"),
    MARQUEE_PUBLIC_URL: started.url,
    MARQUEE_DEMO: "1",
    // With it, the server runs the scheduled jobs of vercel.json itself (scripts/job-scheduler.mjs).
    CRON_SECRET: randomBytes(24).toString("hex"),
    // Small enough to reach in a test; the forged-address test counts on it.
    PUBLIC_RATE_LIMITS: "preview=3/86400",
  });
  expect(command[0], "the image's command runs node").toBe("node");
  const server = await startImageCommand(folder, env);
  started.server = server.process;
  started.output = server.output;
});

test.afterAll(async ({}, testInfo) => {
  if (started.server && started.server.exitCode === null) await stop(started.server);
  if (testInfo.status !== testInfo.expectedStatus) console.log(`[standalone] server output:\n${started.output?.().slice(-4_000)}`);
  await started.redis?.stop().catch(() => {});
  await started.dropDatabase?.().catch(() => {});
  if (started.folder) rmSync(started.folder, { recursive: true, force: true });
  started = {};
});

test("the folder holds the build and Marquee's server, not the repository's config nor Next's server.js", () => {
  const { folder } = app();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  expect(folder.startsWith(process.cwd() + path.sep), "outside the repository: no node_modules of it above").toBe(false);
  expect(existsSync(path.join(folder, "next.config.js"))).toBe(false);
  expect(existsSync(path.join(folder, "server.js")), "Next's server.js lets clients choose their address").toBe(false);
  for (const file of ["scripts/server.mjs", "scripts/job-scheduler.mjs", "vercel.json", "scripts/standalone/start.mjs", "scripts/standalone/prepare-database.mjs", "scripts/standalone/setup-link.mjs", `${distDir}/BUILD_ID`, "node_modules/next/package.json"]) {
    expect(existsSync(path.join(folder, file)), file).toBe(true);
  }
  expect(readdirSync(path.join(folder, distDir, "static")).length).toBeGreaterThan(0);
});

test("it applied every migration to the empty database on start, and seeded the demo data asked for", async () => {
  const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const { rows } = await withClient(app().databaseUrl, (client) => client.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`));
  expect(rows.map((row) => row.migration_name)).toEqual(migrations.sort());
  expect(app().output()).toContain("Seeded the demo data");
  expect(app().output(), "the unprivileged user writes nothing in the image's folder").not.toMatch(/EACCES|EPERM|permission denied/i);
});

test("with CRON_SECRET set, the server runs the jobs of vercel.json itself, and their routes take the secret and record the run", async () => {
  const announced = app()
    .output()
    .split("\n")
    .filter((line) => line.includes("Scheduled jobs run by this server (UTC)"));
  expect(announced).toHaveLength(1);
  expect(JSON.parse(announced[0]!)).toMatchObject({
    level: "info",
    jobs: [
      { path: "/api/cron/prune-events", schedule: "0 3 * * *" },
      { path: "/api/cron/campaign-mail", schedule: "0 7 * * *" },
    ],
  });
  const response = await fetch(`${app().url}/api/cron/campaign-mail`, { headers: { authorization: `Bearer ${app().env.CRON_SECRET}` } });
  expect(response.status).toBe(200);
  const { rows } = await withClient(app().databaseUrl, (client) => client.query<{ lastSummary: string }>(`SELECT "lastSummary" FROM "scheduled_job" WHERE "name" = 'campaign-mail'`));
  expect(rows).toEqual([{ lastSummary: expect.stringMatching(/^mailed the end of \d+ campaigns? \(\d+ messages?\)$/) }]);
});

test("/api/health reports the database and Redis, and the image's HEALTHCHECK command passes", async () => {
  expect(await (await fetch(`${app().url}/api/health`)).json()).toMatchObject({ status: "ok", database: "ok", cache: "ok" });
  const check = (port: number) => spawnSync(process.execPath, healthcheck.slice(1), { env: only({ PATH: process.env.PATH, PORT: String(port) }), encoding: "utf8", timeout: 30_000 });
  expect(healthcheck[0]).toBe("node");
  expect(check(app().port).status).toBe(0);
  expect(check(await freePort()).status, "nothing listening: the check fails").not.toBe(0);
});

test("it serves an ad of the demo data, its image, the embed script and a page with its assets", async () => {
  // The sidebar's demo ads are an image and text: each client address gets its own draw (a
  // repeat from one address within seconds is the same offer), so ask from new ones until an
  // image ad comes (the chance that 40 draws miss it is negligible).
  let imageUrl: string | undefined;
  for (let host = 3; host < 43 && !imageUrl; host += 1) {
    const answer = await request(`${app().url}/api/serve?placement=${SIDEBAR}`, { from: `127.0.0.${host}`, headers: BROWSER_HEADERS });
    expect(answer.status).toBe(200);
    const served = JSON.parse(answer.body) as { ad: { imageUrl?: string | null }; impressionUrl: string };
    expect(served.impressionUrl.startsWith(`${app().url}/api/i?t=`)).toBe(true);
    imageUrl = served.ad.imageUrl ?? undefined;
  }
  expect(imageUrl, "an image ad among the draws").toBeDefined();
  expect((await fetch(imageUrl!)).status, "the creative's image, from public/").toBe(200);
  expect((await fetch(`${app().url}/embed.js`)).status).toBe(200);

  const page = await fetch(`${app().url}/`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const assets = [...html.matchAll(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g)].map((match) => match[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set(assets)) expect((await fetch(`${app().url}${asset}`)).status, asset).toBe(200);
});

test("a client's forged X-Forwarded-For and peer header are ignored: limits count the TCP peer (TRUSTED_PROXY_HOPS=0)", async () => {
  const preview = `${app().url}/api/preview/${SIDEBAR}`;
  const statuses: number[] = [];
  for (let index = 0; index < 10; index += 1) {
    const forged = `203.0.113.${index + 1}`;
    const answer = await request(preview, { from: "127.0.0.1", headers: { "x-forwarded-for": forged, "x-real-ip": forged, "x-marquee-peer": forged } });
    statuses.push(answer.status);
  }
  // 3 previews a window: even across one window's end, at most 6 of the 10 pass.
  expect(statuses.filter((status) => status === 429).length, statuses.join(" ")).toBeGreaterThanOrEqual(4);
  expect(statuses.every((status) => status === 200 || status === 429), statuses.join(" ")).toBe(true);
  // Another peer is another client, whatever it claims to be.
  expect((await request(preview, { from: "127.0.0.2", headers: { "x-forwarded-for": "127.0.0.1", "x-marquee-peer": "127.0.0.1" } })).status).toBe(200);
});

test("the setup-link script runs in the folder (docker compose exec app node scripts/standalone/setup-link.mjs)", () => {
  const run = spawnSync(process.execPath, ["scripts/standalone/setup-link.mjs"], { cwd: app().folder, env: only(app().env), encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  // The demo data asked for has an operator.
  expect(run.stdout).toContain("An operator account exists");
  expect(run.status).toBe(0);
});

test("SIGTERM stops it cleanly, as `docker stop` does", async () => {
  expect(await stop(app().server)).toBe(0);
});

test("started again on its database (an upgrade's restart) it applies nothing and serves; MIGRATE_ON_START=0 skips the preparation", async () => {
  for (const [variant, prepares] of [
    [{}, true],
    [{ MIGRATE_ON_START: "0" }, false],
  ] as const) {
    const again = await startImageCommand(app().folder, { ...app().env, ...variant });
    try {
      expect(again.output()).not.toContain("Applied migration");
      // The preparation's first line names the database it prepares.
      expect(again.output().includes("Database: Postgres"), again.output()).toBe(prepares);
      expect((await fetch(`${app().url}/api/health`)).status).toBe(200);
    } finally {
      expect(await stop(again.process)).toBe(0);
    }
  }
});

/**
 * The image's CMD in the folder with exactly `env`, as an unprivileged user when this runs as
 * root (the image's USER); resolves once /api/health answers 200.
 */
async function startImageCommand(folder: string, env: Record<string, string | undefined>): Promise<{ process: ChildProcess; output: () => string }> {
  const nobody = isRoot() ? lookupUser("nobody") : undefined;
  const server = spawn(process.execPath, command.slice(1), {
    cwd: folder,
    env: only(env),
    stdio: ["ignore", "pipe", "pipe"],
    ...(nobody ? { uid: nobody.uid, gid: nobody.gid } : {}),
  });
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  try {
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${env.PORT}/api/health`).catch(() => undefined))?.status === 200 ? true : undefined),
      { timeout: 180_000, interval: 500, description: "the standalone server to answer /api/health", abort: () => (server.exitCode !== null ? `the server exited:\n${output}` : false) },
    );
  } catch (error) {
    server.kill("SIGKILL");
    throw error;
  }
  return { process: server, output: () => output };
}

/** A child's environment of exactly these variables (none of this shell's). */
function only(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return variables as unknown as NodeJS.ProcessEnv;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** One HTTP request from a chosen loopback address (the server sees it as the TCP peer). */
function request(url: string, { from, headers = {} }: { from: string; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { headers, localAddress: from, agent: false, timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on("timeout", () => sent.destroy(new Error(`request to ${url} timed out`)));
    sent.on("error", reject);
    sent.end();
  });
}

/** SIGTERM; the exit code (SIGKILL after 15 s, then null). */
async function stop(server: ChildProcess): Promise<number | null> {
  if (server.exitCode !== null || server.signalCode !== null) return server.exitCode;
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 15_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
