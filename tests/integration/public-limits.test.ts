// The public endpoints' per-client limits (lib/rate-limit/public-limiter.ts): counted in-process,
// shared through a real Redis once a client comes near a limit, so that two instances hold one
// limit between them; without Redis each instance holds it alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { startRedis, type RedisServer } from "@/tests/support/services";

const LIMITS = {
  serve: { limit: 120, windowSeconds: 60 },
  impression: { limit: 120, windowSeconds: 60 },
  click: { limit: 30, windowSeconds: 60 },
  preview: { limit: 60, windowSeconds: 60 },
};
const NOW = Date.parse("2026-06-10T12:00:10Z");

let redis: RedisServer;
let handles: StoreHandle[];

beforeAll(async () => {
  redis = await startRedis();
  handles = [0, 1].map(() => createStore({ kind: "redis", url: redis.url, timeoutMs: 10_000 }, { log: () => {} }));
});
afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.store.close()));
  await redis?.stop();
});

async function allowed(limiters: PublicRateLimiter[], address: string, requests: number, endpoint: keyof typeof LIMITS = "serve"): Promise<number> {
  let count = 0;
  for (let request = 0; request < requests; request += 1) if (await limiters[request % limiters.length]!.allow(endpoint, address)) count += 1;
  return count;
}

describe("PublicRateLimiter", () => {
  it("holds one limit for a client spread over two instances that share Redis", async () => {
    const limiters = handles.map((handle) => new PublicRateLimiter({ limits: LIMITS, store: handle.store, now: () => NOW }));
    const count = await allowed(limiters, "198.51.100.1", 400);
    // Each instance adds its count to Redis every 12 requests: at most that much over, never 2 × 120.
    expect(count).toBeGreaterThanOrEqual(120 - 12);
    expect(count).toBeLessThanOrEqual(120 + 2 * 12);
  });

  it("costs no Redis command for a client far under the limit", async () => {
    const limiter = new PublicRateLimiter({ limits: LIMITS, store: handles[0]!.store, now: () => NOW });
    const before = await handles[0]!.store.get("publimit:serve:198.51.100.2:" + Math.floor(NOW / 60_000));
    expect(await allowed([limiter], "198.51.100.2", 20)).toBe(20);
    expect(before).toBeNull();
    expect(await handles[0]!.store.get("publimit:serve:198.51.100.2:" + Math.floor(NOW / 60_000))).toBeNull();
  });

  it("limits each instance alone without Redis, and counts each client and endpoint on its own", async () => {
    const alone = new PublicRateLimiter({ limits: LIMITS, store: null, now: () => NOW });
    expect(await allowed([alone], "198.51.100.3", 200)).toBe(120);
    expect(await allowed([alone], "198.51.100.4", 10)).toBe(10);
    expect(await allowed([alone], "198.51.100.3", 40, "click")).toBe(30);
  });

  it("allows again in the next window", async () => {
    let clock = NOW;
    const limiter = new PublicRateLimiter({ limits: LIMITS, store: null, now: () => clock });
    expect(await allowed([limiter], "198.51.100.5", 150)).toBe(120);
    clock += 60_000;
    expect(await allowed([limiter], "198.51.100.5", 10)).toBe(10);
  });

  it("allows everything when the limits are off", async () => {
    const off = new PublicRateLimiter({ limits: null, store: null, now: () => NOW });
    expect(await allowed([off], "198.51.100.6", 500)).toBe(500);
  });
});
