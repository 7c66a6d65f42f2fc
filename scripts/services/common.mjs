// Generic helpers for the throwaway services that the test suite (scripts/test.mjs), the
// tests themselves and the benchmarks start: free ports, polling, locating PostgreSQL,
// spawning a server as another user, and cleaning up whatever is still running at exit.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** A TCP port that is free on 127.0.0.1 right now (ask the kernel for port 0, then close). */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value (which is returned), or throws after `timeout` ms.
 * `check` may throw or reject: that counts as "not yet". `abort()` returning a string stops early
 * with that message (e.g. "the server exited").
 */
export async function waitFor(check, { timeout = 30_000, interval = 100, description = "condition", abort } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    const reason = abort?.();
    if (reason) throw new Error(`Gave up waiting for ${description}: ${reason}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${lastError.message ?? lastError})` : "";
      throw new Error(`Timed out after ${timeout} ms waiting for ${description}${detail}`);
    }
    await sleep(interval);
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port, host = "127.0.0.1", timeout = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeout, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * The folder holding the PostgreSQL server binaries (`postgres`, `initdb`): $POSTGRES_BIN_DIR,
 * else the newest /usr/lib/postgresql/<version>/bin (Debian's layout), else `pg_config --bindir`.
 * Returns undefined when none is found.
 */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.POSTGRES_BIN_DIR) candidates.push(process.env.POSTGRES_BIN_DIR);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)*$/.test(v)).sort(compareVersions).reverse();
    for (const version of versions) candidates.push(path.join(root, version, "bin"));
  }
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  return candidates.find((dir) => existsSync(path.join(dir, "postgres")) && existsSync(path.join(dir, "initdb")));
}

/** Full path of a program found on PATH, or undefined. */
export function which(program) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    if (existsSync(candidate)) return candidate;
  }
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    const candidate = path.join(dir, program);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** uid/gid of a local user (from /etc/passwd), or undefined. */
export function lookupUser(name) {
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [user, , uid, gid, , home] = line.split(":");
      if (user === name) return { name, uid: Number(uid), gid: Number(gid), home };
    }
  } catch {
    // no /etc/passwd: not a Unix-like system we support
  }
  return undefined;
}

/**
 * The argv that runs `command args…` as `user` (when given and we are root) and with a
 * parent-death signal, so that the server dies with the process that started it even if that
 * process is SIGKILLed. Uses util-linux `setpriv`, which exec()s: the PID of the spawned child
 * is the server's own PID (unlike `runuser`/`su`, which fork and stay in between), so tests can
 * SIGSTOP/SIGCONT/SIGKILL it directly. Without setpriv: plain spawn (plus uid/gid options).
 */
export function wrapCommand(command, args, { user, deathSignal } = {}) {
  const setpriv = which("setpriv");
  const spawnOptions = {};
  const account = user && isRoot() ? lookupUser(user) : undefined;
  if (user && isRoot() && !account) throw new Error(`User ${user} does not exist (needed to run ${path.basename(command)} as non-root)`);
  if (setpriv) {
    const prefix = [];
    if (account) prefix.push(`--reuid=${account.uid}`, `--regid=${account.gid}`, "--init-groups");
    if (deathSignal) prefix.push(`--pdeathsig=${deathSignal}`);
    if (prefix.length) return { file: setpriv, args: [...prefix, "--", command, ...args], spawnOptions };
  } else if (account) {
    spawnOptions.uid = account.uid;
    spawnOptions.gid = account.gid;
  }
  return { file: command, args, spawnOptions };
}

const RING_LIMIT = 64 * 1024;

/**
 * Spawns a long-running server. Its output is kept (last 64 KiB) for error messages and echoed
 * when MARQUEE_SERVICE_LOGS=1. The child and its pipes are unref()ed: a forgotten server never
 * keeps Node alive, and the exit hook below kills it when Node exits.
 */
export function spawnServer(file, args, options = {}) {
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let output = "";
  const echo = process.env.MARQUEE_SERVICE_LOGS === "1";
  const collect = (chunk) => {
    output += chunk.toString();
    if (output.length > RING_LIMIT) output = output.slice(-RING_LIMIT);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  /** @type {{ code: number | null, signal: string | null } | undefined} */
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once("error", (error) => {
      exitInfo = { code: null, signal: null, error };
      resolve(exitInfo);
    });
  });
  child.unref();
  child.stdout?.unref?.();
  child.stderr?.unref?.();
  return {
    child,
    exited,
    get exitInfo() {
      return exitInfo;
    },
    get output() {
      return output;
    },
  };
}

/** PIDs of all living descendants of `pid` (from /proc; empty elsewhere). */
export function descendantPids(pid) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid …  — comm may contain spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const result = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

/** Sends a signal to a PID; false when the process no longer exists. */
export function signalPid(pid, signal) {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if (error.code === "ESRCH") return false;
    throw error;
  }
}

/**
 * Stops a spawned server: SIGCONT (in case a test froze it), then `signal`, then SIGKILL after
 * `timeout` ms. Resolves once it has exited.
 */
export async function stopServer(server, { signal = "SIGTERM", timeout = 10_000 } = {}) {
  const pid = server.child.pid;
  if (server.exitInfo || pid === undefined) return server.exitInfo;
  signalPid(pid, "SIGCONT");
  signalPid(pid, signal);
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      signalPid(pid, "SIGKILL");
      resolve();
    }, timeout);
  });
  await Promise.race([server.exited, killed]);
  clearTimeout(timer);
  return server.exited;
}

// ---- Last-resort cleanup --------------------------------------------------------------------
// Every running service registers here; when this Node process exits (normally, by
// process.exit or on an uncaught exception) whatever is still registered is signalled and its
// owned temp folders are removed. (SIGKILL of Node is covered by the parent-death signal.)

/** @type {Set<{ pid?: number, exitSignal: string, paths: string[] }>} */
const live = new Set();
let hookInstalled = false;

function cleanupNow() {
  for (const item of live) {
    if (item.pid) {
      for (const pid of [item.pid, ...descendantPids(item.pid)]) signalPid(pid, "SIGCONT");
      signalPid(item.pid, item.exitSignal);
    }
    for (const p of item.paths) rmSync(p, { recursive: true, force: true, maxRetries: 2 });
  }
  live.clear();
}

export function registerCleanup(entry) {
  if (!hookInstalled) {
    hookInstalled = true;
    process.on("exit", cleanupNow);
    // A process that would die of these signals anyway (no handler of its own, e.g. a test
    // worker) cleans up first, then dies of the same signal. A process with its own handler
    // (scripts/test.mjs) stops its services itself.
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
      if (process.listenerCount(signal) > 0) continue;
      const onSignal = () => {
        cleanupNow();
        process.removeListener(signal, onSignal);
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      };
      process.on(signal, onSignal);
    }
  }
  live.add(entry);
  return () => live.delete(entry);
}

/** Removes a folder (retrying briefly: a server may still be writing its last files). */
export function removeDir(dir) {
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Last lines of a server's output, indented, for error messages. */
export function tail(text, lines = 30) {
  const kept = text.trimEnd().split("\n").slice(-lines);
  return kept.length && kept[0] ? kept.map((l) => `    ${l}`).join("\n") : "    (no output)";
}
