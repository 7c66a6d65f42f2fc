import type { RedisConfig } from "@/lib/config/env";
import { BatchingBackend } from "./batching-backend";
import { CircuitBreakerBackend } from "./circuit-breaker";
import { MemoryStore } from "./memory-store";
import { KeyValueStore } from "./store";
import { TcpRedisStore } from "./tcp-store";
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
  // The backend's own deadline is a backstop; the breaker's deadline is the one that counts.
  const backend =
    config.kind === "upstash"
      ? new UpstashStore({ url: config.url, token: config.token, timeoutMs: Math.max(config.timeoutMs * 4, 1_000) })
      : new TcpRedisStore({ url: config.url, host: config.host, port: config.port, password: config.password, timeoutMs: Math.max(config.timeoutMs * 4, 1_000) });
  const breaker = new CircuitBreakerBackend(new BatchingBackend(backend), { timeoutMs: config.timeoutMs, log: options.log });
  return { store: new KeyValueStore(breaker), breaker };
}
