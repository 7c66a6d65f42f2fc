import type { Logger } from "pino";
import { log } from "./logger";

/** What a line may carry besides its message; `error` is written as its description (describeError). */
export type LogFields = { outcome?: string; error?: unknown } & Record<string, unknown>;

/** The lines an operator acts on: warn (degraded, nothing lost), error (something failed). */
export interface ProblemLog {
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * A log that writes each message at most once per interval: an outage produces one line per
 * message and interval, not one per request, and one message never silences another. The next
 * line after a quiet interval says how many were left out (`suppressed`).
 */
export function throttledLog(options: { intervalMs?: number; now?: () => number; logger?: () => Logger } = {}): ProblemLog {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? log;
  const last = new Map<string, { at: number; suppressed: number }>();
  const write = (level: "warn" | "error", message: string, fields: LogFields = {}): void => {
    const at = now();
    const previous = last.get(message);
    if (previous !== undefined && at - previous.at < intervalMs) {
      previous.suppressed += 1;
      return;
    }
    last.set(message, { at, suppressed: 0 });
    const { error, ...rest } = fields;
    const line: Record<string, unknown> = rest;
    if (error !== undefined) line.error = describeError(error);
    if (previous?.suppressed) line.suppressed = previous.suppressed;
    logger()[level](line, message);
  };
  return { warn: (message, fields) => write("warn", message, fields), error: (message, fields) => write("error", message, fields) };
}

/** A ProblemLog whose lines also carry these fields (a request's id, route and latency). */
export function withFields(log: ProblemLog, fields: () => LogFields): ProblemLog {
  return {
    warn: (message, more) => log.warn(message, { ...fields(), ...more }),
    error: (message, more) => log.error(message, { ...fields(), ...more }),
  };
}

/**
 * The last line of an error's message (drivers put the useful part there), never a stack, and
 * never the credentials of a URL in it (a driver may name the server it could not reach).
 */
export function describeError(error: unknown): string {
  return withoutCredentials(error instanceof Error ? error.message.trim().split("\n").pop() || error.name : String(error));
}

/** Text with the user and password of every URL in it replaced (scheme://[redacted]@host). */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1[redacted]@");
}
