// GET /api/health as load balancers call it, against a throwaway PostgreSQL that the tests
// freeze and kill: 200 while the database answers, 503 when it does not — within the probe's
// deadline, however many checks arrive at once, without piling queries onto a frozen server.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/create-client";
import { startPostgres, waitFor, type PostgresServer } from "@/tests/support/services";

const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "KV_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];
/** Far below the 15 s query deadline a pile-up would wait for; far above the probe's 2 s on a busy machine. */
const ANSWERED_WITHIN_MS = 10_000;

let postgres: PostgresServer;
let GET: (request: Request) => Promise<Response>;
let HEAD: (request: Request) => Promise<Response>;

beforeAll(async () => {
  postgres = await startPostgres();
  vi.stubEnv("DATABASE_URL", postgres.url);
  for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
  vi.resetModules();
  ({ GET, HEAD } = await import("@/app/api/health/route"));
});

afterAll(async () => {
  postgres?.resume();
  await (globalThis as { marqueeDb?: DatabaseHandle }).marqueeDb?.close();
  vi.unstubAllEnvs();
  await postgres?.stop();
});

const check = () => GET(new Request("http://localhost/api/health"));

/** The app's connections to the server (not this test's own query). */
async function appConnections(): Promise<number> {
  const { rows } = await postgres.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
  return Number(rows[0]?.n);
}

describe("GET /api/health", () => {
  it("answers 200 with a status per component and nothing else, never cached", async () => {
    const response = await check();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ status: "ok", database: "ok", cache: "not-configured" });
  });

  it("answers HEAD with the same status and no body", async () => {
    const response = await HEAD(new Request("http://localhost/api/health", { method: "HEAD" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("a frozen database: 100 checks at once all answer 503 within the deadline, and open no more connections", async () => {
    await waitFor(async () => ((await check()).status === 200 ? true : undefined), { timeout: 30_000, description: "a healthy answer" });
    const before = await appConnections();
    postgres.pause();
    try {
      // Past the last answer's freshness, so that the checks below have to probe.
      await waitFor(async () => ((await check()).status === 503 ? true : undefined), { timeout: 30_000, interval: 100, description: "the first 503" });
      const startedAt = performance.now();
      const responses = await Promise.all(Array.from({ length: 100 }, () => check()));
      const elapsed = performance.now() - startedAt;
      expect(new Set(responses.map((response) => response.status))).toEqual(new Set([503]));
      expect(await responses[0]!.json()).toEqual({ status: "down", database: "down", cache: "not-configured" });
      expect(elapsed).toBeLessThan(ANSWERED_WITHIN_MS);
    } finally {
      postgres.resume();
    }
    // One probe at a time: at most the one connection it used (a query per check would have filled the pool of 10).
    expect(await appConnections()).toBeLessThanOrEqual(Math.max(before, 1));
    await waitFor(async () => ((await check()).status === 200 ? true : undefined), { timeout: 30_000, interval: 100, description: "200 once the database thaws" });
  });

  it("a stopped database: 503, and 200 again once it is back", async () => {
    await postgres.kill();
    try {
      await waitFor(async () => ((await check()).status === 503 ? true : undefined), { timeout: 30_000, interval: 100, description: "503 with the database stopped" });
    } finally {
      await postgres.start();
    }
    await waitFor(async () => ((await check()).status === 200 ? true : undefined), { timeout: 30_000, interval: 200, description: "200 once the database is back" });
  });
});
