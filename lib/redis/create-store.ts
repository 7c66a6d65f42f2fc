import type { RedisConfig } from "@/lib/config/env";
import { BatchingBackend } from "./batching-backend";
import { CircuitBreakerBackend } from "./circuit-breaker";
import { DeferredBackend } from "./deferred-backend";
import { MemoryStore } from "./memory-store";
import { KeyValueStore, LARGE_READ_TIMEOUT_MS } from "./store";
import { UpstashStore } from "./upstash-store";

export interface StoreHandle {
  store: KeyValueStore;
  /** Present when a real Redis is configured. */
  breaker?: CircuitBreakerBackend;
}

/**
 * The store for a configuration: Upstash REST, TCP Redis (both behind a timeout and a
 * circuit breaker) or, with nothing configured, the in-process store.
 */
export function createStore(config: RedisConfig, options: { log?: (line: string) => void } = {}): StoreHandle {
  if (config.kind === "none") return { store: new KeyValueStore(new MemoryStore()) };
  // The backend's own deadline is a backstop, long enough for the largest read; the breaker's
  // deadline (the serving one, or a large read's) is the one that counts.
  const backstopMs = Math.max(config.timeoutMs * 4, LARGE_READ_TIMEOUT_MS);
  const backend =
    config.kind === "upstash"
      ? new UpstashStore({ url: config.url, token: config.token, timeoutMs: backstopMs })
      : // ioredis is loaded only here, where it is used (see DeferredBackend).
        new DeferredBackend("redis", async () => {
          const { TcpRedisStore } = await import("./tcp-store");
          return new TcpRedisStore({ url: config.url, host: config.host, port: config.port, password: config.password, timeoutMs: backstopMs });
        });
  const breaker = new CircuitBreakerBackend(new BatchingBackend(backend), { timeoutMs: config.timeoutMs, log: options.log });
  return { store: new KeyValueStore(breaker), breaker };
}
