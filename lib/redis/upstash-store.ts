import { Redis } from "@upstash/redis";
import { UpstashHttp, type UpstashHttpAnswer } from "./upstash-http";
import { StoreReplyError, type StoreBackend, type StoreCommand } from "./store";
import { translateReply } from "./translate-reply";

export interface UpstashStoreOptions {
  /** UPSTASH_REDIS_REST_URL, e.g. https://eu1-xyz.upstash.io */
  url: string;
  /** UPSTASH_REDIS_REST_TOKEN */
  token: string;
  /** Each HTTP request is aborted after this many milliseconds. */
  timeoutMs: number;
}

type Pipeline = ReturnType<Redis["pipeline"]>;

/**
 * The client over our transport (lib/redis/upstash-http.ts), with the options its config
 * form would set; given a transport, the client takes no options, so they are set here.
 * - Values are opaque strings: '{"a":1}', '42' or 'OK' must come back exactly as stored
 *   (no automatic deserialization).
 * - Strings come as JSON strings, not base64 (the transport sends no upstash-encoding):
 *   decoding base64 in JavaScript (atob, then a loop over every byte) cost a new instance
 *   more than fetching the active set (~10 MB at 10,000 campaigns); 16 % fewer bytes too.
 * - We batch explicitly (one exec = one pipeline): no hidden batching across callers.
 * - No client retries (the transport makes one attempt): the store has its own deadline and
 *   circuit breaker.
 */
class OpaqueRedis extends Redis {
  constructor(transport: UpstashHttp) {
    super(transport);
    this.opts = { automaticDeserialization: false };
    this.enableAutoPipelining = false;
    this.enableTelemetry = false;
  }
}

/** A Redis error reply ("ERR …", "WRONGTYPE …", "OOM …"), not a refused token (WRONGPASS, NOAUTH, NOPERM). */
const REDIS_ERROR_REPLY = /^(?!WRONGPASS|NOAUTH|NOPERM)[A-Z][A-Z_]+ /;

/**
 * The store over Upstash's REST API. A batch of commands is one POST to /pipeline; Upstash
 * answers every entry separately, so one failing command does not hide the others' results,
 * but we still reject the whole exec (the contract) with the Redis error text.
 */
export class UpstashStore implements StoreBackend {
  readonly kind = "upstash" as const;
  private readonly redis: Redis;
  private readonly http: UpstashHttp;

  constructor(private readonly options: UpstashStoreOptions) {
    this.http = new UpstashHttp(options);
    this.redis = new OpaqueRedis(this.http);
  }

  async exec(commands: readonly StoreCommand[]): Promise<unknown[]> {
    if (commands.length === 0) return [];
    const pipeline = this.redis.pipeline();
    // Position of each command's own reply (incrBy/hincrBy with a TTL add an EXPIRE after it).
    const positions: number[] = [];
    for (const command of commands) {
      positions.push(pipeline.length());
      queue(pipeline, command);
    }
    let replies: { result?: unknown; error?: string }[];
    try {
      replies = await pipeline.exec({ keepErrors: true });
    } catch (error) {
      throw this.transportError(error);
    }
    const failed = replies.findIndex((reply) => reply.error !== undefined && reply.error !== null);
    if (failed !== -1) throw new StoreReplyError(`Upstash command ${failed + 1} of the batch failed: ${replies[failed]?.error}`);
    return commands.map((command, i) => translateReply(command, replies[positions[i] ?? -1]?.result));
  }

  /**
   * One PING over the transport alone rather than the client: the client's errors carry only
   * the body text, and we want the HTTP status to tell a refused token (401/403) from an outage.
   */
  async ping(): Promise<void> {
    let answer: UpstashHttpAnswer;
    try {
      answer = await this.http.post("/", JSON.stringify(["PING"]));
    } catch (error) {
      throw this.transportError(error);
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new Error(`Upstash refused the token (${answer.status})`);
    }
    if (answer.status < 200 || answer.status > 299) throw new Error(`Upstash answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
  }

  async close(): Promise<void> {
    this.http.close();
  }

  private transportError(error: unknown): Error {
    if (error instanceof Error && error.name === "TimeoutError") {
      return new Error(`Upstash did not answer within ${this.options.timeoutMs} ms`, { cause: error });
    }
    if (error instanceof Error) {
      // Upstash answered the request with a Redis error (e.g. "ERR max request size exceeded"):
      // it is up, and refused this request.
      if (error.name === "UpstashError" && REDIS_ERROR_REPLY.test(error.message)) return new StoreReplyError(`Upstash refused the request: ${error.message}`, { cause: error });
      // A network error's message names its code already ("connect ECONNREFUSED 10.0.0.1:443").
      return new Error(`Upstash request failed: ${error.message}`, { cause: error });
    }
    return new Error(`Upstash request failed: ${String(error)}`);
  }
}

function queue(pipeline: Pipeline, command: StoreCommand): void {
  switch (command.op) {
    case "get":
      pipeline.get(command.key);
      return;
    case "mget":
      pipeline.mget(...command.keys);
      return;
    case "set":
      if (command.ttlSeconds === undefined) pipeline.set(command.key, command.value);
      else pipeline.set(command.key, command.value, { ex: command.ttlSeconds });
      return;
    case "setIfAbsent":
      pipeline.set(command.key, command.value, { nx: true, ex: command.ttlSeconds });
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
      pipeline.hscan(command.key, 0, { count: command.count });
      return;
    case "hlen":
      pipeline.hlen(command.key);
      return;
    case "hset":
      pipeline.hset(command.key, { [command.field]: command.value });
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
