import { Redis, type ChainableCommander, type RedisOptions } from "ioredis";
import { StoreReplyError, type StoreBackend, type StoreCommand } from "./store";
import { translateReply } from "./translate-reply";

export interface TcpRedisStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss://… (TLS, e.g. Upstash's TCP endpoint). */
  url?: string;
  /** These override the matching parts of `url`. */
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  tls?: boolean;
  /** Per-command timeout, also the longest wait for the first connection. */
  timeoutMs: number;
}

/**
 * The store over a plain Redis connection (ioredis). It fails fast: nothing is queued while
 * disconnected, nothing is retried, and ioredis reconnects in the background; the caller's
 * circuit breaker decides when to try again.
 */
export class TcpRedisStore implements StoreBackend {
  readonly kind = "redis" as const;
  private readonly redis: Redis;
  private readonly timeoutMs: number;
  private readonly address: string;
  /** Settles once the first connection attempt is over (ready, failed or timed out). */
  private firstConnect: Promise<void> | undefined;
  private lastError: Error | undefined;

  constructor(options: TcpRedisStoreOptions) {
    const target: RedisOptions = { ...(options.url ? parseRedisUrl(options.url) : {}) };
    if (options.host !== undefined) target.host = options.host;
    if (options.port !== undefined) target.port = options.port;
    if (options.username !== undefined) target.username = options.username;
    if (options.password !== undefined) target.password = options.password;
    if (options.tls !== undefined) target.tls = options.tls ? {} : undefined;
    this.timeoutMs = options.timeoutMs;
    this.address = `${target.host ?? "127.0.0.1"}:${target.port ?? 6379}`;
    this.redis = new Redis({
      ...target,
      // Connect on first use: constructing the store (e.g. while Next.js builds) opens nothing.
      lazyConnect: true,
      // Fail fast instead of queueing commands until Redis comes back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A command lost with a dropped connection may already have run (INCRBY): never replay it.
      autoResendUnfulfilledCommands: false,
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 2_000),
      // Keep reconnecting in the background, backing off to one attempt every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    // Without a listener ioredis prints every connection error; the circuit breaker logs instead.
    this.redis.on("error", (error: Error) => {
      this.lastError = error;
    });
    this.redis.on("ready", () => {
      this.lastError = undefined;
    });
  }

  async exec(commands: readonly StoreCommand[]): Promise<unknown[]> {
    if (commands.length === 0) return [];
    await this.connected();
    const pipeline = this.redis.pipeline();
    // Position of each command's own reply (incrBy/hincrBy with a TTL add an EXPIRE after it).
    const positions: number[] = [];
    for (const command of commands) {
      positions.push(pipeline.length);
      queue(pipeline, command);
    }
    const replies = await pipeline.exec();
    if (!replies) throw new Error("Redis pipeline was discarded");
    const failed = replies.findIndex(([error]) => error);
    if (failed !== -1) {
      const error = replies[failed]?.[0];
      const message = `Redis command ${failed + 1} of the batch failed: ${error?.message}`;
      // ioredis's ReplyError is Redis's own answer; anything else (a closed connection) is not.
      throw error?.name === "ReplyError" ? new StoreReplyError(message, { cause: error }) : new Error(message, { cause: error });
    }
    return commands.map((command, i) => translateReply(command, replies[positions[i] ?? -1]?.[1]));
  }

  async ping(): Promise<void> {
    await this.connected();
    try {
      await this.redis.ping();
    } catch (error) {
      throw this.describe(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async close(): Promise<void> {
    // QUIT lets in-flight replies arrive. When not ready, just stop (and stop reconnecting):
    // QUIT on a never-used lazy client would open a connection first.
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /**
   * Resolves when the connection is ready. Only the very first connection is waited for
   * (bounded by timeoutMs); after that a disconnected store rejects at once.
   */
  private async connected(): Promise<void> {
    if (this.redis.status === "ready") return;
    this.firstConnect ??= this.openFirstConnection();
    await this.firstConnect;
    // Re-read after the await (TypeScript keeps the narrowing from the first check).
    const status: string = this.redis.status;
    if (status === "ready") return;
    const reason = status === "connecting" || status === "connect" ? `no connection within ${this.timeoutMs} ms` : `not connected (${status})`;
    throw this.describe(this.lastError ?? new Error(reason));
  }

  private openFirstConnection(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off("ready", done);
        this.redis.off("error", done);
        resolve();
      };
      const timer = setTimeout(done, this.timeoutMs);
      this.redis.on("ready", done);
      this.redis.on("error", done);
      // Errors arrive through the 'error' event as well; the promise itself is not needed.
      // eslint-disable-next-line no-restricted-syntax -- awaited through the events above
      this.redis.connect().catch(() => {});
    });
  }

  private describe(error: Error): Error {
    const message = error.message;
    if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
      return new Error(`Redis refused the password (${message})`, { cause: error });
    }
    return new Error(`Redis at ${this.address} is unavailable: ${message}`, { cause: error });
  }
}

/** redis:// and rediss:// URLs → ioredis options. Throws without echoing the URL (it holds the password). */
export function parseRedisUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("The Redis URL is not a valid URL (expected redis://[user:password@]host:port)");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new Error(`The Redis URL must start with redis:// or rediss:// (got ${parsed.protocol}//)`);
  }
  const options: RedisOptions = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.slice(1);
  if (db) options.db = Number(db);
  if (parsed.protocol === "rediss:") options.tls = {};
  return options;
}

function queue(pipeline: ChainableCommander, command: StoreCommand): void {
  switch (command.op) {
    case "get":
      pipeline.get(command.key);
      return;
    case "mget":
      pipeline.mget(...command.keys);
      return;
    case "set":
      if (command.ttlSeconds === undefined) pipeline.set(command.key, command.value);
      else pipeline.set(command.key, command.value, "EX", command.ttlSeconds);
      return;
    case "setIfAbsent":
      pipeline.set(command.key, command.value, "EX", command.ttlSeconds, "NX");
      return;
    case "del":
      pipeline.del(...command.keys);
      return;
    case "incrBy":
      pipeline.incrby(command.key, command.by);
      if (command.ttlSeconds !== undefined) pipeline.expire(command.key, command.ttlSeconds);
      return;
    case "hincrBy":
      pipeline.hincrby(command.key, command.field, command.by);
      if (command.ttlSeconds !== undefined) pipeline.expire(command.key, command.ttlSeconds);
      return;
    case "hgetAll":
      pipeline.hgetall(command.key);
      return;
    case "hscanFirst":
      pipeline.hscan(command.key, 0, "COUNT", command.count);
      return;
    case "hlen":
      pipeline.hlen(command.key);
      return;
    case "hset":
      pipeline.hset(command.key, command.field, command.value);
      return;
    case "hsetIfAbsent":
      pipeline.hsetnx(command.key, command.field, command.value);
      return;
    case "hdel":
      pipeline.hdel(command.key, ...command.fields);
      return;
    case "exists":
      pipeline.exists(...command.keys);
      return;
    case "getRange":
      pipeline.getrange(command.key, command.start, command.end);
      return;
  }
}
