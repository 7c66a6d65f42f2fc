// One contract, three backends: the in-process MemoryStore (the reference semantics), the TCP
// store (ioredis → a redis-server of our own) and the Upstash store (@upstash/redis → the local
// Upstash-compatible bridge → a redis-server of our own). The same cases run unchanged on each.
import { randomUUID } from "node:crypto";
import net from "node:net";
import IORedis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore, StoreReplyError, type StoreBackend, type StoreKind } from "@/lib/redis/store";
import { TcpRedisStore } from "@/lib/redis/tcp-store";
import { UpstashStore } from "@/lib/redis/upstash-store";
import { startUpstashBridge } from "@/scripts/upstash-bridge/bridge.mjs";
import { freePort, startRedis } from "@/tests/support/services";

/**
 * The deadline of every Redis call in the contract cases. A busy two-core CI machine (load ~10)
 * stretches a round trip through the Upstash bridge, a hundred of them at once, past a second:
 * these cases test what the stores answer, so their deadline is one they never meet. The
 * deadlines themselves are tested below, against a server that never answers.
 */
const TIMEOUT_MS = 15_000;
/** The deadline of the tests that let it fire: short, so they do not take long. */
const SHORT_DEADLINE_MS = 2_000;
/** The deadline of the tests that must fail without waiting for it: far above FAST_MS. */
const LONG_DEADLINE_MS = 60_000;
/** "At once" on a loaded machine: well below LONG_DEADLINE_MS, well above a slow round trip. */
const FAST_MS = 10_000;
/** The TTL of the expiry test: the reads that must still see its keys take a few round trips. */
const TTL_SECONDS = 3;
const TOKEN = "contract-test-token";

/** A TCP server that accepts connections and never answers (a frozen Redis or REST endpoint). */
async function startSilentServer(): Promise<{ url: (scheme: string) => string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Milliseconds `call` took to reject with an error matching `pattern`. */
async function rejectionTime(call: () => Promise<unknown>, pattern: RegExp): Promise<number> {
  const started = performance.now();
  await expect(call()).rejects.toThrow(pattern);
  return performance.now() - started;
}

/** True when `promise` settles before the event loop reaches its timers: without waiting for any I/O. */
async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const waited = Symbol("waited");
  const first = await Promise.race([promise.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(() => resolve(waited), 0))]);
  return first !== waited;
}

interface Harness {
  backend: StoreBackend;
  close(): Promise<void>;
}

const backends: { kind: StoreKind; open: () => Promise<Harness> }[] = [
  {
    kind: "memory",
    open: async () => {
      const backend = new MemoryStore();
      return { backend, close: () => backend.close() };
    },
  },
  {
    kind: "redis",
    open: async () => {
      const server = await startRedis();
      const backend = new TcpRedisStore({ url: server.url, timeoutMs: TIMEOUT_MS });
      return {
        backend,
        close: async () => {
          await backend.close();
          await server.stop();
        },
      };
    },
  },
  {
    kind: "upstash",
    open: async () => {
      const server = await startRedis();
      const bridge = await startUpstashBridge({ redisUrl: server.url, token: TOKEN, logger: null });
      const backend = new UpstashStore({ url: bridge.url, token: bridge.token, timeoutMs: TIMEOUT_MS });
      return {
        backend,
        close: async () => {
          await backend.close();
          await bridge.close();
          await server.stop();
        },
      };
    },
  },
];

