import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";
import { StoreReplyError, type ExecOptions, type StoreBackend, type StoreCommand } from "./store";

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

export interface BreakerOptions {
  /** Longest a call may take before it counts as failed (serving path: tens of ms). */
  timeoutMs: number;
  /** Consecutive failures that open the breaker. */
  failureThreshold?: number;
  /** First background probe delay once open; doubles up to maxProbeIntervalMs. */
  probeIntervalMs?: number;
  maxProbeIntervalMs?: number;
  /** State changes: "Redis connected" (info) and "Redis connection error …" (warn). */
  log?: (line: string, level: "info" | "warn") => void;
}

/** "unknown" until the first call or ping has answered or failed. */
export type BreakerState = "unknown" | "closed" | "open";

/** What the health check shows of a breaker (read-only; no I/O). */
export interface BreakerSnapshot {
  state: BreakerState;
  /** When the breaker last changed state (epoch ms); undefined while it is still "unknown". */
  since: number | undefined;
  consecutiveFailures: number;
}

const PING_TIMEOUT_MS = 1_000;

/**
 * Wraps a Redis backend so that Redis can never slow down or break a request: every
 * call has a deadline; after repeated failures the breaker opens and calls fail at once
 * (no I/O) while a background probe retries. It logs once per state change — never per
 * request — so an outage is one line, and so is the recovery.
 */
export class CircuitBreakerBackend implements StoreBackend {
  private state: BreakerState = "unknown";
  private changedAt: number | undefined;
  private consecutiveFailures = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private probeDelayMs: number;
  private readonly failureThreshold: number;
  private readonly probeIntervalMs: number;
  private readonly maxProbeIntervalMs: number;
  private readonly log: (line: string, level: "info" | "warn") => void;
  private readonly connectListeners = new Set<() => void>();

  constructor(
    private readonly inner: StoreBackend,
    private readonly options: BreakerOptions,
  ) {
    this.failureThreshold = options.failureThreshold ?? 2;
    this.probeIntervalMs = options.probeIntervalMs ?? 500;
    this.maxProbeIntervalMs = options.maxProbeIntervalMs ?? 5_000;
    this.probeDelayMs = this.probeIntervalMs;
    this.log = options.log ?? ((line, level) => log()[level]({ outcome: level === "info" ? "redis_up" : "redis_down" }, line));
  }

  get kind() {
    return this.inner.kind;
  }

  /**
   * Called each time Redis becomes reachable after being unknown or down — the moment
   * to repair what could not be written meanwhile (e.g. a missed cache invalidation).
   */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  snapshot(): BreakerSnapshot {
    return { state: this.state, since: this.changedAt, consecutiveFailures: this.consecutiveFailures };
  }

  /** True while calls are being skipped. */
  get isOpen(): boolean {
    return this.state === "open";
  }

  async exec(commands: readonly StoreCommand[], options: ExecOptions = {}): Promise<unknown[]> {
    return this.guard(() => this.inner.exec(commands, options), { timeoutMs: Math.max(this.options.timeoutMs, options.timeoutMs ?? 0) });
  }

  /**
   * Not on the serving path (start-up, health): it may take longer than a serving call, so
   * the first connection of a cold instance (DNS, TLS) is not mistaken for an outage.
   */
  async ping(): Promise<void> {
    await this.guard(() => this.inner.ping(), { bypassOpen: true, timeoutMs: Math.max(this.options.timeoutMs, PING_TIMEOUT_MS) });
  }

  async close(): Promise<void> {
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    await this.inner.close();
  }

  private async guard<T>(call: () => Promise<T>, { bypassOpen = false, timeoutMs = this.options.timeoutMs } = {}): Promise<T> {
    if (this.state === "open" && !bypassOpen) {
      throw new StoreUnavailableError("Redis is unavailable (circuit open)");
    }
    let result: T;
    try {
      result = await withDeadline(call(), timeoutMs);
    } catch (error) {
      // An error reply is Redis answering: it is up (a value it refuses must not take every
      // instance's Redis out of service), and the caller still gets the refusal.
      if (error instanceof StoreReplyError) this.recordSuccess();
      else this.recordFailure(error);
      throw error;
    }
    this.recordSuccess();
    return result;
  }

  private recordSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.state === "closed") return;
    this.state = "closed";
    this.changedAt = Date.now();
    this.probeDelayMs = this.probeIntervalMs;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.log("Redis connected", "info");
    for (const listener of this.connectListeners) listener();
  }

  private recordFailure(error: unknown): void {
    this.consecutiveFailures += 1;
    if (this.state === "open") return;
    if (this.state === "closed" && this.consecutiveFailures < this.failureThreshold) return;
    this.state = "open";
    this.changedAt = Date.now();
    this.log(`Redis connection error (serving from database): ${describeError(error)}`, "warn");
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      // eslint-disable-next-line no-restricted-syntax -- the probe timer is the process's, not a request's; both outcomes handled
      withDeadline(this.inner.ping(), Math.max(this.options.timeoutMs, 1_000)).then(
        () => this.recordSuccess(),
        () => {
          this.probeDelayMs = Math.min(this.probeDelayMs * 2, this.maxProbeIntervalMs);
          if (this.state === "open") this.scheduleProbe();
        },
      );
    }, this.probeDelayMs);
    this.probeTimer.unref();
  }
}

/**
 * Rejects when `promise` has not settled `timeoutMs` after the call. The rejection waits for
 * one more turn of the event loop's poll phase (setImmediate runs after it): when the CPU is
 * saturated, timers fire late, and an answer that arrived in time may be sitting unread in a
 * socket — it is read first instead of being counted as Redis failing (which opened the
 * breaker dozens of times a minute under load).
 */
function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      immediate = setImmediate(() => reject(new StoreUnavailableError(`Redis did not answer within ${timeoutMs} ms`)));
    }, timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  });
}

