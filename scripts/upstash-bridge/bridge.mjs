// A local Upstash-compatible REST bridge in front of a real redis-server, so that the real
// @upstash/redis client (and @upstash/ratelimit) can run against it in tests, benchmarks and
// local development.
//
//   const bridge = await startUpstashBridge({ redisUrl: "redis://127.0.0.1:6379", token: "dev-token" });
//   new Redis({ url: bridge.url, token: bridge.token });   // @upstash/redis
//   await bridge.close();
//
//   node scripts/upstash-bridge/bridge.mjs --redis redis://127.0.0.1:6379 --port 8079 --token dev-token
//
// The protocol is specified in scripts/upstash-bridge/PROTOCOL.md; "§n" below refers to its
// sections. In short: POST `/`, `/pipeline` and `/multi-exec` with a JSON array body and a
// Bearer token; replies are RESP2 mapped to JSON, with every string base64-encoded (at every
// depth) when the client sends `upstash-encoding: base64`, which @upstash/redis does by default.
//
// Not Upstash: `GET /__bridge/traffic` (same token) answers what the bridge has carried since
// it started — requests, commands, request and response body bytes, what Upstash bills by — so
// the bench can count them per event (bench/load/command-cost.ts). `bridge.traffic()` in-process.
import { createHash, timingSafeEqual } from "node:crypto";
import { realpathSync } from "node:fs";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { Command, Redis, ReplyError } from "ioredis";

const DEFAULT_POOL_SIZE = 4;
/** Idle dedicated connections kept for reuse (see ConnectionPool.acquireDedicated). */
const MAX_IDLE_DEDICATED = 16;
/**
 * Upstash refuses a request body over 10 MB on its Free and Pay-as-you-go plans ("ERR max
 * request size exceeded"), §4. Read as 10,000,000 bytes, the stricter reading of "10MB", so
 * that what passes here passes there.
 */
const DEFAULT_MAX_REQUEST_BYTES = 10_000_000;
const STARTUP_TIMEOUT_MS = 5_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

/**
 * ioredis options shared by every connection.
 * - Fail fast when Redis is down instead of queueing: a command sent while disconnected is
 *   rejected at once (`enableOfflineQueue: false`), in-flight commands are rejected on the first
 *   disconnect (`maxRetriesPerRequest: 0`) and never replayed after a reconnect, which could
 *   apply a write the caller was told had failed (`autoResendUnfulfilledCommands: false`).
 *   The bridge turns those failures into 500 {"error"} (§4 "Redis unreachable").
 * - `stringNumbers`: integer replies arrive as digit strings (bulk and simple strings arrive as
 *   Buffers, ioredis always parses with returnBuffers), so integers above 2^53 are emitted
 *   exactly (§8) and stay distinguishable from strings.
 * - `disableClientInfo`: ioredis would send CLIENT SETINFO, which Redis < 7.2 rejects.
 */
const BASE_REDIS_OPTIONS = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  stringNumbers: true,
  disableClientInfo: true,
  connectTimeout: 2_000,
};

/** Shared connections reconnect forever, quickly (local Redis): recovery within ~0.5 s. */
const SHARED_REDIS_OPTIONS = {
  ...BASE_REDIS_OPTIONS,
  retryStrategy: (attempt) => Math.min(attempt * 50, 500),
};

/** A dedicated connection that breaks is thrown away, never reconnected. */
const DEDICATED_REDIS_OPTIONS = {
  ...BASE_REDIS_OPTIONS,
  retryStrategy: () => null,
  enableReadyCheck: false,
};

// ---- Command classification ------------------------------------------------------------------

/**
 * Commands that cannot work over a request/response bridge: they switch the connection into a
 * streaming mode or to RESP3 (which would break the RESP2 mapping, §3), or close it.
 */
const UNSUPPORTED_COMMANDS = new Set([
  "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe",
  "monitor", "sync", "psync", "hello", "quit",
]);

/**
 * Commands that leave state on the connection (selected db, an open MULTI, WATCHed keys, CLIENT
 * REPLY OFF, another user...). On a shared connection they would leak into other requests, so a
 * request containing one runs on a dedicated connection that is closed afterwards.
 */
const SESSION_COMMANDS = new Set([
  "select", "multi", "exec", "discard", "watch", "unwatch", "client", "auth", "reset",
  "readonly", "readwrite", "asking",
]);

