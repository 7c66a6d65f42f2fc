import { StoreReplyError, type StoreBackend, type StoreCommand } from "./store";

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
    if (entry.kind !== "string") throw new StoreReplyError("WRONGTYPE Operation against a key holding the wrong kind of value");
    return entry.value;
  }

  /** The live hash at `key`; created empty when `create` and missing. */
  private liveHash(key: string, create: boolean): Extract<Entry, { kind: "hash" }> | undefined {
    const entry = this.live(key);
    if (entry && entry.kind !== "hash") throw new StoreReplyError("WRONGTYPE Operation against a key holding the wrong kind of value");
    if (entry || !create) return entry;
    const created = { kind: "hash" as const, value: new Map<string, string>(), expiresAt: NEVER };
    this.entries.set(key, created);
    return created;
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
        if (!Number.isSafeInteger(parsed)) throw new StoreReplyError("ERR value is not an integer or out of range");
        const next = parsed + command.by;
        const expiresAt = command.ttlSeconds === undefined ? (this.live(command.key)?.expiresAt ?? NEVER) : this.expiry(command.ttlSeconds);
        this.entries.set(command.key, { kind: "string", value: String(next), expiresAt });
        return next;
      }
      case "hincrBy": {
        const entry = this.liveHash(command.key, true)!;
        const parsed = Number(entry.value.get(command.field) ?? "0");
        if (!Number.isSafeInteger(parsed)) throw new StoreReplyError("ERR hash value is not an integer");
        const next = parsed + command.by;
        entry.value.set(command.field, String(next));
        if (command.ttlSeconds !== undefined) entry.expiresAt = this.expiry(command.ttlSeconds);
        return next;
      }
      case "hgetAll": {
        const entry = this.live(command.key);
        if (!entry) return {};
        if (entry.kind !== "hash") throw new StoreReplyError("WRONGTYPE Operation against a key holding the wrong kind of value");
        return Object.fromEntries(entry.value);
      }
      case "hscanFirst": {
        const entry = this.liveHash(command.key, false);
        return entry ? Object.fromEntries([...entry.value].slice(0, command.count)) : {};
      }
      case "hlen":
        return this.liveHash(command.key, false)?.value.size ?? 0;
      case "hset": {
        const entry = this.liveHash(command.key, true)!;
        const isNew = !entry.value.has(command.field);
        entry.value.set(command.field, command.value);
        return isNew ? 1 : 0;
      }
      case "hsetIfAbsent": {
        const entry = this.liveHash(command.key, true)!;
        if (entry.value.has(command.field)) return 0;
        entry.value.set(command.field, command.value);
        return 1;
      }
      case "exists":
        return command.keys.reduce((count, key) => count + (this.live(key) ? 1 : 0), 0);
      case "hdel": {
        const entry = this.liveHash(command.key, false);
        if (!entry) return 0;
        const deleted = command.fields.reduce((count, field) => count + (entry.value.delete(field) ? 1 : 0), 0);
        if (entry.value.size === 0) this.entries.delete(command.key);
        return deleted;
      }
      case "getRange": {
        const value = this.readString(command.key);
        if (value === null) return "";
        // Redis counts bytes; negative offsets count from the end.
        const bytes = Buffer.from(value);
        const from = command.start < 0 ? Math.max(bytes.length + command.start, 0) : command.start;
        const to = Math.min(command.end < 0 ? bytes.length + command.end : command.end, bytes.length - 1);
        return from > to ? "" : bytes.subarray(from, to + 1).toString();
      }
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
