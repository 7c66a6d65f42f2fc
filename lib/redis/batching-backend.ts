import type { ExecOptions, StoreBackend, StoreCommand } from "./store";

interface Pending {
  commands: readonly StoreCommand[];
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the execs issued while the event loop handles one batch of I/O into one round
 * trip (flushed on setImmediate, at most `maxCommands` per trip). Under load, many requests
 * need Redis at once — a frequency-cap read here, a frequency-cap count there — and one HTTP
 * request to Upstash (or one pipeline write over TCP) costs far less than one each. Each
 * caller still gets exactly its own results, in order; the commands are independent, so
 * batching changes no semantics. The one cost: a command that fails (a Redis error, not an
 * empty answer) fails every exec of its batch, which the callers treat as Redis being
 * unavailable for that moment (the database decides).
 */
export class BatchingBackend implements StoreBackend {
  private queue: Pending[] = [];
  private queuedCommands = 0;
  private scheduled = false;

  constructor(
    private readonly inner: StoreBackend,
    private readonly maxCommands = 500,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  exec(commands: readonly StoreCommand[], options: ExecOptions = {}): Promise<unknown[]> {
    // A call with a deadline of its own (a large read) travels alone: batched, it would hold
    // up the serving calls of its batch past their deadline.
    if (options.timeoutMs !== undefined) return this.inner.exec(commands);
    return new Promise((resolve, reject) => {
      if (this.queuedCommands + commands.length > this.maxCommands) this.flush();
      this.queue.push({ commands, resolve, reject });
      this.queuedCommands += commands.length;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queuedCommands = 0;
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      // eslint-disable-next-line no-restricted-syntax -- settles the callers' own promises, which they await
      this.inner.exec(only.commands).then(only.resolve, only.reject);
      return;
    }
    // eslint-disable-next-line no-restricted-syntax -- settles the callers' own promises, which they await
    this.inner.exec(batch.flatMap((pending) => pending.commands)).then(
      (results) => {
        let offset = 0;
        for (const pending of batch) {
          pending.resolve(results.slice(offset, offset + pending.commands.length));
          offset += pending.commands.length;
        }
      },
      (error: unknown) => {
        for (const pending of batch) pending.reject(error);
      },
    );
  }
}