/**
 * Blocking commands would stall every request queued behind them on a shared connection, so a
 * request containing one runs on a dedicated connection (returned to the idle list afterwards).
 */
const BLOCKING_COMMANDS = new Set([
  "blpop", "brpop", "brpoplpush", "blmove", "blmpop", "bzpopmin", "bzpopmax", "bzmpop",
  "wait", "waitaof",
]);

/** These would end or corrupt the transaction that /multi-exec wraps around the body. */
const FORBIDDEN_IN_MULTI_EXEC = new Set(["multi", "exec", "discard"]);

function isBlocking(name, args) {
  if (BLOCKING_COMMANDS.has(name)) return true;
  // XREAD / XREADGROUP only block with a BLOCK option.
  return (name === "xread" || name === "xreadgroup") && args.some((arg) => arg.toLowerCase() === "block");
}

// ---- Errors ----------------------------------------------------------------------------------

/** An error answered as `status {"error": message}`. */
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A command the bridge refuses before sending it to Redis (reported like a Redis error). */
class InvalidCommandError extends Error {}

/** Redis's own error replies (WRONGTYPE, NOSCRIPT...) versus the connection failing. */
const isRedisError = (error) => error instanceof ReplyError || error instanceof InvalidCommandError;

function unavailable(error) {
  return new HttpError(500, `Redis is unavailable: ${error?.message ?? error}`);
}

// ---- Request parsing -------------------------------------------------------------------------

/**
 * JSON command → Redis arguments (§1): strings as they are, numbers and booleans the way JS
 * `String()` prints them (the client sends `["set","n",42]`). `null` (what a JS `undefined`
 * argument becomes in JSON) and objects are refused rather than guessed at: Upstash's own
 * behaviour is unknown, and storing "" or "null" would hide a bug in the caller.
 */
function toRedisArgs(command) {
  if (!Array.isArray(command) || command.length === 0) {
    throw new InvalidCommandError("ERR a command must be a non-empty JSON array");
  }
  return command.map((arg, index) => {
    switch (typeof arg) {
      case "string":
        return arg;
      case "number":
      case "boolean":
        return String(arg);
      default:
        throw new InvalidCommandError(
          `ERR argument ${index} of '${String(command[0])}' is ${arg === null ? "null (an undefined value?)" : "an object"}; ` +
            "only strings, numbers and booleans can be sent",
        );
    }
  });
}

// ---- allow-key-locking (§6.4) -----------------------------------------------------------------

const KEY_LOCKING_FLAG = "allow-key-locking";
const sha1 = (text) => createHash("sha1").update(text).digest("hex");

/**
 * Removes Upstash's `allow-key-locking` shebang flag, which real Redis 7 rejects ("Unexpected
 * flag in script shebang"); @upstash/ratelimit ≥ 2.1 puts `#!lua flags=allow-key-locking` on
 * every script. Other flags are kept. When no flag remains the shebang is dropped altogether
 * (Redis 6 has no shebang support, and a flagless shebang would switch Redis 7 to stricter
 * defaults), but its line stays as an empty line so Lua error line numbers do not shift.
 * Returns the script unchanged when it has no such flag.
 */
function stripKeyLockingFlag(script) {
  if (!script.startsWith("#!")) return script;
  const eol = script.indexOf("\n");
  const shebang = eol === -1 ? script : script.slice(0, eol);
  const body = eol === -1 ? "" : script.slice(eol);
  const [engine, ...options] = shebang.trim().split(/\s+/);
  let found = false;
  const kept = [];
  for (const option of options) {
    if (!option.startsWith("flags=")) {
      kept.push(option);
      continue;
    }
    const flags = option.slice("flags=".length).split(",").filter((flag) => flag !== "");
    const remaining = flags.filter((flag) => flag !== KEY_LOCKING_FLAG);
    if (remaining.length === flags.length) {
      kept.push(option);
      continue;
    }
    found = true;
    if (remaining.length > 0) kept.push(`flags=${remaining.join(",")}`);
  }
  if (!found) return script;
  return kept.length > 0 ? [engine, ...kept].join(" ") + body : body;
}

/**
 * Rewrites script commands in place. EVAL/EVAL_RO get their script stripped; the map
 * sha1(original) → sha1(rewritten) lets EVALSHA/EVALSHA_RO (the client always tries EVALSHA of the
 * original first, §5) hit the cached rewritten script instead of costing NOSCRIPT + EVAL each time.
 * SCRIPT LOAD / SCRIPT EXISTS go through the same mapping (the note's untested suggestion), and
 * SCRIPT LOAD answers the sha of the original, which is the one the caller will use.
 * Returns a reply mapper when the reply must be changed, else undefined.
 */