describe.each(backends)("store contract: $kind", ({ kind, open }) => {
  let harness: Harness | undefined;
  let store: KeyValueStore;
  let prefix = "";
  /** Keys are unique per test, so tests never see each other's data. */
  const key = (name: string) => `${prefix}${name}`;

  beforeAll(async () => {
    harness = await open();
    store = new KeyValueStore(harness.backend);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    prefix = `contract:${randomUUID()}:`;
  });

  it("reports its kind and answers ping", async () => {
    expect(store.kind).toBe(kind);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("get returns null for a missing key and the value after set", async () => {
    expect(await store.get(key("k"))).toBeNull();
    expect(await store.set(key("k"), "v1")).toBe(true);
    expect(await store.get(key("k"))).toBe("v1");
    expect(await store.set(key("k"), "v2", 60)).toBe(true); // overwrites, with a TTL
    expect(await store.get(key("k"))).toBe("v2");
  });

  it("setIfAbsent creates once and keeps the first value", async () => {
    expect(await store.setIfAbsent(key("once"), "first", 60)).toBe(true);
    expect(await store.setIfAbsent(key("once"), "second", 60)).toBe(false);
    expect(await store.get(key("once"))).toBe("first");
  });

  it("100 concurrent setIfAbsent on one key: exactly one wins", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store.setIfAbsent(key("race"), `writer-${i}`, 60)));
    expect(results.filter((created) => created === true)).toHaveLength(1);
    expect(results.filter((created) => created === false)).toHaveLength(99);
    const winner = results.indexOf(true);
    expect(await store.get(key("race"))).toBe(`writer-${winner}`);
  });

  it("del counts only keys that existed", async () => {
    await store.set(key("a"), "1");
    await store.set(key("b"), "2");
    expect(await store.del(key("a"), key("b"), key("missing"))).toBe(2);
    expect(await store.get(key("a"))).toBeNull();
    expect(await store.del(key("a"))).toBe(0);
    expect(await store.del()).toBe(0);
  });

  it("incrBy returns the new integer value", async () => {
    expect(await store.incrBy(key("n"), 1)).toBe(1);
    expect(await store.incrBy(key("n"), 41)).toBe(42);
    expect(await store.incrBy(key("n"), -50)).toBe(-8);
    expect(await store.get(key("n"))).toBe("-8");
  });

  it("hincrBy counts per field and hgetAll returns strings", async () => {
    expect(await store.hgetAll(key("h"))).toEqual({});
    expect(await store.hincrBy(key("h"), "views", 1)).toBe(1);
    expect(await store.hincrBy(key("h"), "views", 2)).toBe(3);
    expect(await store.hincrBy(key("h"), "clicks", 42)).toBe(42);
    expect(await store.hgetAll(key("h"))).toEqual({ views: "3", clicks: "42" });
  });

  it("hset reports new fields, hdel counts what it removed, raw JSON values survive", async () => {
    const json = '{"offer":"abc","at":1764100000000}';
    expect(await store.hset(key("p"), "abc", json)).toBe(1);
    expect(await store.hset(key("p"), "abc", json)).toBe(0);
    expect(await store.hset(key("p"), "def", "42")).toBe(1);
    expect(await store.hgetAll(key("p"))).toEqual({ abc: json, def: "42" });
    expect(await store.hdel(key("p"), "abc", "missing")).toBe(1);
    expect(await store.hdel(key("p"), "def")).toBe(1);
    expect(await store.hgetAll(key("p"))).toEqual({});
    expect(await store.hdel(key("p"), "def")).toBe(0);
    expect(await store.hdel(key("p"))).toBe(0);
  });

  it("hlen counts a hash's fields, 0 for a missing key", async () => {
    expect(await store.hlen(key("n"))).toBe(0);
    await store.hset(key("n"), "a", "1");
    await store.hset(key("n"), "b", "2");
    await store.hset(key("n"), "a", "3");
    expect(await store.hlen(key("n"))).toBe(2);
    await store.hdel(key("n"), "a", "b");
    expect(await store.hlen(key("n"))).toBe(0);
  });

  it("hsetIfAbsent sets a field only once: the first value stays", async () => {
    expect(await store.hsetIfAbsent(key("f"), "abc", "first")).toBe(1);
    expect(await store.hsetIfAbsent(key("f"), "abc", "second")).toBe(0);
    expect(await store.hsetIfAbsent(key("f"), "def", "other")).toBe(1);
    expect(await store.hgetAll(key("f"))).toEqual({ abc: "first", def: "other" });
  });

  it("hscanFirst reads a small hash whole and a large one a page at a time; reading and deleting pages drains it exactly", async () => {
    expect(await store.hscanFirst(key("s"), 10)).toEqual({});
    await store.exec([
      { op: "hset", key: key("s"), field: "a", value: "1" },
      { op: "hset", key: key("s"), field: "b", value: "2" },
    ]);
    expect(await store.hscanFirst(key("s"), 10)).toEqual({ a: "1", b: "2" });

    const fields = Array.from({ length: 1_000 }, (_, index) => `field-${index}`);
    await store.exec(fields.map((field) => ({ op: "hset" as const, key: key("big"), field, value: field.toUpperCase() })));
    const seen = new Set<string>();
    for (let page = 0; page < 1_000 && seen.size < fields.length; page += 1) {
      const read = await store.hscanFirst(key("big"), 100);
      const names = Object.keys(read);
      expect(names.length, "a page of a large hash").toBeGreaterThan(0);
      expect(names.length, "a page of a large hash").toBeLessThan(fields.length);
      for (const [field, value] of Object.entries(read)) {
        expect(seen.has(field), `${field} read twice`).toBe(false);
        expect(value).toBe(field.toUpperCase());
        seen.add(field);
      }
      await store.hdel(key("big"), ...names);
    }
    expect(seen.size).toBe(fields.length);
    expect(await store.exists(key("big"))).toBe(0);
  });

  it("exists counts the keys that exist, in one command; a hash emptied by hdel no longer does", async () => {
    expect(await store.exists(key("e1"), key("e2"))).toBe(0);
    await store.hset(key("e1"), "a", "1");
    await store.set(key("e2"), "x");
    expect(await store.exists(key("e1"), key("e2"), key("e3"))).toBe(2);
    await store.hdel(key("e1"), "a");
    expect(await store.exists(key("e1"), key("e2"))).toBe(1);
    expect(await store.exists()).toBe(0);
  });

  it("getRange returns a byte range of a string, empty for a missing key", async () => {
    await store.set(key("g"), '{"generation":"7","build":"k1"}');
    expect(await store.getRange(key("g"), 0, 17)).toBe('{"generation":"7",');
    expect(await store.getRange(key("g"), -5, -1)).toBe('"k1"}');
    expect(await store.getRange(key("g"), 0, 1_000)).toBe('{"generation":"7","build":"k1"}');
    expect(await store.getRange(key("g"), 40, 50)).toBe("");
    expect(await store.getRange(key("missing"), 0, 63)).toBe("");
  });

  it("mget returns null for missing keys, in order", async () => {
    await store.set(key("x"), "1");
    await store.set(key("z"), "3");
    expect(await store.mget([key("x"), key("y"), key("z"), key("y")])).toEqual(["1", null, "3", null]);
    expect(await store.mget([])).toEqual([]);
  });

  it("runs a mixed batch in one exec with results in order", async () => {
    const results = await store.exec([
      { op: "set", key: key("s"), value: "hello" },
      { op: "get", key: key("s") },
      { op: "incrBy", key: key("c"), by: 5, ttlSeconds: 60 },
      { op: "incrBy", key: key("c"), by: 2 },
      { op: "hincrBy", key: key("h"), field: "f", by: 7, ttlSeconds: 60 },
      { op: "hgetAll", key: key("h") },
      { op: "setIfAbsent", key: key("s"), value: "other", ttlSeconds: 60 },
      { op: "setIfAbsent", key: key("new"), value: "n", ttlSeconds: 60 },
      { op: "mget", keys: [key("s"), key("missing"), key("c")] },
      { op: "del", keys: [key("s"), key("new"), key("missing")] },
      { op: "get", key: key("s") },
    ] as const);
    expect(results).toEqual([true, "hello", 5, 7, 7, { f: "7" }, false, true, ["hello", null, "7"], 2, null]);
    expect(await store.exec([])).toEqual([]);
  });

  it("returns values as raw strings, never parsed", async () => {
    const values = ['{"a":1}', "[1,2]", "42", "9007199254740993", "1e3", "OK", "true", "null", "", " padded ", "héllo wörld 🌍 日本語", "line\nbreak\ttab"];
    const keys = values.map((_, i) => key(`raw-${i}-ключ-🔑`));
    await store.exec(values.map((value, i) => ({ op: "set" as const, key: keys[i] ?? "", value })));
    for (const [i, value] of values.entries()) expect(await store.get(keys[i] ?? "")).toBe(value);
    expect(await store.mget(keys)).toEqual(values);
    // Hash values are digit strings, which a deserializing client would turn into numbers.
    await store.hincrBy(key("h"), "emoji-🎯", 42);
    expect(await store.hgetAll(key("h"))).toEqual({ "emoji-🎯": "42" });
  });

  it("rejects the exec when a command fails, with the Redis error text", async () => {
    await store.set(key("text"), "not a number");
    await expect(store.incrBy(key("text"), 1)).rejects.toThrow(/not an integer/i);
    await expect(
      store.exec([
        { op: "get", key: key("text") },
        { op: "hincrBy", key: key("text"), field: "f", by: 1 },
      ]),
    ).rejects.toThrow(/WRONGTYPE/);
    // Redis's own refusal, which the circuit breaker does not count as Redis being down.
    await expect(store.incrBy(key("text"), 1)).rejects.toBeInstanceOf(StoreReplyError);
    expect(await store.get(key("text"))).toBe("not a number");
  });

  it("expires keys after their TTL (set, setIfAbsent, incrBy, hincrBy)", async () => {
    await store.exec([
      { op: "set", key: key("ttl"), value: "short", ttlSeconds: TTL_SECONDS },
      { op: "set", key: key("forever"), value: "long" },
      { op: "setIfAbsent", key: key("once"), value: "first", ttlSeconds: TTL_SECONDS },
      { op: "incrBy", key: key("counter"), by: 3, ttlSeconds: TTL_SECONDS },
      { op: "incrBy", key: key("plain"), by: 3 },
      { op: "hincrBy", key: key("hash"), field: "f", by: 3, ttlSeconds: TTL_SECONDS },
    ]);
    expect(await store.mget([key("ttl"), key("once"), key("counter")])).toEqual(["short", "first", "3"]);
    expect(await store.setIfAbsent(key("once"), "second", TTL_SECONDS)).toBe(false);

    // Gone once the TTL has passed (polled: a loaded machine may take a while to ask), and long
    // before a TTL in the wrong unit or none at all would let them go.
    const expiring = async () => [...(await store.mget([key("ttl"), key("once"), key("counter")])), await store.hgetAll(key("hash"))];
    await expect.poll(expiring, { timeout: TTL_SECONDS * 1000 + 15_000, interval: 250 }).toEqual([null, null, null, {}]);
    expect(await store.mget([key("forever"), key("plain")])).toEqual(["long", "3"]);
    // Expired keys are gone for good: recreated and counted from zero.
    expect(await store.setIfAbsent(key("once"), "again", 60)).toBe(true);
    expect(await store.get(key("once"))).toBe("again");
    expect(await store.incrBy(key("counter"), 1)).toBe(1);
    expect(await store.hincrBy(key("hash"), "f", 1)).toBe(1);
  });
});

