import { describe, expect, it } from "vitest";
import {
  ACTIVE_CAMPAIGNS_GENERATION_KEY,
  ACTIVE_CAMPAIGNS_KEY,
  ActiveCampaignsCache,
} from "@/lib/cache/active-campaigns-cache";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";

function setup(options: { localTtlMs?: number } = {}) {
  let clock = 1_000_000;
  let version = 1;
  let loads = 0;
  const store = new KeyValueStore(new MemoryStore(() => clock));
  const cache = new ActiveCampaignsCache<{ version: number }>({
    store,
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
  };
}

describe("ActiveCampaignsCache", () => {
  it("loads from the database on a cold cache and writes active_campaigns with a 300 s TTL", async () => {
    const { cache, store, loads } = setup();
    expect(await cache.get()).toEqual({ version: 1 });
    expect(loads()).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    const raw = await store.get(ACTIVE_CAMPAIGNS_KEY);
    expect(JSON.parse(raw!)).toEqual({ generation: "0", value: { version: 1 } });
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
    const { cache, advance, loads } = setup();
    await cache.get();
    await new Promise((resolve) => setImmediate(resolve));
    advance(1_000);
    await cache.get();
    expect(loads()).toBe(1);
    expect(cache.stats()).toMatchObject({ redisHits: 1, databaseLoads: 1 });
  });

  it("goes back to the database once active_campaigns expires after 300 s", async () => {
    const { cache, advance, setVersion, loads } = setup();
    await cache.get();
    await new Promise((resolve) => setImmediate(resolve));
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
    const { cache, store, setVersion } = setup();
    await cache.get();
    await new Promise((resolve) => setImmediate(resolve));
    setVersion(2);
    await cache.invalidate();
    expect(await store.get(ACTIVE_CAMPAIGNS_KEY)).toBeNull();
    expect(await store.get(ACTIVE_CAMPAIGNS_GENERATION_KEY)).toBe("1");
    expect(await cache.get()).toEqual({ version: 2 });
  });

  it("ignores a set written back under an older generation (a load that raced an invalidation)", async () => {
    const { cache, store, setVersion, advance, loads } = setup();
    await store.set(ACTIVE_CAMPAIGNS_KEY, JSON.stringify({ generation: "0", value: { version: 1 } }), 300);
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
});
