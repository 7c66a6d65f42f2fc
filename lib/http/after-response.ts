import { after } from "next/server";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";

/**
 * Work to run after the response is sent. On serverless an instance may be frozen as soon as
 * its response is out: work that is not registered with the platform may never run. The
 * production value is afterResponse (Next's after()); tests pass one that collects the work
 * and awaits it (tests/support/deferred-work.ts), so they see that it happens.
 */
export type Defer = (work: () => Promise<unknown>) => void;

/**
 * Next's after(), for code that also runs outside a request (start-up, the breaker's probe
 * timer, scripts), where after() throws: there is no response to outlive, so the work starts
 * at once in this long-lived process and a failure is logged instead of lost.
 */
export const afterResponse: Defer = (work) => {
  try {
    after(work);
  } catch {
    // eslint-disable-next-line no-restricted-syntax -- outside a request: no response to outlive, the process keeps running
    work().catch((error: unknown) => log().error({ outcome: "background_failed", error: describeError(error) }, "Work outside a request failed"));
  }
};