function rewriteScriptCommand(name, args, shaMap) {
  const rewrite = (index) => {
    const original = args[index];
    const rewritten = stripKeyLockingFlag(original);
    if (rewritten === original) return undefined;
    const originalSha = sha1(original);
    shaMap.set(originalSha, sha1(rewritten));
    args[index] = rewritten;
    return originalSha;
  };
  const mapSha = (index) => {
    args[index] = shaMap.get(args[index].toLowerCase()) ?? args[index];
  };

  if ((name === "eval" || name === "eval_ro") && args.length > 1) {
    rewrite(1);
  } else if ((name === "evalsha" || name === "evalsha_ro") && args.length > 1) {
    mapSha(1);
  } else if (name === "script" && args.length > 2) {
    const subcommand = args[1].toLowerCase();
    if (subcommand === "load") {
      const originalSha = rewrite(2);
      if (originalSha) return (reply) => (Buffer.isBuffer(reply) ? Buffer.from(originalSha) : reply);
    } else if (subcommand === "exists") {
      for (let i = 2; i < args.length; i++) mapSha(i);
    }
  }
  return undefined;
}

/**
 * Validates one JSON command and prepares it for Redis.
 * @returns {{ args: string[], name: string, mapReply?: (reply: unknown) => unknown,
 *             session: boolean, blocking: boolean }}
 */
function prepareCommand(command, shaMap) {
  const args = toRedisArgs(command);
  const name = args[0].toLowerCase();
  if (UNSUPPORTED_COMMANDS.has(name)) {
    throw new InvalidCommandError(`ERR '${args[0]}' is not supported by the Upstash REST bridge`);
  }
  const mapReply = rewriteScriptCommand(name, args, shaMap);
  return { args, name, mapReply, session: SESSION_COMMANDS.has(name), blocking: isBlocking(name, args) };
}

// ---- Talking to Redis ------------------------------------------------------------------------

const identity = (value) => value;

/**
 * A command whose reply stays exactly as Redis sent it: `replyEncoding: null` keeps strings as
 * Buffers (raw bytes, never decoded as UTF-8, §6.1), and the reply transformer is disabled
 * because ioredis would turn HGETALL's flat array into an object, while the client expects the
 * flat RESP2 array (§3).
 * `timeoutMs` (0 = none) rejects the command when a frozen Redis (e.g. SIGSTOP) keeps the
 * connection open but never answers; a dead one is detected at once without it.
 */
function rawCommand([name, ...args], timeoutMs) {
  const command = new Command(name, args, { replyEncoding: null });
  command.transformReply = identity;
  if (timeoutMs > 0) command.setTimeout(timeoutMs);
  return command;
}

/**
 * Sends commands on one connection, all in a single write, and returns `[error, reply]` per
 * command, in order (ioredis's pipeline result shape). Never rejects.
 * @param {{ args: string[], blocking?: boolean }[]} commands blocking ones get no timeout
 */
async function runCommands(connection, commands, timeoutMs) {
  const timeoutFor = (command) => (command.blocking ? 0 : timeoutMs);
  if (commands.length === 1) {
    const command = rawCommand(commands[0].args, timeoutFor(commands[0]));
    connection.sendCommand(command);
    try {
      return [[null, await command.promise]];
    } catch (error) {
      return [[error]];
    }
  }
  const pipeline = connection.pipeline();
  for (const command of commands) pipeline.sendCommand(rawCommand(command.args, timeoutFor(command)));
  return pipeline.exec();
}

/**
 * A few long-lived shared connections for `/` and `/pipeline`, on which concurrent requests are
 * pipelined (no request pays for a connection), plus dedicated connections that one request at a
 * time has to itself (§6.2: /multi-exec; also blocking and session commands).
 * Dedicated connections are reused when left clean, so concurrent multi() calls never share a
 * connection yet do not pay a TCP connect each.
 */
