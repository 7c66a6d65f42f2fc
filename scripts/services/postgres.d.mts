// Types for postgres.mjs.
export interface PostgresOptions {
  /** Fixed port (e.g. to start again where a killed server was); default: a free one. */
  port?: number;
  host?: string;
  /**
   * Data folder. Holding a cluster already: reused as is (no initdb). Default: a fresh temp
   * folder, removed by stop().
   */
  dataDir?: string;
  /** Extra or overriding server settings (`-c key=value`), e.g. { statement_timeout: "5s" }. */
  settings?: Record<string, string | number>;
  /** Start-up deadline in ms (default 60 s). */
  timeout?: number;
}

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Folder of the PostgreSQL binaries used. */
  readonly bin: string;
  /** postgresql://postgres@127.0.0.1:<port>/postgres (trust auth). */
  readonly url: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Server log so far (last 64 KiB). */
  readonly output: string;
  databaseUrl(name: string): string;
  /** CREATE DATABASE; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** One statement over node-postgres. */
  query(sql: string, database?: string): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
  isReady(): Promise<boolean>;
  /** (Re)starts on the same port and data folder when not running. */
  start(): Promise<PostgresServer>;
  /**
   * Sends `signal` to the postmaster and waits for the exit. SIGKILL (default) kills the
   * backends too (a crash); SIGINT = fast shutdown; SIGQUIT = immediate shutdown.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP to the postmaster and every backend: queries hang, connections stay open. */
  pause(): void;
  /** SIGCONT to every server process. */
  resume(): void;
  /** Any signal to the postmaster only. */
  signal(signal: NodeJS.Signals): boolean;
  /** Fast shutdown, then start again on the same port and data folder. */
  restart(): Promise<PostgresServer>;
  /** Fast shutdown; removes the data folder unless keepData (or it was passed in). */
  stop(options?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

export function startPostgres(options?: PostgresOptions): Promise<PostgresServer>;