describe("UpstashStore specifics", () => {
  let server: Awaited<ReturnType<typeof startRedis>>;
  let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;

  beforeAll(async () => {
    server = await startRedis();
    bridge = await startUpstashBridge({ redisUrl: server.url, token: TOKEN, logger: null });
  });
  afterAll(async () => {
    await bridge?.close();
    await server?.stop();
  });

  it("ping rejects a wrong token with a 401 message that does not echo the token", async () => {
    const secret = "wrong-token-do-not-log";
    const store = new UpstashStore({ url: bridge.url, token: secret, timeoutMs: TIMEOUT_MS });
    const error = await store.ping().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/401/);
    expect(error?.message).toMatch(/token/i);
    expect(error?.message).not.toContain(secret);
    await expect(new KeyValueStore(store).get("k")).rejects.toThrow(/401|token/i);
    // A refused token is Redis out of reach for this deployment, not a refused command.
    await expect(new KeyValueStore(store).get("k")).rejects.not.toBeInstanceOf(StoreReplyError);
  });

  it("ping rejects quickly when nothing listens (no client retries)", async () => {
    const port = await freePort();
    const store = new UpstashStore({ url: `http://127.0.0.1:${port}`, token: TOKEN, timeoutMs: LONG_DEADLINE_MS });
    // On the refused connection, not at the deadline.
    expect(await rejectionTime(() => store.ping(), /Upstash/)).toBeLessThan(FAST_MS);
    expect(await rejectionTime(() => store.exec([{ op: "get", key: "k" }]), /ECONNREFUSED/)).toBeLessThan(FAST_MS);
    await expect(store.exec([{ op: "get", key: "k" }])).rejects.not.toBeInstanceOf(StoreReplyError);
  });

  it("ping and exec give up at their deadline when the server never answers", async () => {
    const silent = await startSilentServer();
    try {
      const store = new UpstashStore({ url: silent.url("http"), token: TOKEN, timeoutMs: SHORT_DEADLINE_MS });
      for (const call of [() => store.ping(), () => store.exec([{ op: "get", key: "k" }])]) {
        const took = await rejectionTime(call, new RegExp(`did not answer within ${SHORT_DEADLINE_MS} ms`));
        expect(took).toBeGreaterThanOrEqual(SHORT_DEADLINE_MS - 50);
        expect(took).toBeLessThan(SHORT_DEADLINE_MS + FAST_MS);
      }
    } finally {
      await silent.close();
    }
  });
});

