// Types for common.mjs (plain ESM, used by scripts/test.mjs, tests and benchmarks).
export function freePort(host?: string): Promise<number>;
export function sleep(ms: number): Promise<void>;
export function waitFor<T>(
  check: () => T | Promise<T>,
  options?: { timeout?: number; interval?: number; description?: string; abort?: () => string | false | undefined | null },
): Promise<NonNullable<T>>;
export function isPortOpen(port: number, host?: string, timeout?: number): Promise<boolean>;
/** Folder of `postgres`/`initdb`, or undefined. */
export function findPostgresBin(): string | undefined;
export function which(program: string): string | undefined;
export function isRoot(): boolean;
export function lookupUser(name: string): { name: string; uid: number; gid: number; home: string } | undefined;
export function descendantPids(pid: number): number[];
export function signalPid(pid: number, signal: NodeJS.Signals | number): boolean;
export function removeDir(dir: string | undefined): void;
export function tail(text: string, lines?: number): string;
