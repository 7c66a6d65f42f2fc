import { describe, expect, it } from "vitest";
import {
  ACTIVE_CAMPAIGNS_GENERATION_KEY,
  ACTIVE_CAMPAIGNS_KEY,
  ActiveCampaignsCache,
  FULL_RELOAD_WITHOUT_REDIS_MS,
} from "@/lib/cache/active-campaigns-cache";
import { decodeEnvelope, encodeEnvelope, HEAD_BYTES, stampOf, type PartCodec } from "@/lib/cache/active-campaigns-envelope";
import type { LogFields } from "@/lib/log/throttled-log";
import { CircuitBreakerBackend, StoreUnavailableError } from "@/lib/redis/circuit-breaker";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore, type StoreCommand } from "@/lib/redis/store";
import { deferredWork } from "@/tests/support/deferred-work";

function setup(options: { localTtlMs?: number } = {}) {
  let clock = 1_000_000;
  let version = 1;
  let loads = 0;
  const memory = new MemoryStore(() => clock);
  const ops: string[] = [];
  const store = new KeyValueStore({
    kind: "memory",
    exec: (commands) => {
      ops.push(commands.map((command) => command.op).join("+"));
      return memory.exec(commands);
    },
    ping: () => memory.ping(),
    close: () => memory.close(),
  });
  const prepared: { version: number }[] = [];
  const work = deferredWork();
  const cache = new ActiveCampaignsCache<{ version: number }>({
    store,
    defer: work.defer,
    prepare: (value) => prepared.push(value),
    localTtlMs: options.localTtlMs ?? 1_000,
    now: () => clock,
    // Like a database query: it sees the state as of when it started.
    load: async () => {
      loads += 1;
      const seen = version;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { version: seen };
    },
  });
  return {
    cache,
    store,
    advance: (ms: number) => (clock += ms),
    setVersion: (next: number) => (version = next),
    loads: () => loads,
    /** The store calls made since the last call, as "op+op" per round trip. */
    takeOps: () => ops.splice(0),
    prepared,
    /** Waits for the work handed to after(): background checks, write-backs. */
    settle: work.settle,
    deferred: work.count,
  };
}

// A value kept in parts as the active set is (lib/ads/active-set-parts.ts): its items are
// decoded when asked for, and a part that cannot be decoded is reported to the reader.
type Listed = { version: number; items: () => string[] };
const listed = (version: number, items: string[]): Listed => ({ version, items: () => items });
const codec: PartCodec<Listed> = {
  split: (value) => [{ version: value.version, count: value.items().length }, ...value.items().map((item) => [item])],
  join: (head, parts) => {
    const { version, count } = head as { version: number; count: number };
    const item = (index: number) => {
      try {
        return (parts.get(index) as string[])[0]!;
      } catch (error) {
        parts.reportDamage();
        throw error;
      }
    };
    return { version, items: () => Array.from({ length: count }, (_, i) => item(i + 1)) };
  },
};

/** A copy in Redis whose second item's part is not gzip, as a bad write or a broken byte would leave it. */
async function damagedCopy(): Promise<string> {
  const pieces = (await encodeEnvelope({ generation: "0", build: "damaged-copy", value: listed(1, ["a", "b", "c"]) }, codec)).split(",");
  pieces[2] = "bm90IGd6aXA=";
  return pieces.join(",");
}