describe("TcpRedisStore specifics", () => {
  let server: Awaited<ReturnType<typeof startRedis>>;

  beforeAll(async () => {
    // startRedis() waits for an unauthenticated PONG, so the password is set after start-up.
    server = await startRedis();
    const admin = new IORedis(server.url);
    await admin.config("SET", "requirepass", "secret");
    await admin.quit();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("accepts the right password from a redis:// URL", async () => {
    const store = new TcpRedisStore({ url: `redis://default:secret@127.0.0.1:${server.port}`, timeoutMs: TIMEOUT_MS });
    try {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(await new KeyValueStore(store).incrBy(`tcp:${randomUUID()}`, 2)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("ping rejects a wrong password, saying so", async () => {
    const store = new TcpRedisStore({ url: `redis://:wrong@127.0.0.1:${server.port}`, timeoutMs: TIMEOUT_MS });
    try {
      await expect(store.ping()).rejects.toThrow(/refused the password/);
      await expect(store.exec([{ op: "get", key: "k" }])).rejects.toThrow(/password/);
    } finally {
      await store.close();
    }
  });

  it("ping rejects at once when nothing listens, and keeps failing fast", async () => {
    const port = await freePort();
    const store = new TcpRedisStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: LONG_DEADLINE_MS });
    try {
      // On the refused connection, not at the deadline for the first connection.
      expect(await rejectionTime(() => store.ping(), /unavailable/)).toBeLessThan(FAST_MS);
      // From then on without waiting for anything: no I/O, no timer.
      const exec = store.exec([{ op: "get", key: "k" }]);
      expect(await settlesAtOnce(exec)).toBe(true);
      await expect(exec).rejects.toThrow(/unavailable/);
    } finally {
      await store.close();
    }
  });

  it("ping gives up at its deadline when the server accepts but never answers, and then fails at once", async () => {
    const silent = await startSilentServer();
    const store = new TcpRedisStore({ url: silent.url("redis"), timeoutMs: SHORT_DEADLINE_MS });
    try {
      const took = await rejectionTime(() => store.ping(), new RegExp(`unavailable: no connection within ${SHORT_DEADLINE_MS} ms`));
      expect(took).toBeGreaterThanOrEqual(SHORT_DEADLINE_MS - 50);
      expect(took).toBeLessThan(SHORT_DEADLINE_MS + FAST_MS);
      const exec = store.exec([{ op: "get", key: "k" }]);
      expect(await settlesAtOnce(exec)).toBe(true);
      await expect(exec).rejects.toThrow(/unavailable/);
    } finally {
      await store.close();
      await silent.close();
    }
  });

  it("rejects a URL that is not redis:// or rediss:// without echoing it", () => {
    expect(() => new TcpRedisStore({ url: "http://user:hunter2@host:1", timeoutMs: TIMEOUT_MS })).toThrow(/redis:\/\//);
    expect(() => new TcpRedisStore({ url: "not a url hunter2", timeoutMs: TIMEOUT_MS })).toThrow(/not a valid URL/);
    try {
      new TcpRedisStore({ url: "redis://user:hunter2@[bad", timeoutMs: TIMEOUT_MS });
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});