class ConnectionPool {
  constructor(redisUrl, { size, commandTimeoutMs, logger }) {
    this.redisUrl = redisUrl;
    this.commandTimeoutMs = commandTimeoutMs;
    this.logger = logger;
    this.idleDedicated = [];
    this.closed = false;
    this.next = 0;
    this.state = "starting"; // then "up" / "down", for logging outages once
    this.lastError = undefined;
    this.shared = Array.from({ length: Math.max(1, size) }, () => {
      const connection = new Redis(redisUrl, SHARED_REDIS_OPTIONS);
      connection.on("error", (error) => this.reportError(error));
      connection.on("ready", () => this.reportReady());
      return connection;
    });
  }

  /** Logs the first error of an outage and the recovery, not every reconnect attempt. */
  reportError(error) {
    this.lastError = error;
    if (this.state !== "up" || this.closed) return;
    this.state = "down";
    this.logger?.warn?.(`[upstash-bridge] Redis connection lost (${error.message}); answering 500 until it is back`);
  }

  reportReady() {
    if (this.state === "down") this.logger?.info?.("[upstash-bridge] Redis connection restored");
    this.state = "up";
  }

  /** Connects the shared connections; rejects when Redis cannot be reached within `timeout` ms. */
  async connect(timeout) {
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`${this.lastError?.message ?? "no answer"} (gave up after ${timeout} ms)`));
      }, timeout);
    });
    try {
      await Promise.race([
        Promise.all(
          this.shared.map(
            (connection) =>
              new Promise((resolve) => {
                connection.once("ready", resolve);
                connection.connect().catch(() => {}); // retried by retryStrategy until the deadline
              }),
          ),
        ),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A ready shared connection (round robin), or a 500 right away when none is. */
  acquireShared() {
    for (let i = 0; i < this.shared.length; i++) {
      const connection = this.shared[this.next];
      this.next = (this.next + 1) % this.shared.length;
      if (connection.status === "ready") return connection;
    }
    throw unavailable(`connection is ${this.shared[0]?.status ?? "closed"}`);
  }

  async acquireDedicated() {
    if (this.closed) throw unavailable("the bridge is closing");
    while (this.idleDedicated.length > 0) {
      const connection = this.idleDedicated.pop();
      if (connection.status === "ready") return connection;
      connection.disconnect();
    }
    const connection = new Redis(this.redisUrl, DEDICATED_REDIS_OPTIONS);
    // Failures surface through the commands and connect(); the event only says why connect()
    // failed (its own rejection just says "Connection is closed.").
    let cause;
    connection.on("error", (error) => (cause ??= error));
    try {
      await connection.connect();
    } catch (error) {
      connection.disconnect();
      throw unavailable(cause ?? error);
    }
    return connection;
  }

  /** Returns a dedicated connection; `reusable` is false when it may hold session state. */
  releaseDedicated(connection, reusable) {
    if (reusable && !this.closed && connection.status === "ready" && this.idleDedicated.length < MAX_IDLE_DEDICATED) {
      this.idleDedicated.push(connection);
    } else {
      connection.disconnect();
    }
  }

  /**
   * Runs commands on a shared connection, or on a dedicated one when any of them blocks or
   * changes connection state.
   */
  async run(prepared) {
    const session = prepared.some((command) => command.session);
    if (!session && !prepared.some((command) => command.blocking)) {
      return runCommands(this.acquireShared(), prepared, this.commandTimeoutMs);
    }
    return this.withDedicated(session, (connection) => runCommands(connection, prepared, this.commandTimeoutMs));
  }

  /**
   * Runs `task(connection)` on a dedicated connection, then keeps the connection for reuse unless
   * it may hold session state (`dirty`) or something other than a Redis error reply happened (a
   * timed-out command still has a reply on its way, a failed connection is gone).
   */
  async withDedicated(dirty, task) {
    const connection = await this.acquireDedicated();
    let results;
    try {
      results = await task(connection);
      return results;
    } finally {
      const clean = !dirty && results !== undefined && results.every(([error]) => !error || isRedisError(error));
      this.releaseDedicated(connection, clean);
    }
  }

  close() {
    this.closed = true;
    for (const connection of [...this.shared, ...this.idleDedicated]) connection.disconnect();
    this.idleDedicated = [];
  }
}

// ---- Response encoding (§3) ------------------------------------------------------------------

const INTEGER = /^-?\d+$/;

/**
 * A RESP2 reply as JSON text. Strings (bulk and status replies, which ioredis hands over as
 * Buffers) are base64-encoded from their raw bytes at every depth when `base64` is set, "OK"
 * included: an unencoded "OK" inside an array would be decoded by the client as atob("OK") = "8"
 * (§3). Integers (digit strings, see `stringNumbers`) are written as JSON numbers with their exact
 * digits; nil is null.
 */
function encodeReply(value, base64) {
  if (value === null || value === undefined) return "null";
  if (Buffer.isBuffer(value)) {
    return base64 ? `"${value.toString("base64")}"` : JSON.stringify(value.toString("utf8"));
  }
  if (typeof value === "string") return INTEGER.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    let json = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) json += ",";
      json += encodeReply(value[i], base64);
    }
    return json + "]";
  }
  if (value instanceof Error) {
    // An error nested in a reply (e.g. a Lua table holding redis.error_reply()): there is no
    // JSON shape for it at that depth, so it is sent as a string.
    return encodeReply(Buffer.from(value.message), base64);
  }
  return JSON.stringify(String(value));
}

