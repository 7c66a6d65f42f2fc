// Types for bridge.mjs: a local Upstash-compatible REST bridge in front of a real redis-server.

export interface UpstashBridgeOptions {
  /** The Redis to forward to, e.g. "redis://127.0.0.1:6379". */
  redisUrl: string;
  /** The Bearer token clients must send (UPSTASH_REDIS_REST_TOKEN). */
  token: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; defaults to "127.0.0.1". */
  host?: string;
  /** Number of shared ioredis connections for `/` and `/pipeline`; defaults to 4. */
  poolSize?: number;
  /**
   * A command that gets no reply within this many ms fails with a 500 (a frozen Redis keeps its
   * connections open but never answers). Blocking commands (BLPOP, XREAD BLOCK...) are exempt.
   * Defaults to 10000; 0 disables it.
   */
  commandTimeoutMs?: number;
  /**
   * A request body over this many bytes is refused, as Upstash does, with 400
   * `{"error":"ERR max request size exceeded"}`. Defaults to 10000000 (Upstash's 10 MB on its
   * Free and Pay-as-you-go plans).
   */
  maxRequestBytes?: number;
  /** Where Redis outage / recovery messages go; defaults to `console`, `null` silences them. */
  logger?: Pick<Console, "warn" | "info"> | null;
}

/** What the bridge has carried since it started (bodies only, as Upstash bills bandwidth). */
export interface BridgeTraffic {
  /** Authenticated POSTs to /, /pipeline and /multi-exec. */
  requests: number;
  /** Commands in them (a pipeline's entries each). */
  commands: number;
  requestBytes: number;
  responseBytes: number;
}

export interface UpstashBridge {
  /** Base URL for `new Redis({ url })` (UPSTASH_REDIS_REST_URL), e.g. "http://127.0.0.1:8079". */
  url: string;
  port: number;
  token: string;
  /** A copy of the counters (also at `GET /__bridge/traffic` with the token). */
  traffic(): BridgeTraffic;
  /** Stops listening, drops open HTTP connections and closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * Starts the bridge. Resolves once it listens and its Redis connections are ready; rejects when
 * Redis cannot be reached within 5 s. Later Redis outages give fast 500 answers until Redis is back.
 */
export declare function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge>;
