// A throwaway PostgreSQL server on a loopback port: initdb into a temp folder, then `postgres`
// as a child process of the caller (as the `postgres` user when the caller is root, since
// initdb/postgres refuse to run as root). Trust auth, no durability (fsync off), 200 connections.
//
//   const pg = await startPostgres();             // fresh cluster on a free port
//   pg.url                                         // postgresql://postgres@127.0.0.1:<port>/postgres
//   await pg.createDatabase("app_1")              // → URL of a new, empty database
//   await pg.kill();                              // SIGKILL postmaster + backends (a crash)
//   await pg.start();                             // same port and data folder again
//   pg.pause(); pg.resume();                      // SIGSTOP / SIGCONT every server process
//   await pg.restart();                           // fast shutdown + start
//   await pg.stop();                              // stop and remove the data folder
//
// startPostgres({ dataDir, port }) reuses an existing data folder (no initdb when it already
// holds a cluster), e.g. one kept by `stop({ keepData: true })`.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  descendantPids,
  findPostgresBin,
  freePort,
  isRoot,
  lookupUser,
  registerCleanup,
  removeDir,
  signalPid,
  sleep,
  spawnServer,
  stopServer,
  tail,
  waitFor,
  wrapCommand,
} from "./common.mjs";

const DEFAULT_SETTINGS = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  max_connections: "200",
};

/** Environment for initdb/postgres: no PG* variables of the caller, C messages. */
function serverEnv() {
  const env = { ...process.env, LC_ALL: "C", LANG: "C" };
  for (const key of Object.keys(env)) if (key.startsWith("PG")) delete env[key];
  return env;
}

function postgresUser() {
  if (!isRoot()) return undefined;
  const user = lookupUser("postgres");
  if (!user) throw new Error("Running as root needs a `postgres` user to run PostgreSQL (Debian's postgresql package creates it)");
  return user;
}

/**
 * @param {{ port?: number, host?: string, dataDir?: string, settings?: Record<string, string | number>,
 *           timeout?: number }} [options]
 */
