import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests against the app started the way a user starts it: `node scripts/start.mjs`
// (build if needed, migrate + seed the embedded PGlite database, `next start`).
// `npm test` (scripts/test.mjs) sets E2E_PORT to a free port and E2E_PGLITE_DATA_DIR to a
// folder it removes afterwards; run alone (`npx playwright test`) it uses port 3100 and a
// fresh temp folder.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Computed once: the config is also loaded by every worker, which inherit this variable.
// Not created here (listing tests creates nothing): the app creates it on first use.
process.env.E2E_PGLITE_DATA_DIR ??= path.join(os.tmpdir(), `marquee-e2e-${process.pid}-${Date.now()}`, "pglite");

// The app must use only its embedded database and no cache: drop whatever the caller's shell
// points at (Playwright merges this over process.env; undefined entries are not passed on).
const unset = [
  "DATABASE_URL",
  // The names Postgres integrations set, which the app reads too (lib/config/env.ts).
  "DATABASE_URL_POOLED",
  "DATABASE_URL_UNPOOLED",
  "POSTGRES_PRISMA_URL",
  "POSTGRES_URL",
  "POSTGRES_URL_NON_POOLING",
  "REDIS_URL",
  "REDIS_HOST",
  "REDIS_PORT",
  "REDIS_PASSWORD",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN",
  "KV_URL",
];
const serverEnv: Record<string, string> = {
  ...Object.fromEntries(unset.map((name) => [name, undefined as unknown as string])),
  // Every spec's traffic comes from 127.0.0.1: per-client limits would make the specs depend on
  // each other's order. tests/e2e/invalid-traffic.spec.ts checks the limits on instances of its own.
  PUBLIC_RATE_LIMITS: "off",
  INVALID_TRAFFIC_VIEW_LIMIT: "1000000/60",
  INVALID_TRAFFIC_CLICK_LIMITS: "1000000/60",
  // A dozen specs sign up from 127.0.0.1 within one run; the default (10 in 10 minutes) is
  // checked by tests/integration/rate-limit.test.ts.
  SIGN_UP_LIMIT: "1000/600",
  PORT: String(port),
  PGLITE_DATA_DIR: process.env.E2E_PGLITE_DATA_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
};

/** The longest spec files by the duration of their tests (CI, Dec 4): started first (projects, below). */
const LONGEST_SPECS = /(targeting|time-zones|tracking-storm)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two workers (E2E_WORKERS to change it): one took ~22 minutes of e2e on CI. The specs share
  // one server and its demo data: the accessibility spec runs before the rest (projects, below),
  // and the demo accounts are signed in once per run (tests/e2e/support/sign-in.ts demoSession) —
  // signed in by each spec, two workers ran into the sign-in limit of 5 a minute per address.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // Sized for a loaded 2-core machine (the slowest test took 17 s there).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    // On failure: the trace (actions, network, DOM snapshots) and one screenshot. The trace's
    // screencast — frames captured all through every test, thrown away when it passes — cost
    // Chromium's GPU and browser processes CPU on two cores the tests share: e2e's processes
    // summed 2,037 CPU-s with it, 1,827 without (Dec 6), for pictures that the DOM snapshots and
    // the failure's screenshot already give.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      // Playwright cannot download its browsers here: Debian's chromium package.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // The demo publisher's domain, so that e2e publisher pages are on its site (tests serve
        // them from a local server); every other name resolves as usual (and fails: no network).
        "--host-resolver-rules=MAP trailhead.example 127.0.0.1",
      ],
    },
  },
  // The accessibility spec runs first and alone, then the rest on two workers. With two workers
  // from the start (CI, Dec 3) it ran beside the specs that add creatives to the review queue:
  // axe waited out its 60 s on /admin/review at 390 px (waiting previews in frames, as the
  // other worker added them), and that spec's own review timed out beside it. Alone and first,
  // it sees the demo data only, as on one worker.
  //
  // Then the specs that take longest, ahead of the rest (workers take files in the order of the
  // projects, each project's in alphabetical order): in alphabetical order tracking-storm — its
  // own instances and ~3.5 minutes — started last, and the other worker sat idle for ~3 of them
  // (Dec 4, ~20 of e2e's minutes). Started early, the short specs fill in around them.
  projects: [
    // Its tests only read pages: they run side by side.
    { name: "accessibility", testMatch: /accessibility\.spec\.ts$/, fullyParallel: true },
    { name: "e2e-long", testMatch: LONGEST_SPECS, dependencies: ["accessibility"] },
    { name: "e2e", testIgnore: [/accessibility\.spec\.ts$/, LONGEST_SPECS], dependencies: ["accessibility"] },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: baseURL,
    env: serverEnv,
    // npm test builds first (scripts/test.mjs); run alone, a first `next build` takes 1–3 minutes on
    // two cores, more on a loaded machine.
    timeout: 6 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
