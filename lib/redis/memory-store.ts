import type { StoreBackend, StoreCommand } from "./store";

type Entry = { kind: "string"; value: string; expiresAt: number } | { kind: "hash"; value: Map<string, string>; expiresAt: number };

const NEVER = Number.POSITIVE_INFINITY;

/**
 * The store when no Redis is configured: one process keeps dedupe keys, counters and
 * caches in memory with Redis's semantics (TTL, NX, integer increments). Correct for a
 * single instance; across instances the database's unique keys stay the truth.
 */
export class MemoryStore implements StoreBackend {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private sweepTimer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Expired keys are dropped lazily on access and by a periodic sweep, so memory
    // stays bounded by what is live.
    this.sweepTimer = setInterval(() => this.sweep(), 30_000);
    this.sweepTimer.unref();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.entries.clear();
  }

  async exec(commands: readonly StoreCommand[]): Promise<unknown[]> {
    return commands.map((command) => this.run(command));
  }

  private expiry(ttlSeconds: number | undefined): number {
    return ttlSeconds === undefined ? NEVER : this.now() + ttlSeconds * 1000;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private readString(key: string): string | null {
    const entry = this.live(key);
    if (!entry) return null;
    if (entry.kind !== "string") throw new Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    return entry.value;
  }

  private run(command: StoreCommand): unknown {
    switch (command.op) {
      case "get":
        return this.readString(command.key);
      case "mget":
        return command.keys.map((key) => {
          const entry = this.live(key);
          return entry?.kind === "string" ? entry.value : null;
        });
      case "set":
        this.entries.set(command.key, { kind: "string", value: command.value, expiresAt: this.expiry(command.ttlSeconds) });
        return true;
      case "setIfAbsent":
        if (this.live(command.key)) return false;
        this.entries.set(command.key, { kind: "string", value: command.value, expiresAt: this.expiry(command.ttlSeconds) });
        return true;
      case "del":
        return command.keys.reduce((deleted, key) => deleted + (this.live(key) && this.entries.delete(key) ? 1 : 0), 0);
      case "incrBy": {
        const current = this.readString(command.key);
        const parsed = current === null ? 0 : Number(current);
        if (!Number.isSafeInteger(parsed)) throw new Error("ERR value is not an integer or out of range");
        const next = parsed + command.by;
        const expiresAt = command.ttlSeconds === undefined ? (this.live(command.key)?.expiresAt ?? NEVER) : this.expiry(command.ttlSeconds);
        this.entries.set(command.key, { kind: "string", value: String(next), expiresAt });
        return next;
      }
      case "hincrBy": {
        let entry = this.live(command.key);
        if (entry && entry.kind !== "hash") throw new Error("WRONGTYPE Operation against a key holding the wrong kind of value");
        if (!entry) {
          entry = { kind: "hash", value: new Map(), expiresAt: NEVER };
          this.entries.set(command.key, entry);
        }
        const parsed = Number(entry.value.get(command.field) ?? "0");
        if (!Number.isSafeInteger(parsed)) throw new Error("ERR hash value is not an integer");
        const next = parsed + command.by;
        entry.value.set(command.field, String(next));
        if (command.ttlSeconds !== undefined) entry.expiresAt = this.expiry(command.ttlSeconds);
        return next;
      }
      case "hgetAll": {
        const entry = this.live(command.key);
        if (!entry) return {};
        if (entry.kind !== "hash") throw new Error("WRONGTYPE Operation against a key holding the wrong kind of value");
        return Object.fromEntries(entry.value);
      }
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