describe("ActiveCampaignsCache", () => {
  it("loads from the database on a cold cache and writes active_campaigns with a 300 s TTL", async () => {
    const { cache, store, loads, settle, deferred } = setup();
    expect(await cache.get()).toEqual({ version: 1 });
    expect(loads()).toBe(1);
    expect(deferred()).toBe(1); // the write-back outlives the request: handed to after()
    await settle();
    const raw = await store.get(ACTIVE_CAMPAIGNS_KEY);
    expect(raw).toMatch(/^gz1:0\/[\w-]{16}:/);
    expect(await decodeEnvelope(raw!)).toEqual({ generation: "0", build: expect.stringMatching(/^[\w-]{16}$/), value: { version: 1 } });
  });

  it("a new instance takes the shared copy from Redis even when reading it outlasts the serving deadline, instead of loading the database", async () => {
    const memory = new MemoryStore();
    let held: (() => void)[] | undefined;
    // Redis behind the breaker as in production, with a 30 ms serving deadline; while `held`,
    // its answers wait until released (a copy of megabytes takes longer than tens of ms).
    const breaker = new CircuitBreakerBackend(
      {
        kind: "redis",
        exec: async (commands: readonly StoreCommand[]) => {
          if (held) await new Promise<void>((resolve) => held!.push(resolve));
          return memory.exec(commands);
        },
        ping: () => memory.ping(),
        close: () => memory.close(),
      },
      { timeoutMs: 30, log: () => {} },
    );
    const store = new KeyValueStore(breaker);
    let loads = 0;
    const instance = () =>
      new ActiveCampaignsCache<{ version: number }>({ store, defer: writeBack.defer, load: async () => ({ version: ++loads }) });
    const writeBack = deferredWork();
    await instance().get(); // the first instance loads the database and writes the shared copy
    await writeBack.settle();
    expect(loads).toBe(1);

    held = [];
    const first = instance().get();
    // A serving call made meanwhile fails: the serving deadline is over, the read goes on.
    await expect(store.get("other")).rejects.toBeInstanceOf(StoreUnavailableError);
    for (const release of held.splice(0)) release();
    held = undefined;
    expect(await first).toEqual({ version: 1 });
    expect(loads).toBe(1);
    await breaker.close();
  });

  it("answers from the in-process copy within its TTL", async () => {
    const { cache, setVersion, advance, loads } = setup();
    await cache.get();
    setVersion(2);
    advance(999);
    expect(await cache.get()).toEqual({ version: 1 });
    expect(loads()).toBe(1);
    expect(cache.stats()).toMatchObject({ localHits: 1, databaseLoads: 1 });
  });

  it("rereads Redis, not the database, when the in-process copy expires", async () => {
    const { cache, advance, loads, settle } = setup();
    await cache.get();
    await settle();
    advance(1_000);
    await cache.get();
    expect(loads()).toBe(1);
    expect(cache.stats()).toMatchObject({ redisHits: 1, databaseLoads: 1 });
  });

  it("goes back to the database once active_campaigns expires after 300 s", async () => {
    const { cache, advance, setVersion, loads, settle } = setup();
    await cache.get();
    await settle();
    setVersion(2);
    advance(300_000);
    expect(await cache.get()).toEqual({ version: 2 });
    expect(loads()).toBe(2);
  });

  it("queries the database once for 100 concurrent reads of a cold cache", async () => {
    const { cache, loads } = setup();
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
    expect(loads()).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("invalidation drops the local copy and active_campaigns, so the next read sees the change", async () => {
    const { cache, store, setVersion, settle } = setup();
    await cache.get();
    await settle();
    setVersion(2);
    await cache.invalidate();
    expect(await store.get(ACTIVE_CAMPAIGNS_KEY)).toBeNull();
    expect(await store.get(ACTIVE_CAMPAIGNS_GENERATION_KEY)).toBe("1");
    expect(await cache.get()).toEqual({ version: 2 });
  });

  it("ignores a set written back under an older generation (a load that raced an invalidation)", async () => {
    const { cache, store, setVersion, advance, loads } = setup();
    await store.set(ACTIVE_CAMPAIGNS_KEY, await encodeEnvelope({ generation: "0", build: "old-build", value: { version: 1 } }), 300);
    await store.incrBy(ACTIVE_CAMPAIGNS_GENERATION_KEY, 1);
    setVersion(2);
    advance(1);
    expect(await cache.get()).toEqual({ version: 2 });
    expect(loads()).toBe(1);
  });

  it("a read that starts after an invalidation does not join a refresh that began before it", async () => {
    const { cache, setVersion, loads } = setup();
    const before = cache.get();
    while (loads() === 0) await new Promise((resolve) => setImmediate(resolve));
    setVersion(2);
    await cache.invalidate();
    expect(await cache.get()).toEqual({ version: 2 });
    expect(await before).toEqual({ version: 1 });
  });

  it("keeps its copy (same object, indexed once) when only the head of an unchanged shared copy was read", async () => {
    const { cache, advance, loads, takeOps, prepared, settle } = setup();
    const first = await cache.get();
    await settle();
    takeOps();
    advance(1_000);
    const second = await cache.get();
    expect(second).toBe(first);
    expect(takeOps()).toEqual(["getRange+get"]);
    expect(loads()).toBe(1);
    expect(prepared).toEqual([{ version: 1 }]);
  });

  it("refreshes in the background once half the TTL has passed, so requests under load never wait", async () => {
    const { cache, advance, takeOps, settle, deferred } = setup();
    await cache.get();
    await settle();
    takeOps();
    advance(400);
    await cache.get();
    expect(takeOps()).toEqual([]);
    advance(200); // 600 ms old: answered at once, check started and handed to after()
    const before = deferred();
    expect(await cache.get()).toEqual({ version: 1 });
    expect(deferred()).toBe(before + 1);
    await settle();
    expect(takeOps()).toEqual(["getRange+get"]);
    advance(900); // 1,500 ms after the load, 900 ms after the check: answered from memory again
    await cache.get();
    await settle();
    expect(takeOps()).toEqual(["getRange+get"]);
    expect(cache.stats()).toMatchObject({ localHits: 3, redisHits: 2, databaseLoads: 1 });
  });

  it("picks up a copy another instance wrote (new build), reading and preparing it in full", async () => {
    const { cache, store, advance, takeOps, prepared, settle } = setup();
    await cache.get();
    await settle();
    await store.set(ACTIVE_CAMPAIGNS_KEY, await encodeEnvelope({ generation: "0", build: "other-instance", value: { version: 7 } }), 300);
    takeOps();
    advance(1_000);
    expect(await cache.get()).toEqual({ version: 7 });
    expect(takeOps()).toEqual(["getRange+get", "mget"]);
    expect(prepared).toEqual([{ version: 1 }, { version: 7 }]);
  });

  it("reads a plain-JSON copy an older deployment wrote (rolling deploy) and keeps it while its head is unchanged", async () => {
    const { cache, store, advance, takeOps, loads } = setup();
    await store.set(ACTIVE_CAMPAIGNS_KEY, JSON.stringify({ generation: "0", build: "older-deploy", value: { version: 5 } }), 300);
    expect(await cache.get()).toEqual({ version: 5 });
    expect(loads()).toBe(0);
    takeOps();
    advance(1_000);
    expect(await cache.get()).toEqual({ version: 5 });
    expect(takeOps()).toEqual(["getRange+get"]);
    expect(loads()).toBe(0);
  });

  it("treats a damaged copy as a miss: loads from the database and writes a good one", async () => {
    const { cache, store, loads, settle } = setup();
    await store.set(ACTIVE_CAMPAIGNS_KEY, "gz1:0/damaged-build:bm90IGd6aXA=", 300);
    expect(await cache.get()).toEqual({ version: 1 });
    expect(loads()).toBe(1);
    await settle();
    expect(await decodeEnvelope(await store.get(ACTIVE_CAMPAIGNS_KEY) ?? "")).toMatchObject({ value: { version: 1 } });
  });

  it("drops a copy in parts once a part is found damaged where it is read: the database's set replaces it, here and, through Redis, on every instance", async () => {
    let clock = 1_000_000;
    const memory = new MemoryStore(() => clock);
    const store = new KeyValueStore({ kind: "memory", exec: (commands) => memory.exec(commands), ping: () => memory.ping(), close: () => memory.close() });
    await store.set(ACTIVE_CAMPAIGNS_KEY, await damagedCopy(), 300);

    let loads = 0;
    const instance = () => {
      const lines: { message: string; fields?: LogFields }[] = [];
      const work = deferredWork();
      const cache = new ActiveCampaignsCache<Listed>({
        store,
        codec,
        defer: work.defer,
        now: () => clock,
        log: { warn: (message, fields) => lines.push({ message, fields }), error: (message, fields) => lines.push({ message, fields }) },
        load: async () => {
          loads += 1;
          return listed(2, ["a", "b", "c"]);
        },
      });
      return { cache, lines, settle: work.settle };
    };
    const first = instance();
    const other = instance();
    const copy = await first.cache.get();
    expect((await other.cache.get()).version).toBe(1);
    expect([copy.version, loads]).toEqual([1, 0]);

    expect(() => copy.items()).toThrow();
    expect(() => copy.items()).toThrow();
    expect(first.lines).toEqual([
      {
        message: "The shared copy of the active set is damaged: this instance loads the set from the database and writes a new copy",
        fields: { outcome: "active_set_damaged" },
      },
    ]);
    // At once, not when the copy expires: the next read loads from the database (the copy in Redis is still the damaged one).
    const replaced = await first.cache.get();
    expect([replaced.version, loads]).toEqual([2, 1]);
    expect(replaced.items()).toEqual(["a", "b", "c"]);
    expect(await first.cache.get()).toBe(replaced);
    await first.settle();
    const rewritten = (await store.get(ACTIVE_CAMPAIGNS_KEY))!;
    expect(stampOf(rewritten.slice(0, HEAD_BYTES))).not.toBe("0/damaged-copy");
    expect((await decodeEnvelope(rewritten, codec))!.value.items()).toEqual(["a", "b", "c"]);

    // Another instance that held the damaged copy takes the new one at its next check, without the database.
    clock += 1_000;
    expect((await other.cache.get()).items()).toEqual(["a", "b", "c"]);
    expect(loads).toBe(1);
    expect(other.lines).toEqual([]);
  });

  it("keeps the set it loaded in place of a damaged copy while its slow write-back is on its way, instead of loading it again at each check", async () => {
    let clock = 1_000_000;
    const memory = new MemoryStore(() => clock);
    // Redis whose writes wait until released: ~1 MB of copy takes seconds on busy cores.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const store = new KeyValueStore({
      kind: "memory",
      exec: async (commands) => {
        if (commands.some((command) => command.op === "set")) await held;
        return memory.exec(commands);
      },
      ping: () => memory.ping(),
      close: () => memory.close(),
    });
    await memory.exec([{ op: "set", key: ACTIVE_CAMPAIGNS_KEY, value: await damagedCopy(), ttlSeconds: 300 }]);
    let loads = 0;
    const work = deferredWork();
    const cache = new ActiveCampaignsCache<Listed>({
      store,
      codec,
      defer: work.defer,
      now: () => clock,
      load: async () => {
        loads += 1;
        return listed(2, ["a", "b", "c"]);
      },
    });
    const copy = await cache.get();
    expect(() => copy.items()).toThrow();
    const replaced = await cache.get();
    expect([replaced.version, loads]).toEqual([2, 1]);

    // Checks while the write-back waits find the damaged copy still in Redis: the set stays.
    for (let check = 0; check < 3; check++) {
      clock += 1_500;
      expect(await cache.get()).toBe(replaced);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(loads).toBe(1);

    // Written: the copy in Redis is this one, and a change elsewhere (a new generation) is still seen.
    release();
    await work.settle();
    clock += 1_500;
    expect(await cache.get()).toBe(replaced);
    await memory.exec([{ op: "incrBy", key: ACTIVE_CAMPAIGNS_GENERATION_KEY, by: 1 }]);
    clock += 1_500;
    await cache.get();
    await work.settle();
    expect(loads).toBe(2);
  });

  it("logs a write-back that Redis refuses, with the size of the value and without the value", async () => {
    const memory = new MemoryStore();
    const refusing = new KeyValueStore({
      kind: "memory",
      exec: (commands) =>
        commands.some((command) => command.op === "set") ? Promise.reject(new Error("Upstash request failed: ERR max request size exceeded")) : memory.exec(commands),
      ping: () => memory.ping(),
      close: () => memory.close(),
    });
    const lines: { level: string; message: string; fields?: LogFields }[] = [];
    const work = deferredWork();
    const cache = new ActiveCampaignsCache<{ version: number }>({
      store: refusing,
      defer: work.defer,
      load: async () => ({ version: 1 }),
      log: {
        warn: (message, fields) => lines.push({ level: "warn", message, fields }),
        error: (message, fields) => lines.push({ level: "error", message, fields }),
      },
    });
    expect(await cache.get()).toEqual({ version: 1 });
    await work.settle();
    expect(lines).toEqual([
      {
        level: "warn",
        message: "active_campaigns not written to Redis: instances load the active set from the database",
        fields: { outcome: "active_set_write_failed", bytes: expect.any(Number), error: new Error("Upstash request failed: ERR max request size exceeded") },
      },
    ]);
    expect(lines[0]!.fields!.bytes).toBe(Buffer.byteLength(await encodeEnvelope({ generation: "0", build: "x".repeat(16), value: { version: 1 } })));
  });

  it("never answers from a copy checked more than the TTL ago: another instance's invalidation shows within it", async () => {
    const { cache, store, advance, setVersion, settle } = setup();
    await cache.get();
    await settle();
    advance(600);
    await cache.get(); // background check at 600 ms
    await settle();
    // Another instance pauses a campaign: generation bumped, shared copy dropped.
    setVersion(2);
    await store.exec([
      { op: "del", keys: [ACTIVE_CAMPAIGNS_KEY] },
      { op: "incrBy", key: ACTIVE_CAMPAIGNS_GENERATION_KEY, by: 1 },
    ]);
    advance(999); // 999 ms after the last check: may still answer from it
    expect(await cache.get()).toEqual({ version: 1 });
    advance(1); // the copy is 1 s old: this read waits for the database
    expect(await cache.get()).toEqual({ version: 2 });
  });

  it("a copy loaded while Redis was down is checked against the database again after the TTL", async () => {
    let clock = 0;
    let loads = 0;
    const broken = new KeyValueStore({
      kind: "redis",
      exec: () => Promise.reject(new Error("connection refused")),
      ping: () => Promise.reject(new Error("connection refused")),
      close: async () => {},
    });
    const { defer, settle } = deferredWork();
    const cache = new ActiveCampaignsCache({ store: broken, defer, now: () => clock, load: async () => ({ load: ++loads }) });
    expect(await cache.get()).toEqual({ load: 1 });
    clock += 700;
    expect(await cache.get()).toEqual({ load: 1 });
    await settle();
    expect(loads).toBe(1); // without Redis each check is a database load: not before 3/4 of the TTL
    clock += 100;
    expect(await cache.get()).toEqual({ load: 1 });
    await settle();
    expect(loads).toBe(2);
    clock += 1_000;
    expect(await cache.get()).toEqual({ load: 3 });
  });

  it("without Redis, keeps the database copy while the database's version is unchanged, reloading every 30 s regardless", async () => {
    let clock = 0;
    let loads = 0;
    let versions = 0;
    let version = "v1";
    const broken = new KeyValueStore({
      kind: "redis",
      exec: () => Promise.reject(new Error("connection refused")),
      ping: () => Promise.reject(new Error("connection refused")),
      close: async () => {},
    });
    const cache = new ActiveCampaignsCache({
      store: broken,
      defer: deferredWork().defer,
      now: () => clock,
      load: async () => ({ load: ++loads }),
      version: async () => {
        versions += 1;
        return version;
      },
    });
    expect(await cache.get()).toEqual({ load: 1 });
    clock += 1_000;
    expect(await cache.get()).toEqual({ load: 1 }); // version unchanged: no reload
    expect([loads, versions]).toEqual([1, 2]);
    version = "v2"; // someone paused a campaign
    clock += 1_000;
    expect(await cache.get()).toEqual({ load: 2 });
    clock += FULL_RELOAD_WITHOUT_REDIS_MS - 1_000;
    expect(await cache.get()).toEqual({ load: 2 });
    clock += 1_000; // 30 s after the last full load: spend and flights are read again
    expect(await cache.get()).toEqual({ load: 3 });
  });

  describe("a copy from Redis when a freshness check cannot reach Redis", () => {
    /** Two instances on one Redis that can be made unreachable, and one database whose version can change. */
    function twoInstances() {
      let clock = 0;
      let loads = 0;
      let versions = 0;
      let databaseVersion = "v1";
      let reachable = true;
      const memory = new MemoryStore(() => clock);
      const shared = new KeyValueStore({
        kind: "redis",
        exec: (commands) => (reachable ? memory.exec(commands) : Promise.reject(new Error("Redis did not answer within 50 ms"))),
        ping: () => memory.ping(),
        close: () => memory.close(),
      });
      const work = deferredWork();
      const instance = () =>
        new ActiveCampaignsCache<{ load: number; version: string }>({
          store: shared,
          defer: work.defer,
          now: () => clock,
          load: async () => ({ load: ++loads, version: databaseVersion }),
          version: async () => {
            versions += 1;
            return databaseVersion;
          },
        });
      return {
        instance,
        shared,
        advance: (ms: number) => (clock += ms),
        setReachable: (value: boolean) => (reachable = value),
        setDatabaseVersion: (value: string) => (databaseVersion = value),
        counts: () => ({ loads, versions }),
        settle: work.settle,
      };
    }

    it("keeps it after one small version query when the database is still as its writer loaded it, not a reload of the whole set", async () => {
      const { instance, advance, setReachable, counts, settle } = twoInstances();
      const writer = instance();
      await writer.get(); // loads from the database, writes the shared copy with the version's fingerprint
      await settle();
      const reader = instance();
      const copy = await reader.get(); // another instance: from Redis
      expect(counts()).toEqual({ loads: 1, versions: 1 });

      setReachable(false); // a timeout, a breaker open: the check fails
      advance(1_000);
      expect(await reader.get()).toBe(copy);
      expect(counts()).toEqual({ loads: 1, versions: 2 });
      expect(reader.snapshot()).toMatchObject({ source: "database", checkedAt: 1_000 });

      setReachable(true); // back: the head of the shared copy confirms the same copy, nothing is read in full
      advance(1_000);
      expect(await reader.get()).toBe(copy);
      expect(counts()).toEqual({ loads: 1, versions: 2 });
      expect(reader.snapshot()).toMatchObject({ source: "redis", checkedAt: 2_000 });
      expect(reader.stats()).toMatchObject({ databaseLoads: 0, versionChecks: 1 });
    });

    it("reloads once the database changed since the copy was built, even if Redis was told after the last check", async () => {
      const { instance, advance, setReachable, setDatabaseVersion, counts, settle } = twoInstances();
      await instance().get();
      await settle();
      const reader = instance();
      await reader.get();
      // A campaign is paused: the database changes; its invalidation has not reached this reader.
      setDatabaseVersion("v2");
      setReachable(false);
      advance(1_000);
      expect(await reader.get()).toEqual({ load: 2, version: "v2" });
      expect(counts()).toEqual({ loads: 2, versions: 2 }); // the version read once: it decides, and the load follows
    });

    it("reads the set in full again FULL_RELOAD_WITHOUT_REDIS_MS after it was last confirmed through Redis", async () => {
      const { instance, advance, setReachable, counts, settle } = twoInstances();
      await instance().get();
      await settle();
      const reader = instance();
      const copy = await reader.get();
      setReachable(false);
      for (let waited = 1_000; waited < FULL_RELOAD_WITHOUT_REDIS_MS; waited += 1_000) {
        advance(1_000);
        expect(await reader.get()).toBe(copy);
      }
      expect(counts().loads).toBe(1);
      advance(1_000); // spend and flights are not in the version: read again
      expect(await reader.get()).toEqual({ load: 2, version: "v1" });
    });

    it("reloads a copy whose writer recorded no version (an older deployment's), as before", async () => {
      const { instance, shared, advance, setReachable, counts } = twoInstances();
      // Written as an older deployment writes it: a 16-character build, no fingerprint.
      await shared.set(ACTIVE_CAMPAIGNS_KEY, await encodeEnvelope({ generation: "0", build: "AbCdEfGhIjKlMn-_", value: { load: 0, version: "v1" } }), 300);
      const reader = instance();
      expect(await reader.get()).toEqual({ load: 0, version: "v1" });
      setReachable(false);
      advance(1_000);
      expect(await reader.get()).toEqual({ load: 1, version: "v1" });
      expect(counts()).toEqual({ loads: 1, versions: 1 });
    });
  });
});