/** One `{"result"}` / `{"error"}` entry of a /pipeline or /multi-exec reply (§4). */
function encodeEntry([error, reply], base64) {
  if (error) return `{"error":${JSON.stringify(error.message)}}`;
  return `{"result":${encodeReply(reply, base64)}}`;
}

// ---- Endpoints -------------------------------------------------------------------------------

function requireArray(body, what) {
  if (!Array.isArray(body)) throw new HttpError(400, `ERR the request body must be ${what}`);
  return body;
}

/** The first error that is not a Redis error reply: the connection failed, answer 500. */
function connectionFailure(results) {
  const failed = results.find(([error]) => error && !isRedisError(error));
  return failed ? unavailable(failed[0]) : undefined;
}

/** `POST /`: one command; a Redis error is a 400 (§4). */
async function handleSingle(pool, body, base64, shaMap) {
  let command;
  try {
    command = prepareCommand(requireArray(body, 'a command such as ["GET","key"]'), shaMap);
  } catch (error) {
    if (error instanceof InvalidCommandError) return [400, `{"error":${JSON.stringify(error.message)}}`];
    throw error;
  }
  const [[error, reply]] = await pool.run([command]);
  if (error) {
    if (!isRedisError(error)) throw unavailable(error);
    return [400, `{"error":${JSON.stringify(error.message)}}`];
  }
  return [200, `{"result":${encodeReply(command.mapReply ? command.mapReply(reply) : reply, base64)}}`];
}

/**
 * `POST /pipeline`: always 200 with one entry per command, errors included in place (§4).
 * Commands the bridge refuses get their error entry without reaching Redis; the others still run.
 */
async function handlePipeline(pool, body, base64, shaMap) {
  const entries = requireArray(body, "an array of commands").map((command) => {
    try {
      return prepareCommand(command, shaMap);
    } catch (error) {
      if (error instanceof InvalidCommandError) return { error };
      throw error;
    }
  });
  const runnable = entries.filter((entry) => !entry.error);
  const results = runnable.length > 0 ? await pool.run(runnable) : [];
  const failure = connectionFailure(results);
  if (failure) throw failure;

  let next = 0;
  const parts = entries.map((entry) => {
    if (entry.error) return encodeEntry([entry.error], base64);
    const [error, reply] = results[next++];
    return encodeEntry([error, entry.mapReply && !error ? entry.mapReply(reply) : reply], base64);
  });
  return [200, `[${parts.join(",")}]`];
}

/**
 * `POST /multi-exec`: MULTI, the commands and EXEC on a dedicated connection (§6.2: a shared one
 * gives "ERR MULTI calls can not be nested" under concurrency). Runtime errors are per-entry
 * errors; a queue-time error discards the whole transaction: one 400 {"error"} (§4).
 */
