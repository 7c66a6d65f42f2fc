import { describe, expect, it } from "vitest";
import { cachedProbe } from "@/lib/health/cached-probe";

/** A probe the test answers by hand, counting how often it was started. */
function manualProbe() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    calls,
    probe: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
  };
}

/** Lets the probe's settlement reach the callers (a few microtask turns). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("cachedProbe", () => {
  it("a storm of concurrent checks starts one probe and all share its answer", async () => {
    const { calls, probe } = manualProbe();
    const check = cachedProbe(probe, { freshMs: 1_000, deadlineMs: 60_000, now: () => 0 });
    const answers = Promise.all(Array.from({ length: 100 }, () => check()));
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    expect(await answers).toEqual(Array(100).fill("ok"));
  });

  it("reuses an answer while it is fresh, probes again once it is not", async () => {
    let now = 0;
    const { calls, probe } = manualProbe();
    const check = cachedProbe(probe, { freshMs: 1_000, deadlineMs: 60_000, now: () => now });
    const first = check();
    calls[0]!.resolve();
    expect(await first).toBe("ok");
    now = 999;
    expect(await check()).toBe("ok");
    expect(calls).toHaveLength(1);
    now = 1_000;
    const second = check();
    expect(calls).toHaveLength(2);
    calls[1]!.reject(new Error("connection refused"));
    expect(await second).toBe("down");
    now = 1_500;
    expect(await check()).toBe("down");
    expect(calls).toHaveLength(2);
  });

  it("answers down at the deadline, and starts no second probe while the first still hangs", async () => {
    let now = 0;
    const { calls, probe } = manualProbe();
    // A real deadline: the test waits for it to fire (short, since it must fire, not be met).
    const check = cachedProbe(probe, { freshMs: 1_000, deadlineMs: 20, now: () => now });
    expect(await check()).toBe("down");
    now = 5_000; // long past fresh and deadline: the hung probe is still the only one
    expect(await check()).toBe("down");
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(); // the database thaws: its answer is the new state at once
    await settled();
    expect(await check()).toBe("ok");
    expect(calls).toHaveLength(1);
  });
});
