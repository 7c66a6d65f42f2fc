// The small key-value interface that serving and tracking need from Redis. Three
// implementations (Upstash REST, TCP Redis, in-process) pass one contract suite.
// Each implementation provides a single `exec` that runs a list of commands in one
// round trip; the single-command helpers below are built on it.

export type StoreKind = "upstash" | "redis" | "memory";

export type StoreCommand =
  | { op: "get"; key: string }
  | { op: "mget"; keys: string[] }
  | { op: "set"; key: string; value: string; ttlSeconds?: number }
  /** SET key value NX EX ttl — the atomic idempotency primitive. */
  | { op: "setIfAbsent"; key: string; value: string; ttlSeconds: number }
  | { op: "del"; keys: string[] }
  /** INCRBY, then EXPIRE when ttlSeconds is given (same round trip). */
  | { op: "incrBy"; key: string; by: number; ttlSeconds?: number }
  /** HINCRBY, then EXPIRE on the hash when ttlSeconds is given (same round trip). */
  | { op: "hincrBy"; key: string; field: string; by: number; ttlSeconds?: number }
  | { op: "hgetAll"; key: string }
  /**
   * HSCAN key 0 COUNT count: a first page of the hash's fields — about `count` of a large hash,
   * all of a small one (Redis returns a compact hash whole). For a caller that deletes what it
   * read: the next call then finds the rest, and no call reads a huge hash at once.
   */
  | { op: "hscanFirst"; key: string; count: number }
  /** HLEN: how many fields the hash has (0 when the key is missing). */
  | { op: "hlen"; key: string }
  /** HSET of one field; resolves to 1 when the field is new, 0 when it was overwritten. */
  | { op: "hset"; key: string; field: string; value: string }
  /** HSETNX: sets the field only when the hash does not have it; resolves to 1 when set, 0 when it was there. */
  | { op: "hsetIfAbsent"; key: string; field: string; value: string }
  | { op: "hdel"; key: string; fields: string[] }
  /** EXISTS of several keys in one command: how many of them exist (an emptied hash does not). */
  | { op: "exists"; keys: string[] }
  /** GETRANGE: the substring [start, end] (inclusive, bytes); "" when the key is missing. */
  | { op: "getRange"; key: string; start: number; end: number };

export interface StoreResultByOp {
  get: string | null;
  mget: (string | null)[];
  set: true;
  setIfAbsent: boolean;
  del: number;
  incrBy: number;
  hincrBy: number;
  hgetAll: Record<string, string>;
  hscanFirst: Record<string, string>;
  hlen: number;
  hset: number;
  hsetIfAbsent: number;
  hdel: number;
  exists: number;
  getRange: string;
}

export type StoreResult<C extends StoreCommand> = StoreResultByOp[C["op"]];
export type StoreResults<C extends readonly StoreCommand[]> = { -readonly [K in keyof C]: StoreResult<C[K]> };

/**
 * Deadline of a read whose size decides how long it takes (the whole active set, ~0.7 MB
 * gzipped at 10,000 campaigns, ~10 MB before it was compressed): a new instance on busy cores needed more than 1 s for it at times, and
 * missing it costs more than waiting — the database then loads the set, slower still. Also the
 * backends' own deadline (lib/redis/create-store.ts), which no call may outlast.
 */
export const LARGE_READ_TIMEOUT_MS = 3_000;

export interface ExecOptions {
  /**
   * A longer deadline for this call than the serving one (REDIS_TIMEOUT_MS), for a read whose
   * size, not Redis's health, decides how long it takes (the whole active set). The backend's
   * own deadline still bounds it. Only the circuit breaker applies it (a bare backend has its
   * own deadline alone), and the batching backend sends such a call on its own, so that no
   * serving call batched with it waits past its deadline.
   */
  timeoutMs?: number;
}

/**
 * Redis answered, with an error reply (WRONGTYPE, "not an integer", a value over the plan's
 * request size): the store is up and refused the command. Unlike a timeout or a lost
 * connection it says nothing about Redis being down, so the circuit breaker does not count it.
 */
export class StoreReplyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StoreReplyError";
  }
}

export interface StoreBackend {
  readonly kind: StoreKind;
  /** Runs the commands in one round trip (pipelined, not atomic), results in order. */
  exec(commands: readonly StoreCommand[], options?: ExecOptions): Promise<unknown[]>;
  /** Resolves when the store answers; rejects when it is unreachable or refuses the credentials. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class KeyValueStore {
  constructor(private readonly backend: StoreBackend) {}

  get kind(): StoreKind {
    return this.backend.kind;
  }

  async exec<const C extends readonly StoreCommand[]>(commands: C, options?: ExecOptions): Promise<StoreResults<C>> {
    if (commands.length === 0) return [] as unknown as StoreResults<C>;
    return (await this.backend.exec(commands, options)) as StoreResults<C>;
  }

  ping(): Promise<void> {
    return this.backend.ping();
  }

  close(): Promise<void> {
    return this.backend.close();
  }

  private async one<C extends StoreCommand>(command: C): Promise<StoreResult<C>> {
    const [result] = await this.backend.exec([command]);
    return result as StoreResult<C>;
  }

  get(key: string) {
    return this.one({ op: "get", key });
  }

  mget(keys: string[]) {
    return keys.length === 0 ? Promise.resolve([]) : this.one({ op: "mget", keys });
  }

  set(key: string, value: string, ttlSeconds?: number) {
    return this.one({ op: "set", key, value, ttlSeconds });
  }

  setIfAbsent(key: string, value: string, ttlSeconds: number) {
    return this.one({ op: "setIfAbsent", key, value, ttlSeconds });
  }

  del(...keys: string[]) {
    return keys.length === 0 ? Promise.resolve(0) : this.one({ op: "del", keys });
  }

  incrBy(key: string, by: number, ttlSeconds?: number) {
    return this.one({ op: "incrBy", key, by, ttlSeconds });
  }

  hincrBy(key: string, field: string, by: number, ttlSeconds?: number) {
    return this.one({ op: "hincrBy", key, field, by, ttlSeconds });
  }

  hgetAll(key: string) {
    return this.one({ op: "hgetAll", key });
  }

  hscanFirst(key: string, count: number) {
    return this.one({ op: "hscanFirst", key, count });
  }

  hlen(key: string) {
    return this.one({ op: "hlen", key });
  }

  hset(key: string, field: string, value: string) {
    return this.one({ op: "hset", key, field, value });
  }

  hsetIfAbsent(key: string, field: string, value: string) {
    return this.one({ op: "hsetIfAbsent", key, field, value });
  }

  exists(...keys: string[]) {
    return keys.length === 0 ? Promise.resolve(0) : this.one({ op: "exists", keys });
  }

  hdel(key: string, ...fields: string[]) {
    return fields.length === 0 ? Promise.resolve(0) : this.one({ op: "hdel", key, fields });
  }

  getRange(key: string, start: number, end: number) {
    return this.one({ op: "getRange", key, start, end });
  }
}
