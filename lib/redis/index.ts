import { env } from "@/lib/config/env";
import { createStore, type StoreHandle } from "./create-store";

const globalForStore = globalThis as unknown as { marqueeStore?: StoreHandle };

export function storeHandle(): StoreHandle {
  if (!globalForStore.marqueeStore) {
    globalForStore.marqueeStore = createStore(env().redis);
    // Ask once at start-up so the log says straight away whether Redis is usable
    // (a wrong token or password shows here, not on the first ad request).
    // eslint-disable-next-line no-restricted-syntax -- start-up, not a request's work; the breaker logs the outcome
    globalForStore.marqueeStore.store.ping().catch(() => {});
  }
  return globalForStore.marqueeStore;
}

/** The process's key-value store: Redis when configured, in-process otherwise. */
export function store() {
  return storeHandle().store;
}
