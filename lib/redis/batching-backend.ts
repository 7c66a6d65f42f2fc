import type { ExecOptions, StoreBackend, StoreCommand } from "./store";

/** Where one caller's command finds its answer in the trip's results. */
type Answer = { at: number } | { at: number; key: number } | { at: number; keys: number[] };

/** What a command writes (reads of these keys may not move before it). */
function writtenKeys(command: StoreCommand): readonly string[] {
  switch (command.op) {
    case "set":
    case "setIfAbsent":
    case "incrBy":
    case "hincrBy":
    case "hset":
    case "hdel":
      return [command.key];
    case "del":
      return command.keys;
    default:
      return [];
  }
}

/**
 * The trip for a batch: every GET and MGET of the batch folded into one MGET (a command is
 * what Upstash bills, and one MGET of many keys is one command), each key read once, at the
 * place of the first read — unless a command in between writes a key a later read wants, which
 * then starts a new MGET after that write, so every read still sees what it would have seen in
 * order. Other commands travel as they are, in order.
 */
export function planTrip(commands: readonly StoreCommand[]): { trip: StoreCommand[]; answers: Answer[] } {
  const trip: StoreCommand[] = [];
  const answers: Answer[] = [];
  let group: { at: number; keys: string[]; positions: Map<string, number> } | undefined;
  const writtenSinceGroup = new Set<string>();
  const positionOf = (key: string) => {
    let position = group!.positions.get(key);
    if (position === undefined) {
      position = group!.keys.push(key) - 1;
      group!.positions.set(key, position);
    }
    return position;
  };
  for (const command of commands) {
    if (command.op === "get" || command.op === "mget") {
      const keys = command.op === "get" ? [command.key] : command.keys;
      if (keys.length === 0) {
        answers.push({ at: -1, keys: [] }); // MGET needs a key; nothing to read
        continue;
      }
      if (!group || keys.some((key) => writtenSinceGroup.has(key))) {
        group = { at: trip.length, keys: [], positions: new Map() };
        trip.push({ op: "mget", keys: group.keys });
        writtenSinceGroup.clear();
      }
      answers.push(command.op === "get" ? { at: group.at, key: positionOf(command.key) } : { at: group.at, keys: command.keys.map(positionOf) });
      continue;
    }
    for (const key of writtenKeys(command)) writtenSinceGroup.add(key);
    answers.push({ at: trip.length });
    trip.push(command);
  }
  return { trip, answers };
}

function answerOf(results: unknown[], answer: Answer): unknown {
  const result = results[answer.at];
  if ("key" in answer) return (result as (string | null)[])[answer.key] ?? null;
  if ("keys" in answer) return answer.keys.map((position) => (result as (string | null)[])[position] ?? null);
  return result;
}

interface Pending {
  commands: readonly StoreCommand[];
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the execs issued while the event loop handles one batch of I/O into one round
 * trip (flushed on setImmediate, at most `maxCommands` per trip). Under load, many requests
 * need Redis at once — a frequency-cap read here, a frequency-cap count there — and one HTTP
 * request to Upstash (or one pipeline write over TCP) costs far less than one each. Each
 * caller still gets exactly its own results, in order; the commands are independent, so
 * batching changes no semantics. The one cost: a command that fails (a Redis error, not an
 * empty answer) fails every exec of its batch, which the callers treat as Redis being
 * unavailable for that moment (the database decides).
 *
 * Reads are folded too (planTrip): the frequency-cap reads of all the ad requests of a batch
 * and the active set's freshness check travel as one MGET, so a capped ad costs less than one
 * command when requests come together, and never more than one.
 */
export class BatchingBackend implements StoreBackend {
  private queue: Pending[] = [];
  private queuedCommands = 0;
  private scheduled = false;

  constructor(
    private readonly inner: StoreBackend,
    private readonly maxCommands = 500,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  exec(commands: readonly StoreCommand[], options: ExecOptions = {}): Promise<unknown[]> {
    // A call with a deadline of its own (a large read) travels alone: batched, it would hold
    // up the serving calls of its batch past their deadline.
    if (options.timeoutMs !== undefined) return this.inner.exec(commands);
    return new Promise((resolve, reject) => {
      if (this.queuedCommands + commands.length > this.maxCommands) this.flush();
      this.queue.push({ commands, resolve, reject });
      this.queuedCommands += commands.length;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queuedCommands = 0;
    const { trip, answers } = planTrip(batch.flatMap((pending) => pending.commands));
    // eslint-disable-next-line no-restricted-syntax -- settles the callers' own promises, which they await
    this.inner.exec(trip).then(
      (results) => {
        let offset = 0;
        for (const pending of batch) {
          pending.resolve(answers.slice(offset, offset + pending.commands.length).map((answer) => answerOf(results, answer)));
          offset += pending.commands.length;
        }
      },
      (error: unknown) => {
        for (const pending of batch) pending.reject(error);
      },
    );
  }
}
