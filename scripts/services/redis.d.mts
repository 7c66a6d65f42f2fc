// Types for redis.mjs.
export interface RedisOptions {
  /** Fixed port (e.g. to start again where a killed server was); default: a free one. */
  port?: number;
  host?: string;
  /** Working folder (AOF files); default: a temp folder removed by stop(). */
  dir?: string;
  /** AOF with appendfsync always, for durability tests (default: nothing kept on disk). */
  appendonly?: boolean;
  /** Extra redis-server arguments, e.g. ["--maxmemory", "10mb"]. */
  args?: string[];
  /** Start-up deadline in ms (default 20 s). */
  timeout?: number;
}

export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  readonly dir: string;
  /** PID of redis-server itself; undefined when not running. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Server output so far (last 64 KiB). */
  readonly output: string;
  /** (Re)starts on the same port and folder when not running. */
  start(): Promise<RedisServer>;
  /** Sends `signal` (default SIGKILL: a crash) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP: connections stay open, nothing is answered. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  signal(signal: NodeJS.Signals): boolean;
  /** PING over a raw socket: true on +PONG within the timeout (default 1 s). */
  ping(options?: { timeout?: number }): Promise<boolean>;
  /** SIGTERM, then start again on the same port. */
  restart(): Promise<RedisServer>;
  /** Stops (SIGTERM, SIGKILL after 10 s) and removes its temp folder unless keepData. */
  stop(options?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

export function findRedisServer(): string | undefined;
export function pingRedis(port: number, options?: { host?: string; timeout?: number }): Promise<boolean>;
export function startRedis(options?: RedisOptions): Promise<RedisServer>;
