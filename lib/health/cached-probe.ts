export type ProbeOutcome = "ok" | "down";

export interface CachedProbeOptions {
  /** How long an answer is reused: at most one probe per this interval, however many callers ask. */
  freshMs: number;
  /** Longest a caller waits for the probe; a probe still running then counts as "down". */
  deadlineMs: number;
  now?: () => number;
}

/**
 * A probe that a storm of health checks cannot multiply. Callers share one answer for
 * `freshMs`, and one probe at a time: while a probe is running — even one past its deadline,
 * e.g. a query to a frozen database that holds a pool connection until the driver gives up —
 * callers wait on it (or answer "down" once its deadline has passed) instead of starting
 * another. So a load balancer probing every instance every second, or anyone hammering the
 * public URL, costs the database at most one `SELECT 1` per `freshMs` per instance, and never
 * more than one pool connection.
 */
export function cachedProbe(probe: () => Promise<unknown>, options: CachedProbeOptions): () => Promise<ProbeOutcome> {
  const now = options.now ?? Date.now;
  let last: { outcome: ProbeOutcome; at: number } | undefined;
  let running: { outcome: Promise<ProbeOutcome>; startedAt: number } | undefined;

  return async () => {
    const startedAt = now();
    if (last && startedAt - last.at < options.freshMs) return last.outcome;
    if (!running) {
      const settle = (outcome: ProbeOutcome): ProbeOutcome => {
        last = { outcome, at: now() };
        running = undefined;
        return outcome;
      };
      running = {
        outcome: probe().then(
          () => settle("ok"),
          () => settle("down"),
        ),
        startedAt,
      };
    }
    const remainingMs = running.startedAt + options.deadlineMs - startedAt;
    const outcome = remainingMs > 0 ? await withDeadline(running.outcome, remainingMs) : "down";
    // Past the deadline: "down" until the probe answers (or the next one does).
    if (outcome === "down" && running !== undefined) last = { outcome, at: now() };
    return outcome;
  };
}

function withDeadline(outcome: Promise<ProbeOutcome>, ms: number): Promise<ProbeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve("down"), ms);
    timer.unref?.();
  });
  return Promise.race([outcome, deadline]).finally(() => clearTimeout(timer));
}
