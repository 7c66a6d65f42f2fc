import { describe, expect, it } from "vitest";
import { BatchingBackend } from "@/lib/redis/batching-backend";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore, type StoreBackend, type StoreCommand } from "@/lib/redis/store";

function counting(inner: StoreBackend = new MemoryStore()) {
  const trips: number[] = [];
  let failNext: Error | undefined;
  const backend: StoreBackend = {
    kind: "redis",
    exec: (commands: readonly StoreCommand[]) => {
      trips.push(commands.length);
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        return Promise.reject(error);
      }
      return inner.exec(commands);
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { backend, trips, failOnce: (error: Error) => (failNext = error) };
}

describe("BatchingBackend", () => {
  it("sends the execs of one event-loop turn in one round trip, each caller getting its own results", async () => {
    const { backend, trips } = counting();
    const store = new KeyValueStore(new BatchingBackend(backend));
    const results = await Promise.all([
      store.exec([{ op: "setIfAbsent", key: "imp:a", value: "1", ttlSeconds: 60 }]),
      store.exec([
        { op: "setIfAbsent", key: "imp:a", value: "1", ttlSeconds: 60 },
        { op: "incrBy", key: "cap", by: 2, ttlSeconds: 60 },
      ]),
      store.exec([{ op: "mget", keys: ["imp:a", "cap", "missing"] }]),
    ]);
    expect(results).toEqual([[true], [false, 2], [["1", "2", null]]]);
    expect(trips).toEqual([4]);
  });

  it("sends an exec with a deadline of its own (the whole active set) alone, and batches the rest of its turn", async () => {
    const { backend, trips } = counting();
    const store = new KeyValueStore(new BatchingBackend(backend));
    const results = await Promise.all([
      store.exec([{ op: "get", key: "a" }]),
      store.exec([{ op: "mget", keys: ["active_campaigns", "active_campaigns:generation"] }], { timeoutMs: 1_000 }),
      store.exec([{ op: "incrBy", key: "cap", by: 1 }]),
    ]);
    expect(results).toEqual([[null], [[null, null]], [1]]);
    expect(trips.sort()).toEqual([1, 2]);
  });

  it("passes a lone exec through unchanged, and later turns in trips of their own", async () => {
    const { backend, trips } = counting();
    const store = new KeyValueStore(new BatchingBackend(backend));
    expect(await store.get("x")).toBeNull();
    await store.set("x", "1");
    expect(await store.get("x")).toBe("1");
    expect(trips).toEqual([1, 1, 1]);
  });

  it("never puts more than maxCommands in one trip", async () => {
    const { backend, trips } = counting();
    const store = new KeyValueStore(new BatchingBackend(backend, 10));
    const values = await Promise.all(Array.from({ length: 25 }, (_, i) => store.incrBy("n", 1).then((n) => [i, n])));
    expect(values.map(([, n]) => n).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(trips).toEqual([10, 10, 5]);
  });

  it("rejects every exec of a failed trip with its error, and recovers on the next", async () => {
    const { backend, failOnce } = counting();
    const store = new KeyValueStore(new BatchingBackend(backend));
    failOnce(new Error("connection reset"));
    const settled = await Promise.allSettled([store.get("a"), store.get("b")]);
    expect(settled.map((s) => (s.status === "rejected" ? (s.reason as Error).message : s.value))).toEqual(["connection reset", "connection reset"]);
    expect(await store.get("a")).toBeNull();
  });
});

describe("BatchingBackend folds the reads of a trip into one MGET", () => {
  function recording() {
    const sent: StoreCommand[][] = [];
    const inner = new MemoryStore();
    const backend: StoreBackend = {
      kind: "redis",
      exec: (commands: readonly StoreCommand[]) => {
        sent.push([...commands]);
        return inner.exec(commands);
      },
      ping: () => inner.ping(),
      close: () => inner.close(),
    };
    return { backend, sent, inner: new KeyValueStore(inner) };
  }

  it("reads every key of the turn's GETs and MGETs once, in one command, each caller getting its own answers", async () => {
    const { backend, sent, inner } = recording();
    await inner.set("cap:a", "3");
    await inner.set("cap:b", "1");
    const store = new KeyValueStore(new BatchingBackend(backend));
    const results = await Promise.all([
      store.exec([{ op: "mget", keys: ["cap:a", "cap:b"] }]),
      store.exec([{ op: "mget", keys: ["cap:b", "cap:c"] }]),
      store.exec([{ op: "get", key: "cap:a" }]),
      store.exec([{ op: "getRange", key: "cap:a", start: 0, end: 0 }, { op: "get", key: "missing" }]),
      store.exec([{ op: "mget", keys: [] }]),
    ]);
    expect(results).toEqual([[["3", "1"]], [["1", null]], ["3"], ["3", null], [[]]]);
    expect(sent).toEqual([
      [
        { op: "mget", keys: ["cap:a", "cap:b", "cap:c", "missing"] },
        { op: "getRange", key: "cap:a", start: 0, end: 0 },
      ],
    ]);
  });

  it("never moves a read before a write of its key: a read after the write starts a new MGET", async () => {
    const { backend, sent } = recording();
    const store = new KeyValueStore(new BatchingBackend(backend));
    const results = await Promise.all([
      store.exec([{ op: "get", key: "k" }]),
      store.exec([{ op: "incrBy", key: "other", by: 1 }]),
      store.exec([{ op: "get", key: "other2" }]),
      store.exec([{ op: "set", key: "k", value: "new" }]),
      store.exec([{ op: "mget", keys: ["k", "other"] }]),
    ]);
    expect(results).toEqual([[null], [1], [null], [true], [["new", "1"]]]);
    expect(sent).toEqual([
      [
        { op: "mget", keys: ["k", "other2"] },
        { op: "incrBy", key: "other", by: 1 },
        { op: "set", key: "k", value: "new" },
        { op: "mget", keys: ["k", "other"] },
      ],
    ]);
  });
});
