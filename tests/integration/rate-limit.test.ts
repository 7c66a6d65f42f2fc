import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRateLimit } from "@/lib/rate-limit/check-rate-limit";
import { databaseCounter, sharedCounter, storeCounter, type RateCounter } from "@/lib/rate-limit/rate-counter";
import { rateLimitPolicies } from "@/lib/rate-limit/policies";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { startRedis, type RedisServer } from "@/tests/support/services";

let redis: RedisServer;
let tcp: StoreHandle;
let pglite: FreshDatabase;
let postgres: FreshDatabase;

beforeAll(async () => {
  [redis, pglite, postgres] = await Promise.all([startRedis(), freshPglite(), freshPostgres()]);
  // A call that misses its deadline falls back to the in-process counter, and the counts no
  // longer add up: a deadline a busy CI machine never meets (these tests are about the counts).
  tcp = createStore({ kind: "redis", url: redis.url, timeoutMs: 10_000 }, { log: () => {} });
});

afterAll(async () => {
  await tcp?.store.close();
  await Promise.all([redis?.stop(), pglite?.close(), postgres?.close()]);
});

const memory = storeCounter(new KeyValueStore(new MemoryStore()));
const counters: { name: string; counter: () => RateCounter }[] = [
  { name: "the in-process store", counter: () => memory },
  { name: "Redis", counter: () => storeCounter(tcp.store) },
  { name: "the database (PGlite)", counter: () => databaseCounter(pglite.prisma) },
  { name: "the database (PostgreSQL)", counter: () => databaseCounter(postgres.prisma) },
];

describe.each(counters)("checkRateLimit on $name", ({ counter: store }) => {
  it("allows 10 sign-ups per client address in 10 minutes by default (SIGN_UP_LIMIT), then refuses", async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${Math.random()}`;
    const at = Date.parse("2026-06-10T12:00:00Z");
    for (let signUp = 1; signUp <= 10; signUp += 1) expect((await checkRateLimit(store(), "signUpByIp", address, at + signUp)).allowed).toBe(true);
    expect((await checkRateLimit(store(), "signUpByIp", address, at + 60_000)).allowed).toBe(false);
  });

  const { limit, windowSeconds } = rateLimitPolicies.signInByEmail;
  const start = Date.parse("2026-06-10T12:00:00Z");

  it(`allows ${limit} sign-in attempts per e-mail and window, then refuses with the time to wait`, async () => {
    const identifier = `victim-${Math.random()}@example.com`;
    for (let attempt = 1; attempt <= limit; attempt += 1) {
      expect(await checkRateLimit(store(), "signInByEmail", identifier, start + attempt)).toMatchObject({ allowed: true, remaining: limit - attempt });
    }
    const refused = await checkRateLimit(store(), "signInByEmail", identifier, start + 10_000);
    // Six attempts in this window: one more fits once two of them have faded (the estimate is
    // then 4, and the attempt makes it 5), 20 s into the next.
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: windowSeconds - 10 + windowSeconds / 3 });
    // And it does: the attempt made after exactly that wait is allowed.
    const retryAt = start + 10_000 + refused.retryAfterSeconds * 1000;
    expect((await checkRateLimit(store(), "signInByEmail", identifier, retryAt)).allowed).toBe(true);
  });

  it("tells a refused attempt a wait after which the next attempt is allowed, also while the previous window fades", async () => {
    for (const gapSeconds of [1, 5]) {
      const identifier = `retry-${gapSeconds}-${Math.random()}`;
      for (let attempt = 0; attempt < limit; attempt += 1) await checkRateLimit(store(), "signInByEmail", identifier, start - (windowSeconds - 1) * 1000 + attempt);
      const refused = await checkRateLimit(store(), "signInByEmail", identifier, start + gapSeconds * 1000);
      expect(refused.allowed).toBe(false);
      const retry = await checkRateLimit(store(), "signInByEmail", identifier, start + (gapSeconds + refused.retryAfterSeconds) * 1000);
      expect(retry.allowed, `${gapSeconds} s into the window, told to wait ${refused.retryAfterSeconds} s`).toBe(true);
    }
  });

  it("refuses a burst split across the end of one window and the start of the next", async () => {
    const identifier = `burst-${Math.random()}`;
    const lastSecond = start + (windowSeconds - 1) * 1000;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      expect((await checkRateLimit(store(), "signInByEmail", identifier, lastSecond)).allowed).toBe(true);
    }
    // A fixed window would allow five more here; the previous window still weighs 59/60.
    expect((await checkRateLimit(store(), "signInByEmail", identifier, start + windowSeconds * 1000 + 500)).allowed).toBe(false);
  });

  it("counts each identifier on its own", async () => {
    const first = `a-${Math.random()}`;
    for (let attempt = 0; attempt <= limit; attempt += 1) await checkRateLimit(store(), "signInByEmail", first, start);
    expect((await checkRateLimit(store(), "signInByEmail", `b-${Math.random()}`, start)).allowed).toBe(true);
  });

  it("allows again once the attempts have slid out of the window", async () => {
    const identifier = `c-${Math.random()}`;
    for (let attempt = 0; attempt < limit; attempt += 1) await checkRateLimit(store(), "signInByEmail", identifier, start);
    expect((await checkRateLimit(store(), "signInByEmail", identifier, start)).allowed).toBe(false);
    // Next window, half-way: the six attempts weigh 3, plus this one.
    expect((await checkRateLimit(store(), "signInByEmail", identifier, start + windowSeconds * 1500)).allowed).toBe(true);
  });
});

describe("the shared counter", () => {
  const { limit } = rateLimitPolicies.signInByEmail;

  async function attempts(counter: RateCounter, identifier: string, count: number) {
    const results = [];
    for (let attempt = 0; attempt < count; attempt += 1) results.push((await checkRateLimit(counter, "signInByEmail", identifier)).allowed);
    return results;
  }

  it("holds one limit across two instances without Redis: both count in the database", async () => {
    const noRedis = () => sharedCounter({ store: new KeyValueStore(new MemoryStore()), prisma: postgres.prisma });
    const [first, second] = [noRedis(), noRedis()];
    const identifier = `shared-${Math.random()}`;
    const results = [...(await attempts(first, identifier, 3)), ...(await attempts(second, identifier, 3))];
    expect(results).toEqual([...Array(limit).fill(true), false]);
    expect(await postgres.prisma.rateCounter.count({ where: { key: { startsWith: "ratelimit:signInByEmail:" } } })).toBeGreaterThan(0);
  });

  it("counts in the database while Redis is down, instead of letting every attempt through", async () => {
    const down = createStore({ kind: "redis", url: "redis://127.0.0.1:1", timeoutMs: 50 }, { log: () => {} });
    try {
      const identifier = `d-${Math.random()}`;
      const results = await attempts(sharedCounter({ store: down.store, prisma: pglite.prisma }), identifier, limit + 1);
      expect(results).toEqual([...Array(limit).fill(true), false]);
    } finally {
      await down.store.close();
    }
  });

  it("uses Redis when it answers, and nothing in the database", async () => {
    const identifier = `r-${Math.random()}`;
    const before = await pglite.prisma.rateCounter.count();
    const results = await attempts(sharedCounter({ store: tcp.store, prisma: pglite.prisma }), identifier, limit + 1);
    expect(results).toEqual([...Array(limit).fill(true), false]);
    expect(await pglite.prisma.rateCounter.count()).toBe(before);
  });
});
