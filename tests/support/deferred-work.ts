// The test value of Defer (lib/http/after-response.ts): in production Next's after() runs the
// work once the response is sent; here it is collected, and settle() runs it and waits, so a
// test can prove the work happens (and that it does not throw: after() would only log that).
import type { Defer } from "@/lib/http/after-response";

export interface DeferredWork {
  defer: Defer;
  /** Runs the collected work (and whatever it defers in turn) and waits for all of it. */
  settle: () => Promise<void>;
  /** How many pieces of work were deferred so far. */
  count: () => number;
}

export function deferredWork(): DeferredWork {
  const queue: (() => Promise<unknown>)[] = [];
  let deferred = 0;
  return {
    defer: (work) => {
      deferred += 1;
      queue.push(work);
    },
    settle: async () => {
      while (queue.length > 0) await Promise.all(queue.splice(0).map((work) => work()));
    },
    count: () => deferred,
  };
}

/**
 * For tests that do not look at the deferred work: it starts at once, as if the response had
 * been sent; a failure surfaces as the run's unhandled rejection.
 */
export const runAtOnce: Defer = (work) => {
  // Deliberately not awaited (see above): the work runs as it would after a response.
  // eslint-disable-next-line @typescript-eslint/no-floating-promises
  void work();
};

/**
 * Work that starts at once, as with runAtOnce, and is remembered: drain() waits for all of it.
 * For a test whose deferred writes must land before the next test starts (Redis flushed
 * between tests, and a slow write landing after that would be read as the next test's).
 */
export function startedWork(): { defer: Defer; drain: () => Promise<void> } {
  const running: Promise<unknown>[] = [];
  return {
    defer: (work) => {
      running.push(work());
    },
    drain: async () => {
      while (running.length > 0) await Promise.all(running.splice(0));
    },
  };
}
