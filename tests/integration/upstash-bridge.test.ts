// The Upstash REST bridge (scripts/upstash-bridge/bridge.mjs), exercised with the real
// @upstash/redis client in its default configuration (base64 response encoding, auto-pipelining)
// against a throwaway redis-server. The protocol it follows: scripts/upstash-bridge/PROTOCOL.md ("§n").
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import { Redis, errors } from "@upstash/redis";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashBridge, type UpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";

// ---- A redis-server of our own on a free loopback port ----------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when a PING on a fresh socket gets +PONG within 500 ms. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (chunk) => done(chunk.toString().startsWith("+PONG")));
  });
}

async function eventually<T>(check: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

class RedisServer {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--logfile", ""];
    const child = spawn("redis-server", args, { stdio: "ignore" });
    this.child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (!(await ping(this.port))) throw new Error(`redis-server on ${this.port} is not answering`);
    }, 10_000);
  }

  /** SIGSTOP / SIGCONT: the server keeps its connections open but answers nothing. */
  freeze(frozen: boolean) {
    this.child?.kill(frozen ? "SIGSTOP" : "SIGCONT");
  }

  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  }
}

// ---- Setup ------------------------------------------------------------------------------------

const TOKEN = "test-token";
/**
 * "At once" on a busy CI machine (two cores, load ~10), where one HTTP round trip through the
 * bridge can take most of a second: far more than that, far less than the deadlines the
 * fast-failing calls must not have waited for.
 */
const FAST_MS = 10_000;
let server: RedisServer;
let bridge: UpstashBridge;
let redis: Redis;
let direct: IORedis; // straight to redis-server, to check what the bridge did

beforeAll(async () => {
  server = new RedisServer(await freePort());
  await server.start();
  // A command deadline far above FAST_MS: a command that fails fast cannot have waited for it.
  bridge = await startUpstashBridge({ redisUrl: server.url, token: TOKEN, commandTimeoutMs: 60_000, logger: null });
  redis = new Redis({ url: bridge.url, token: TOKEN });
  direct = new IORedis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  direct.on("error", () => {});
  await direct.connect();
});

afterAll(async () => {
  direct?.disconnect();
  await bridge?.close();
  await server?.kill();
});