export async function startPostgres(options = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)");
  const host = options.host ?? "127.0.0.1";
  const timeout = options.timeout ?? 60_000;
  const fixedPort = options.port !== undefined;
  const ownsDir = !options.dataDir;
  const dataDir = path.resolve(options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "marquee-pg-")));
  const account = postgresUser();
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let port = options.port ?? (await freePort(host));

  mkdirSync(dataDir, { recursive: true });
  if (account) chownSync(dataDir, account.uid, account.gid);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) initdb(bin, dataDir);

  /** @type {ReturnType<typeof spawnServer> | undefined} */
  let server;
  const cleanupEntry = { pid: undefined, exitSignal: "SIGQUIT", paths: ownsDir ? [dataDir] : [] };
  let unregister = registerCleanup(cleanupEntry);

  const argsFor = (p) => {
    // The Unix socket goes into the data folder (Unix socket paths are limited to ~107 bytes).
    const socketDir = path.join(dataDir, `.s.PGSQL.${p}`).length < 100 ? dataDir : "";
    const args = ["-D", dataDir, "-p", String(p), "-h", host, "-k", socketDir];
    for (const [key, value] of Object.entries(settings)) args.push("-c", `${key}=${value}`);
    return args;
  };

  async function launch() {
    if (server && !server.exitInfo) return;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const { file, args, spawnOptions } = wrapCommand(path.join(bin, "postgres"), argsFor(port), {
        user: "postgres",
        deathSignal: "SIGQUIT",
      });
      const current = spawnServer(file, args, { ...spawnOptions, cwd: dataDir, env: serverEnv() });
      server = current;
      cleanupEntry.pid = current.child.pid;
      unregister = registerCleanup(cleanupEntry);
      void current.exited.then(() => {
        if (cleanupEntry.pid === current.child.pid) cleanupEntry.pid = undefined;
      });
      try {
        await waitFor(() => isReady(bin, host, port), {
          timeout,
          interval: 100,
          description: `PostgreSQL on ${host}:${port}`,
          abort: () => current.exitInfo && `it exited (${describeExit(current.exitInfo)})`,
        });
        return;
      } catch (error) {
        await stopServer(current, { signal: "SIGQUIT", timeout: 5000 });
        const output = current.output;
        if (/could not bind|address already in use/i.test(output) && !fixedPort && attempt < 5) {
          port = await freePort(host); // lost a race for the port: take another one
          continue;
        }
        // After a crash, old backends may still hold the shared memory or lock file a moment.
        if (/pre-existing shared memory block|lock file .* already exists/i.test(output) && Date.now() - startedAt < 15_000) {
          await sleep(250);
          continue;
        }
        throw new Error(`${error.message}\n  postgres output:\n${tail(output)}`);
      }
    }
  }

  await launch();

  const processTree = () => (handle.pid ? [handle.pid, ...descendantPids(handle.pid)] : []);

  const handle = {
    host,
    dataDir,
    bin,
    get port() {
      return port;
    },
    /** URL of the `postgres` database (trust auth, user postgres). */
    get url() {
      return databaseUrl("postgres");
    },
    /** URL of another database on this server. */
    databaseUrl,
    /** PID of the postmaster (undefined when not running). */
    get pid() {
      return server && !server.exitInfo ? server.child.pid : undefined;
    },
    get running() {
      return !!server && !server.exitInfo;
    },
    /** Server log so far (last 64 KiB). */
    get output() {
      return server?.output ?? "";
    },
    /** Creates an empty database and returns its URL. */
    async createDatabase(name) {
      await query(handle.url, `CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      return databaseUrl(name);
    },
    /** Runs one SQL statement on a database of this server (default `postgres`). */
    query(sql, database = "postgres") {
      return query(databaseUrl(database), sql);
    },
    /** (Re)starts on the same port and data folder if it is not running. */
    async start() {
      await launch();
      return handle;
    },
    /**
     * Sends `signal` to the postmaster and waits for it to exit. SIGKILL (the default) also
     * kills every backend, like a crashed host; SIGINT is a fast shutdown, SIGQUIT immediate.
     */
    async kill(signal = "SIGKILL") {
      if (!handle.running) return;
      const tree = processTree();
      for (const pid of tree) signalPid(pid, "SIGCONT");
      if (signal === "SIGKILL") for (const pid of tree.slice(1)) signalPid(pid, "SIGKILL");
      await stopServer(server, { signal, timeout: 15_000 });
    },
    /** Freezes the whole server (postmaster first, then every backend) with SIGSTOP. */
    pause() {
      for (const pid of processTree()) signalPid(pid, "SIGSTOP");
    },
    /** Thaws a paused server (SIGCONT to every server process). */
    resume() {
      for (const pid of processTree().reverse()) signalPid(pid, "SIGCONT");
    },
    /** Sends any signal to the postmaster only. */
    signal(signal) {
      return handle.pid ? signalPid(handle.pid, signal) : false;
    },
    isReady() {
      return isReady(bin, host, port);
    },
    /** Fast shutdown then start again on the same port and data folder. */
    async restart() {
      await handle.kill("SIGINT");
      return handle.start();
    },
    /** Fast shutdown; removes the data folder unless `keepData` (or the folder was given). */
    async stop({ keepData = false, signal = "SIGINT" } = {}) {
      if (handle.running) {
        handle.resume();
        await stopServer(server, { signal, timeout: 15_000 });
      }
      if (ownsDir && !keepData) {
        removeDir(dataDir);
        unregister();
      }
    },
  };

  function databaseUrl(name) {
    return `postgresql://postgres@${host}:${port}/${encodeURIComponent(name)}`;
  }

  return handle;
}

function initdb(bin, dataDir) {
  const { file, args, spawnOptions } = wrapCommand(
    path.join(bin, "initdb"),
    ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
    { user: "postgres" },
  );
  const result = spawnSync(file, args, { ...spawnOptions, cwd: dataDir, env: serverEnv(), encoding: "utf8" });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? result.error.message : ""}`;
    throw new Error(`initdb failed for ${dataDir} (exit ${result.status}):\n${tail(output)}`);
  }
}

/** True when the server accepts connections (pg_isready when present, else a `pg` connection). */
async function isReady(bin, host, port) {
  const pgIsReady = path.join(bin, "pg_isready");
  if (existsSync(pgIsReady)) {
    return new Promise((resolve) => {
      const child = spawn(pgIsReady, ["-h", host, "-p", String(port), "-U", "postgres", "-d", "postgres", "-t", "2"], {
        stdio: "ignore",
        env: serverEnv(),
      });
      child.once("error", () => resolve(false));
      child.once("exit", (code) => resolve(code === 0));
    });
  }
  await query(`postgresql://postgres@${host}:${port}/postgres`, "SELECT 1");
  return true;
}

/** One statement over node-postgres (the project's `pg` dependency). */
async function query(url, sql) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function describeExit(info) {
  if (info.error) return info.error.message;
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}
