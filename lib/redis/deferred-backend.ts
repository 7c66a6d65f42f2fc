import type { ExecOptions, StoreBackend, StoreCommand, StoreKind } from "./store";

/**
 * A backend whose code is loaded when the store is created, not when the module graph is:
 * the TCP store's ioredis costs a new instance ~30 ms of module loading, which a deployment
 * on Upstash (every Vercel one) would otherwise pay on each cold start without ever using it.
 * Loading starts at construction, so the first command waits only for what is left of it.
 */
export class DeferredBackend implements StoreBackend {
  private readonly backend: Promise<StoreBackend>;

  constructor(
    readonly kind: StoreKind,
    load: () => Promise<StoreBackend>,
  ) {
    this.backend = load();
    // A failed load rejects each call that awaits it; unawaited, it must not crash the process.
    // eslint-disable-next-line no-restricted-syntax -- only marks the rejection handled: every call awaits the load itself
    this.backend.catch(() => undefined);
  }

  async exec(commands: readonly StoreCommand[], options?: ExecOptions): Promise<unknown[]> {
    return (await this.backend).exec(commands, options);
  }

  async ping(): Promise<void> {
    return (await this.backend).ping();
  }

  async close(): Promise<void> {
    return (await this.backend).close();
  }
}