async function handleMultiExec(pool, body, base64, shaMap) {
  const commands = requireArray(body, "an array of commands");
  let prepared;
  try {
    prepared = commands.map((command) => prepareCommand(command, shaMap));
  } catch (error) {
    if (error instanceof InvalidCommandError) throw new HttpError(400, `EXECABORT Transaction discarded: ${error.message}`);
    throw error;
  }
  const forbidden = prepared.find((command) => FORBIDDEN_IN_MULTI_EXEC.has(command.name));
  if (forbidden) {
    throw new HttpError(400, `ERR '${forbidden.args[0]}' cannot be used inside /multi-exec, which runs MULTI/EXEC itself`);
  }

  // Queued commands never block (Redis runs BLPOP & co. inside EXEC without waiting), so every
  // command gets the timeout. SELECT and friends inside the transaction change the connection
  // for good: it is not reused then. Queue-time errors (a ReplyError per command) leave it clean.
  const transaction = [{ args: ["MULTI"] }, ...prepared.map(({ args }) => ({ args })), { args: ["EXEC"] }];
  const results = await pool.withDedicated(
    prepared.some((command) => command.session),
    (connection) => runCommands(connection, transaction, pool.commandTimeoutMs),
  );
  const failure = connectionFailure(results);
  if (failure) throw failure;

  const [execError, replies] = results[results.length - 1];
  if (execError) {
    // EXECABORT: report the first queue-time error too, which says what was wrong.
    const queued = results.slice(1, -1);
    const index = queued.findIndex(([error]) => error);
    const detail = index === -1 ? "" : ` First error (command ${index + 1}): ${queued[index][0].message}`;
    throw new HttpError(400, `${execError.message}${detail}`);
  }
  if (!Array.isArray(replies)) throw new HttpError(400, "EXECABORT Transaction aborted");
  const parts = replies.map((reply, i) => {
    if (reply instanceof ReplyError) return encodeEntry([reply], base64);
    const mapReply = prepared[i].mapReply;
    return encodeEntry([null, mapReply ? mapReply(reply) : reply], base64);
  });
  return [200, `[${parts.join(",")}]`];
}

const ROUTES = { "/": handleSingle, "/pipeline": handlePipeline, "/multi-exec": handleMultiExec };

// ---- HTTP ------------------------------------------------------------------------------------

/** Bearer token check (§2), in constant time. */
function checkAuth(header, expected) {
  const match = /^Bearer (.+)$/i.exec(header ?? "");
  if (!match) throw new HttpError(401, "Unauthorized: missing Bearer token (HTTP 401)");
  const given = Buffer.from(match[1].trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, "Unauthorized: invalid token (HTTP 401)");
  }
}

/** Upstash's answer to a body over the limit: a Redis-style error, status 400 like other Redis errors (§4). */
const tooLarge = () => new HttpError(400, "ERR max request size exceeded");

function readBody(req, maxBytes) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"]) > maxBytes) {
      reject(tooLarge()); // the handler drains the body, so the connection stays usable
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: the client gets the error, not a reset.
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > maxBytes) reject(tooLarge());
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => reject(new HttpError(400, "ERR request aborted"))); // no-op after "end"
  });
}

