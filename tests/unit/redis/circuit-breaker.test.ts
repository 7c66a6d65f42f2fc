import { afterEach, describe, expect, it, vi } from "vitest";
import { CircuitBreakerBackend, StoreUnavailableError } from "@/lib/redis/circuit-breaker";
import { MemoryStore } from "@/lib/redis/memory-store";
import { StoreReplyError, type StoreBackend, type StoreCommand } from "@/lib/redis/store";

/** A real in-process store whose availability the test switches: down, hanging or up. */
class SwitchableBackend implements StoreBackend {
  readonly kind = "redis" as const;
  mode: "up" | "down" | "hang" | "held" = "up";
  calls = 0;
  private readonly inner = new MemoryStore();
  private held: (() => void)[] = [];

  /** Lets the calls made in "held" mode answer. */
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  async exec(commands: readonly StoreCommand[]) {
    this.calls += 1;
    await this.gate();
    return this.inner.exec(commands);
  }

  async ping() {
    await this.gate();
  }

  async close() {
    await this.inner.close();
  }

  private gate(): Promise<void> {
    if (this.mode === "down") return Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:1"));
    if (this.mode === "hang") return new Promise(() => {});
    if (this.mode === "held") return new Promise((resolve) => this.held.push(resolve));
    return Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = { op: "get", key: "k" } as const;
/** Generous for what takes tens of milliseconds: timers fire late on a busy machine. */
const WAIT = { timeout: 3_000, interval: 10 };

describe("CircuitBreakerBackend", () => {
  const breakers: CircuitBreakerBackend[] = [];
  function setup(options: { failureThreshold?: number } = {}) {
    const backend = new SwitchableBackend();
    const lines: string[] = [];
    const breaker = new CircuitBreakerBackend(backend, {
      timeoutMs: 30,
      probeIntervalMs: 20,
      maxProbeIntervalMs: 40,
      log: (line) => lines.push(line),
      ...options,
    });
    breakers.push(breaker);
    return { backend, breaker, lines };
  }
  afterEach(async () => {
    await Promise.all(breakers.splice(0).map((breaker) => breaker.close()));
  });

  it("logs 'Redis connected' once on the first success, not per call", async () => {
    const { breaker, lines } = setup();
    await breaker.exec([get]);
    await breaker.exec([get]);
    expect(lines).toEqual(["Redis connected"]);
  });

  it("fails a hanging call within the timeout", async () => {
    const { backend, breaker } = setup();
    backend.mode = "hang";
    const started = performance.now();
    await expect(breaker.exec([get])).rejects.toBeInstanceOf(StoreUnavailableError);
    // The 30 ms deadline fired: a hanging call would never return (the test's timeout is 5 s).
    expect(performance.now() - started).toBeLessThan(WAIT.timeout);
  });

  it("waits past the serving deadline for a call that asks for a longer one (a read of the whole active set)", async () => {
    const { backend, breaker } = setup();
    await breaker.exec([{ op: "set", key: "k", value: "v" }]);
    backend.mode = "held";
    const long = breaker.exec([get], { timeoutMs: 60_000 });
    // A call with the serving deadline, made at the same time, has failed: that deadline is over.
    await expect(breaker.exec([get])).rejects.toBeInstanceOf(StoreUnavailableError);
    backend.release();
    await expect(long).resolves.toEqual(["v"]);
  });

  it("opens after consecutive failures and then skips Redis without calling it", async () => {
    const { backend, breaker, lines } = setup({ failureThreshold: 2 });
    await breaker.exec([get]);
    backend.mode = "down";
    await expect(breaker.exec([get])).rejects.toThrow();
    expect(breaker.isOpen).toBe(false);
    await expect(breaker.exec([get])).rejects.toThrow();
    expect(breaker.isOpen).toBe(true);
    const callsWhenOpened = backend.calls;
    await expect(breaker.exec([get])).rejects.toThrow("circuit open");
    expect(backend.calls).toBe(callsWhenOpened);
    expect(lines).toEqual(["Redis connected", "Redis connection error (serving from database): connect ECONNREFUSED 127.0.0.1:1"]);
  });

  it("closes again by itself once a background probe succeeds, logging one line", async () => {
    const { backend, breaker, lines } = setup();
    backend.mode = "down";
    await expect(breaker.exec([get])).rejects.toThrow();
    expect(breaker.isOpen).toBe(true);
    await sleep(100);
    expect(breaker.isOpen).toBe(true);
    backend.mode = "up";
    await vi.waitFor(() => expect(breaker.isOpen).toBe(false), WAIT);
    await expect(breaker.exec([get])).resolves.toEqual([null]);
    expect(lines.filter((line) => line.startsWith("Redis connection error"))).toHaveLength(1);
    expect(lines.at(-1)).toBe("Redis connected");
  });

  it("notifies connect listeners on recovery", async () => {
    const { backend, breaker } = setup();
    let connects = 0;
    breaker.onConnect(() => (connects += 1));
    backend.mode = "down";
    await expect(breaker.exec([get])).rejects.toThrow();
    backend.mode = "up";
    await vi.waitFor(() => expect(connects).toBe(1), WAIT);
    await sleep(120); // more probes would have run by now: still one notification
    expect(connects).toBe(1);
  });
});

describe("CircuitBreakerBackend and Redis's error replies", () => {
  it("does not open on error replies (Redis answered): the calls still reject, and later calls still reach Redis", async () => {
    const inner = new MemoryStore();
    const breaker = new CircuitBreakerBackend(inner, { timeoutMs: 1_000, failureThreshold: 2, log: () => {} });
    try {
      await inner.exec([{ op: "set", key: "text", value: "not a number" }]);
      for (let i = 0; i < 5; i += 1) {
        await expect(breaker.exec([{ op: "incrBy", key: "text", by: 1 }])).rejects.toBeInstanceOf(StoreReplyError);
      }
      expect(breaker.snapshot()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
      expect(await breaker.exec([{ op: "get", key: "text" }])).toEqual(["not a number"]);
    } finally {
      await breaker.close();
    }
  });
});