/** A raw request to the bridge, to see the wire format the client never shows. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(bridge.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const b64 = (text: string) => Buffer.from(text).toString("base64");

// ---- Tests ------------------------------------------------------------------------------------

describe("Upstash REST bridge with @upstash/redis", () => {
  it("sets and gets strings, unicode included", async () => {
    expect(await redis.set("str", "hello")).toBe("OK");
    expect(await redis.get("str")).toBe("hello");
    const unicode = "héllo wörld ✓ 日本語 😀";
    await redis.set("unicode", unicode);
    expect(await redis.get("unicode")).toBe(unicode);
    expect(await direct.get("unicode")).toBe(unicode); // stored as UTF-8
    expect(await redis.get("missing")).toBeNull();
  });

  it('keeps "OK" intact inside arrays (every string is base64-encoded, §3)', async () => {
    await redis.set("ok1", "OK");
    await redis.set("ok2", "OK");
    expect(await redis.mget("ok1", "ok2", "missing")).toEqual(["OK", "OK", null]);
    // On the wire: the top-level "OK" is encoded too.
    expect(await post("/", ["set", "ok3", "OK"], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: b64("OK") },
    });
    expect(await post("/", ["mget", "ok1", "nope"], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: [b64("OK"), null] },
    });
  });

  it("stringifies numbers and booleans and deserializes numbers and JSON", async () => {
    await redis.set("num", 42);
    expect(await redis.get("num")).toBe(42);
    expect(await direct.get("num")).toBe("42");
    await redis.set("float", 1.5);
    expect(await redis.get("float")).toBe(1.5);
    await redis.set("bool", true);
    expect(await direct.get("bool")).toBe("true");
    const object = { name: "Marquee", tags: ["a", "b"], nested: { n: 1, ok: "OK" } };
    await redis.set("json", object);
    expect(await redis.get("json")).toEqual(object);
  });

  it("SET NX EX answers OK, then null", async () => {
    expect(await redis.set("lock", "1", { nx: true, ex: 30 })).toBe("OK");
    expect(await redis.set("lock", "2", { nx: true, ex: 30 })).toBeNull();
    expect(await redis.get("lock")).toBe(1);
    expect(await redis.ttl("lock")).toBeGreaterThan(25);
  });

  it("runs counters, hashes and expiry", async () => {
    expect(await redis.incr("counter")).toBe(1);
    expect(await redis.incrby("counter", 10)).toBe(11);
    expect(await redis.hincrby("hash", "clicks", 3)).toBe(3);
    expect(await redis.hincrby("hash", "clicks", 2)).toBe(5);
    expect(await redis.hset("hash", { name: "ad", views: 7 })).toBe(2);
    expect(await redis.hgetall("hash")).toEqual({ clicks: 5, name: "ad", views: 7 });
    expect(await redis.hgetall("no-such-hash")).toBeNull();
    expect(await redis.expire("counter", 100)).toBe(1);
    const ttl = await redis.ttl("counter");
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await redis.ttl("missing")).toBe(-2);
    await redis.set("m1", "a");
    await redis.set("m2", { b: 2 });
    expect(await redis.mget("m1", "m2", "m3")).toEqual(["a", { b: 2 }, null]);
  });

  it("keeps integers above 2^53 exact on the wire (§8)", async () => {
    expect(await post("/", ["incrby", "big", "9007199254740993"])).toMatchObject({ status: 200 });
    const res = await fetch(bridge.url, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(["incr", "big"]),
    });
    expect(await res.text()).toBe('{"result":9007199254740994}');
  });

  it("runs explicit pipelines", async () => {
    const results = await redis.pipeline().set("p:a", "1").incr("p:a").get("p:a").hset("p:h", { f: "v" }).hgetall("p:h").exec();
    expect(results).toEqual(["OK", 2, 2, 1, { f: "v" }]);
  });

  it("reports an error inside a pipeline in place, the other commands still run", async () => {
    await redis.set("p:str", "x");
    await expect(redis.pipeline().set("p:b", "1").lpush("p:str", "y").get("p:b").exec()).rejects.toThrow(
      /Command 2 \[ lpush \] failed: WRONGTYPE/,
    );
    const kept = await redis.pipeline().set("p:c", "1").lpush("p:str", "y").get("p:c").exec({ keepErrors: true });
    expect(kept[0]).toEqual({ result: "OK", error: undefined });
    expect(kept[1]?.error).toMatch(/^WRONGTYPE/);
    expect(kept[2]).toEqual({ result: 1, error: undefined });
    // Auto-pipelined calls that fail reject on their own.
    await expect(redis.incr("p:str")).rejects.toThrow(/ERR value is not an integer/);
    expect(await redis.get("p:b")).toBe(1);
  });

  it("runs MULTI/EXEC transactions, with runtime errors per entry", async () => {
    const results = await redis.multi().set("t:a", "v").incr("t:n").incr("t:n").get("t:a").exec();
    expect(results).toEqual(["OK", 1, 2, "v"]);
    const wire = await post("/multi-exec", [["set", "t:b", "1"], ["incr", "t:a"], ["get", "t:b"]], { "upstash-encoding": "base64" });
    expect(wire).toEqual({
      status: 200,
      body: [{ result: b64("OK") }, { error: "ERR value is not an integer or out of range" }, { result: b64("1") }],
    });
    // A queue-time error discards the whole transaction.
    const aborted = await post("/multi-exec", [["set", "t:c", "1"], ["nosuchcommand"]]);
    expect(aborted.status).toBe(400);
    expect((aborted.body as { error: string }).error).toMatch(/^EXECABORT/);
    expect(await direct.exists("t:c")).toBe(0);
  });

  it("runs 20 concurrent multi() calls, each on its own connection", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => redis.multi().incr("t:concurrent").set(`t:k${i}`, i).get(`t:k${i}`).exec()),
    );
    for (const [i, result] of results.entries()) {
      expect(result[1]).toBe("OK");
      expect(result[2]).toBe(i);
    }
    expect(results.map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("throws UpstashError for a failing single command", async () => {
    await redis.set("e:str", "x");
    // LRANGE is never auto-pipelined: it goes to `/`, which answers 400 {"error"}.
    const error = await redis.lrange("e:str", 0, -1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.UpstashError);
    expect(String(error)).toMatch(/WRONGTYPE/);
    const plain = new Redis({ url: bridge.url, token: TOKEN, enableAutoPipelining: false });
    await expect(plain.incr("e:str")).rejects.toBeInstanceOf(errors.UpstashError);
    expect(await post("/", ["incr", "e:str"])).toEqual({ status: 400, body: { error: "ERR value is not an integer or out of range" } });
    expect((await post("/", ["nosuchcommand"])).status).toBe(400);
  });

  it("rejects a wrong token with 401", async () => {
    const wrong = new Redis({ url: bridge.url, token: "wrong-token" });
    await expect(wrong.get("str")).rejects.toThrow(/401|invalid token/i);
    const res = await fetch(bridge.url, { method: "POST", body: JSON.stringify(["get", "str"]) });
    expect(res.status).toBe(401);
  });

  it("refuses a body over 10,000,000 bytes like Upstash: 400 ERR max request size exceeded, the key untouched (§4)", async () => {
    const value = "x".repeat(10_000_000);
    await expect(redis.set("size:big", value)).rejects.toThrow(/ERR max request size exceeded/);
    expect(await post("/", ["set", "size:big", value])).toEqual({ status: 400, body: { error: "ERR max request size exceeded" } });
    expect(await post("/pipeline", [["set", "size:big", value]])).toEqual({ status: 400, body: { error: "ERR max request size exceeded" } });
    expect(await direct.exists("size:big")).toBe(0);
    // Just under the limit passes, and the connection refused before still works.
    const under = "y".repeat(10_000_000 - JSON.stringify(["set", "size:big", ""]).length);
    expect(await post("/", ["set", "size:big", under])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await direct.strlen("size:big")).toBe(under.length);
    await direct.del("size:big");
  });

  it("takes another request size limit as an option (maxRequestBytes, CLI --max-request-bytes)", async () => {
    const small = await startUpstashBridge({ redisUrl: server.url, token: TOKEN, maxRequestBytes: 100, logger: null });
    try {
      const client = new Redis({ url: small.url, token: TOKEN, enableAutoPipelining: false });
      expect(await client.set("size:small", "ok")).toBe("OK");
      await expect(client.set("size:small", "z".repeat(100))).rejects.toThrow(/ERR max request size exceeded/);
      expect(await client.get("size:small")).toBe("ok");
    } finally {
      await small.close();
    }
  });

  it("runs EVAL/EVALSHA of scripts with the allow-key-locking shebang (§6.4)", async () => {
    const source = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    const sha = createHash("sha1").update(source).digest("hex");
    const script = redis.createScript<number>(source);
    expect(await script.exec(["s:n"], ["5"])).toBe(5); // EVALSHA → NOSCRIPT → EVAL
    expect(await redis.evalsha(sha, ["s:n"], ["1"])).toBe(6); // the sha map hits the cached rewrite
    expect(await script.exec(["s:n"], ["1"])).toBe(7);
    expect(await redis.eval(source, ["s:n"], ["1"])).toBe(8);
    // Other flags survive.
    const readOnly = "#!lua flags=no-writes,allow-key-locking\nreturn redis.call('GET', KEYS[1])";
    expect(await redis.evalRo(readOnly, ["s:n"], [])).toBe(8);
    await expect(redis.eval("#!lua flags=no-writes,allow-key-locking\nreturn redis.call('SET', KEYS[1], 'x')", ["s:n"], [])).rejects.toThrow(
      /Write commands are not allowed from read-only scripts/,
    );
    // SCRIPT LOAD answers the sha of the script as sent, which is what the caller will use.
    const loaded = "#!lua flags=allow-key-locking\nreturn 'loaded'";
    expect(await redis.scriptLoad(loaded)).toBe(createHash("sha1").update(loaded).digest("hex"));
    expect(await redis.evalsha(createHash("sha1").update(loaded).digest("hex"), [], [])).toBe("loaded");
    // Script errors reach the client verbatim (ratelimit relies on NOSCRIPT).
    await expect(redis.evalsha("0".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it("round-trips binary-ish values and never decodes raw bytes as UTF-8", async () => {
    const tricky = "\u0000\u0001\u0002\t\r\n\u007f\u00ff\u2028 \\ \" ' < > & é 😀";
    await redis.set("bin", tricky);
    expect(await redis.get("bin")).toBe(tricky);
    // Bytes that are not UTF-8, written directly: sent as base64 of the raw bytes.
    await direct.set("raw", Buffer.from([0xff, 0x00, 0x41, 0xc3]));
    expect(await post("/", ["get", "raw"], { "upstash-encoding": "base64" })).toEqual({ status: 200, body: { result: "/wBBww==" } });
    expect(await redis.get("raw")).toBe("\uFFFD\u0000A\uFFFD"); // the client's TextDecoder
    await direct.rpush("rawlist", Buffer.from([0xfe]), "ok");
    expect(await post("/", ["lrange", "rawlist", 0, -1], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: ["/g==", b64("ok")] },
    });
  });

  it("also serves clients that turn base64 encoding off", async () => {
    const plain = new Redis({ url: bridge.url, token: TOKEN, responseEncoding: false });
    await plain.set("plain", "héllo");
    expect(await plain.get("plain")).toBe("héllo");
    expect(await plain.mget("ok1", "plain")).toEqual(["OK", "héllo"]);
    expect(await post("/", ["get", "plain"])).toEqual({ status: 200, body: { result: "héllo" } });
  });

  it("times out commands while redis-server is frozen", async () => {
    // Long enough for a live redis-server on a busy machine; a frozen one never answers.
    const commandTimeoutMs = 2_000;
    const impatient = await startUpstashBridge({ redisUrl: server.url, token: TOKEN, commandTimeoutMs, logger: null });
    try {
      const client = new Redis({ url: impatient.url, token: TOKEN });
      expect(await client.set("frozen", "before")).toBe("OK");
      server.freeze(true);
      for (const call of [() => client.get("frozen"), () => client.multi().get("frozen").exec()]) {
        const started = Date.now();
        await expect(call()).rejects.toThrow(/timed out/i);
        // Given up at the deadline, not never (a hang would last until the test's own timeout).
        expect(Date.now() - started).toBeLessThan(commandTimeoutMs + FAST_MS);
      }
      server.freeze(false);
      expect(await eventually(() => client.get("frozen"), 15_000)).toBe("before");
    } finally {
      server.freeze(false);
      await impatient.close();
    }
  });

  it("fails fast while redis-server is down and recovers when it is back", async () => {
    await server.kill();

    const started = Date.now();
    const error = await redis.get("str").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/unavailable/i);
    expect(Date.now() - started).toBeLessThan(FAST_MS);

    const multiStarted = Date.now();
    await expect(redis.multi().incr("x").exec()).rejects.toThrow(/unavailable/i);
    await expect(redis.lrange("x", 0, -1)).rejects.toThrow(/unavailable/i);
    expect(Date.now() - multiStarted).toBeLessThan(FAST_MS);
    expect((await post("/", ["get", "str"])).status).toBe(500);

    await server.start(); // same port, empty data set (no persistence)
    // The bridge reconnects by itself, every 0.5 s at most: within seconds, whatever the load.
    const recovered = Date.now();
    expect(await eventually(() => redis.set("after", "restart"), 20_000)).toBe("OK");
    expect(Date.now() - recovered).toBeLessThan(FAST_MS);
    expect(await redis.get("after")).toBe("restart");
    expect(await redis.multi().incr("after:n").exec()).toEqual([1]);
    await direct.ping().catch(() => undefined); // let the direct connection reconnect before afterAll
  });
});