function send(res, status, json) {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** @returns {import("./bridge.d.mts").BridgeTraffic} */
function newTraffic() {
  return { requests: 0, commands: 0, requestBytes: 0, responseBytes: 0 };
}

function createHandler(pool, token, traffic, maxRequestBytes) {
  const expectedToken = Buffer.from(token);
  // sha1(original script) → sha1(script without allow-key-locking), §6.4. One entry per distinct
  // script, so it stays small.
  const shaMap = new Map();

  return async function handle(req, res) {
    try {
      const path = req.url?.split("?", 1)[0] ?? "/";
      if (path === "/__bridge/traffic" && req.method === "GET") {
        checkAuth(req.headers.authorization, expectedToken);
        send(res, 200, JSON.stringify(traffic));
        return;
      }
      const route = ROUTES[path];
      if (!route) {
        // Path-style commands (`GET /set/foo/bar`), /subscribe and /monitor are not implemented:
        // @upstash/redis does not use them (§1).
        throw new HttpError(404, `Endpoint not found: ${req.method} ${path} (the bridge serves POST /, /pipeline and /multi-exec)`);
      }
      if (req.method !== "POST") throw new HttpError(405, `Method not allowed: ${req.method} ${path} (use POST)`);
      checkAuth(req.headers.authorization, expectedToken);

      // Content-Type is not enforced (SRH demands exactly application/json): the client always
      // sends it, and being lenient keeps curl experiments simple.
      let body;
      try {
        const raw = await readBody(req, maxRequestBytes);
        traffic.requests += 1;
        traffic.requestBytes += raw.length;
        body = JSON.parse(raw.toString("utf8"));
        traffic.commands += path === "/" ? 1 : Array.isArray(body) ? body.length : 0;
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw new HttpError(400, `ERR the request body is not valid JSON: ${error.message}`);
      }
      const base64 = req.headers["upstash-encoding"]?.toLowerCase() === "base64";
      const [status, json] = await route(pool, body, base64, shaMap);
      traffic.responseBytes += Buffer.byteLength(json);
      send(res, status, json);
    } catch (error) {
      if (!(error instanceof HttpError)) error = new HttpError(500, error?.message ?? String(error));
      // Drain an unread body so the keep-alive connection stays usable.
      if (!req.complete) req.resume();
      if (!res.headersSent && !res.destroyed) send(res, error.status, `{"error":${JSON.stringify(error.message)}}`);
    }
  };
}

function formatUrl(host, port) {
  // A wildcard address is not something to connect to: point at loopback instead.
  const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${target.includes(":") ? `[${target}]` : target}:${port}`;
}

/**
 * Starts the bridge. Resolves once it listens and its Redis connections are ready; rejects when
 * Redis cannot be reached within 5 s. Afterwards it survives Redis outages: requests get a fast
 * 500 until Redis is back, then work again.
 *
 * @param {import("./bridge.d.mts").UpstashBridgeOptions} options
 * @returns {Promise<import("./bridge.d.mts").UpstashBridge>}
 */
export async function startUpstashBridge({
  redisUrl,
  token,
  port = 0,
  host = "127.0.0.1",
  poolSize = DEFAULT_POOL_SIZE,
  commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
  maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES,
  logger = console,
} = {}) {
  if (!redisUrl) throw new Error("startUpstashBridge: redisUrl is required (e.g. redis://127.0.0.1:6379)");
  if (!token) throw new Error("startUpstashBridge: token is required (@upstash/redis always sends one)");
  if (!Number.isInteger(maxRequestBytes) || maxRequestBytes <= 0) {
    throw new Error(`startUpstashBridge: maxRequestBytes must be a positive integer, not ${maxRequestBytes}`);
  }

  const pool = new ConnectionPool(redisUrl, { size: poolSize, commandTimeoutMs, logger });
  try {
    await pool.connect(STARTUP_TIMEOUT_MS);
  } catch (error) {
    pool.close();
    throw new Error(`startUpstashBridge: cannot connect to ${redisUrl}: ${error.message}`);
  }

  const traffic = newTraffic();
  const server = http.createServer({ keepAliveTimeout: 30_000, noDelay: true }, createHandler(pool, token, traffic, maxRequestBytes));
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    pool.close();
    throw error;
  }

  const actualPort = /** @type {import("node:net").AddressInfo} */ (server.address()).port;
  let closing;
  return {
    url: formatUrl(host, actualPort),
    port: actualPort,
    token,
    traffic: () => ({ ...traffic }),
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // idle keep-alive sockets would otherwise hold close() open
        pool.close();
      });
      return closing;
    },
  };
}

// ---- CLI -------------------------------------------------------------------------------------

function parseCliArgs(argv) {
  const options = {
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    port: Number(process.env.BRIDGE_PORT || 8079),
    host: "127.0.0.1",
    token: process.env.BRIDGE_TOKEN || "dev-token",
  };
  const flags = { "--redis": "redisUrl", "--port": "port", "--host": "host", "--token": "token", "--max-request-bytes": "maxRequestBytes" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === "--help" || flag === "-h") {
      console.log(
        "Usage: node scripts/upstash-bridge/bridge.mjs [--redis URL] [--port N] [--host H] [--token T] [--max-request-bytes N]\n" +
          "Defaults: --redis $REDIS_URL or redis://127.0.0.1:6379, --port $BRIDGE_PORT or 8079,\n" +
          "          --host 127.0.0.1, --token $BRIDGE_TOKEN or dev-token,\n" +
          `          --max-request-bytes ${DEFAULT_MAX_REQUEST_BYTES} (Upstash's limit; larger bodies get 400 "ERR max request size exceeded")`,
      );
      process.exit(0);
    }
    const key = flags[flag];
    if (!key) throw new Error(`Unknown option ${flag} (see --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`Option ${flag} needs a value`);
    options[key] = key === "port" || key === "maxRequestBytes" ? Number(value) : value;
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`Invalid port: ${options.port}`);
  }
  return options;
}

async function main() {
  const options = parseCliArgs(process.argv.slice(2));
  const bridge = await startUpstashBridge(options);
  console.log(`Upstash REST bridge on ${bridge.url} → ${options.redisUrl}`);
  console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log(`UPSTASH_REDIS_REST_TOKEN=${bridge.token}`);
  const stop = () => bridge.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
