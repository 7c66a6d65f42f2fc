// A throwaway redis-server on a loopback port, as a child process of the caller.
//
//   const redis = await startRedis();            // free port, nothing kept on disk
//   redis.url                                     // redis://127.0.0.1:<port>
//   await redis.kill();                           // SIGKILL (a crash)
//   await redis.start();                          // same port (and same dir) again
//   redis.pause(); redis.resume();                // SIGSTOP / SIGCONT (a frozen server)
//   await redis.restart();                        // graceful stop + start
//   await redis.stop();                           // stop and remove its temp folder
//
// startRedis({ port, dir, appendonly: true }) starts on a given port / folder (e.g. to test
// durability with AOF across a kill).
import { mkdirSync, mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  freePort,
  registerCleanup,
  removeDir,
  signalPid,
  spawnServer,
  stopServer,
  tail,
  waitFor,
  which,
  wrapCommand,
} from "./common.mjs";

/** Path of redis-server ($REDIS_SERVER_BIN, else on PATH), or undefined. */
export function findRedisServer() {
  return process.env.REDIS_SERVER_BIN || which("redis-server");
}

/**
 * Sends PING over a raw socket; resolves true on +PONG, false on anything else (refused,
 * -LOADING, a frozen server that does not answer within `timeout`).
 */
export function pingRedis(port, { host = "127.0.0.1", timeout = 1000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    let reply = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeout, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.once("end", () => done(false));
  });
}

/**
 * @param {{ port?: number, host?: string, dir?: string, appendonly?: boolean, args?: string[],
 *           timeout?: number }} [options]
 */
export async function startRedis(options = {}) {
  const binary = findRedisServer();
  if (!binary) throw new Error("redis-server not found (Debian: apt-get install -y redis-server)");
  const host = options.host ?? "127.0.0.1";
  const timeout = options.timeout ?? 20_000;
  const fixedPort = options.port !== undefined;
  const ownsDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), "marquee-redis-"));
  let port = options.port ?? (await freePort(host));

  /** @type {ReturnType<typeof spawnServer> | undefined} */
  let server;
  const cleanupEntry = { pid: undefined, exitSignal: "SIGKILL", paths: ownsDir ? [dir] : [] };
  let unregister = registerCleanup(cleanupEntry);

  const argsFor = (p) => [
    "--port", String(p),
    "--bind", host,
    "--daemonize", "no",
    "--dir", dir,
    "--logfile", "",
    "--save", "",
    "--appendonly", options.appendonly ? "yes" : "no",
    ...(options.appendonly ? ["--appendfsync", "always"] : []),
    ...(options.args ?? []),
  ];

  async function launch() {
    if (server && !server.exitInfo) return;
    mkdirSync(dir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const { file, args, spawnOptions } = wrapCommand(binary, argsFor(port), { deathSignal: "SIGKILL" });
      const current = spawnServer(file, args, { ...spawnOptions, cwd: dir });
      server = current;
      cleanupEntry.pid = current.child.pid;
      unregister = registerCleanup(cleanupEntry);
      void current.exited.then(() => {
        if (cleanupEntry.pid === current.child.pid) cleanupEntry.pid = undefined;
      });
      try {
        await waitFor(() => pingRedis(port, { host }), {
          timeout,
          interval: 50,
          description: `redis-server on ${host}:${port}`,
          abort: () => current.exitInfo && `it exited (${describeExit(current.exitInfo)})`,
        });
        return;
      } catch (error) {
        await stopServer(current, { signal: "SIGKILL" });
        const inUse = /address already in use/i.test(current.output);
        if (inUse && !fixedPort && attempt < 5) {
          port = await freePort(host); // lost a race for the port: take another one
          continue;
        }
        throw new Error(`${error.message}\n  redis-server output:\n${tail(current.output)}`);
      }
    }
  }

  await launch();

  const handle = {
    host,
    dir,
    get port() {
      return port;
    },
    get url() {
      return `redis://${host}:${port}`;
    },
    /** PID of the redis-server process (undefined when not running). */
    get pid() {
      return server && !server.exitInfo ? server.child.pid : undefined;
    },
    get running() {
      return !!server && !server.exitInfo;
    },
    /** Server output so far (last 64 KiB). */
    get output() {
      return server?.output ?? "";
    },
    /** (Re)starts on the same port and folder if it is not running. */
    async start() {
      await launch();
      return handle;
    },
    /** Sends `signal` and waits for the exit (SIGKILL by default: a crash). */
    async kill(signal = "SIGKILL") {
      if (!handle.running) return;
      await stopServer(server, { signal, timeout: 10_000 });
    },
    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
    pause() {
      if (handle.pid) signalPid(handle.pid, "SIGSTOP");
    },
    /** Thaws a paused server (SIGCONT). */
    resume() {
      if (handle.pid) signalPid(handle.pid, "SIGCONT");
    },
    /** Sends any signal to the server process. */
    signal(signal) {
      return handle.pid ? signalPid(handle.pid, signal) : false;
    },
    ping(pingOptions) {
      return pingRedis(port, { host, ...pingOptions });
    },
    /** Graceful stop (SIGTERM) then start again on the same port and folder. */
    async restart() {
      await handle.kill("SIGTERM");
      return handle.start();
    },
    /** Stops the server; removes its temp folder unless `keepData` (or the folder was given). */
    async stop({ keepData = false, signal = "SIGTERM" } = {}) {
      if (server) await stopServer(server, { signal, timeout: 10_000 });
      if (ownsDir && !keepData) {
        removeDir(dir);
        unregister();
      } else {
        cleanupEntry.pid = undefined;
      }
    },
  };
  return handle;
}

function describeExit(info) {
  if (info.error) return info.error.message;
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}
