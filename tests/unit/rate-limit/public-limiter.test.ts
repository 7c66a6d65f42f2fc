// The per-client limits' memory (lib/rate-limit/public-limiter.ts): a client is remembered
// while its window lasts, and forgotten once it has ended — most clients of the public
// endpoints make one request (a view, a beacon), and the soak (bench/load/soak.ts) saw the
// map grow with every one of them until maxClients.
import { describe, expect, it } from "vitest";
import { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";

const LIMITS = {
  serve: { limit: 5, windowSeconds: 60 },
  impression: { limit: 5, windowSeconds: 60 },
  click: { limit: 5, windowSeconds: 600 },
  preview: { limit: 5, windowSeconds: 60 },
};
const WINDOW_START = Date.parse("2026-06-10T12:00:00Z");

function limiterAt(start: number) {
  const clock = { now: start };
  return { clock, limiter: new PublicRateLimiter({ limits: LIMITS, store: null, now: () => clock.now }) };
}

describe("PublicRateLimiter's memory", () => {
  it("forgets the clients whose window has ended", async () => {
    const { clock, limiter } = limiterAt(WINDOW_START);
    for (let client = 0; client < 1_000; client += 1) await limiter.allow("impression", `10.0.${client >> 8}.${client & 255}`);
    expect(limiter.trackedClients).toBe(1_000);
    clock.now = WINDOW_START + 60_000 + 10_000;
    await limiter.allow("impression", "192.0.2.1");
    expect(limiter.trackedClients).toBe(1);
  });

  it("keeps a client whose window has not ended, with its count", async () => {
    const { clock, limiter } = limiterAt(WINDOW_START);
    for (let request = 0; request < 5; request += 1) expect(await limiter.allow("click", "192.0.2.2")).toBe(true);
    await limiter.allow("serve", "192.0.2.3");
    // 70 s later the serve window (60 s) has ended, the click window (600 s) has not.
    clock.now = WINDOW_START + 70_000;
    expect(await limiter.allow("click", "192.0.2.2")).toBe(false);
    expect(limiter.trackedClients).toBe(1);
  });
});
