/**
 * A logger that writes each kind of line at most once per interval: an outage produces one
 * line per message and interval, not one per request, and one message never silences another.
 */
export function throttledLog(options: { intervalMs?: number; now?: () => number; write?: (line: string) => void } = {}) {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  const write = options.write ?? ((line: string) => console.error(line));
  const last = new Map<string, number>();
  return (message: string, error?: unknown): void => {
    const at = now();
    const previous = last.get(message);
    if (previous !== undefined && at - previous < intervalMs) return;
    last.set(message, at);
    write(error === undefined ? message : `${message}: ${describeError(error)}`);
  };
}

/** The last line of an error's message (drivers put the useful part there), never a stack. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.trim().split("\n").pop() || error.name;
}
