/**
 * The events this instance has stored lately, or is storing now, by id: a duplicate that
 * reaches the same instance is answered here, without a database statement — a page that
 * fires its beacon twice, a reload within the offer's window, a script replaying one offer.
 *
 * It can only ever say "duplicate" for an id whose write the database already confirmed (or
 * is confirming: a duplicate that arrives during the first copy's write waits for it), so the
 * database's key stays the one judge of exactly once — a duplicate this instance has not seen
 * (sent to another instance, or older than what is remembered) goes to the database as before.
 * A write that fails is not remembered: its duplicates fail with it, as they would have alone,
 * and a retry writes again.
 *
 * Bounded twice: at most `capacity` ids (~100 bytes each), and none older than `maxAgeMs`,
 * oldest forgotten first. The age bound keeps a quiet instance's memory flat (a copy sent
 * minutes later is rare, and the database still answers it); the capacity bounds a storm.
 */
export class RecentEvents {
  private readonly writing = new Map<string, Promise<unknown>>();
  /** Id → when it was stored (ms). */
  private readonly stored = new Map<string, number>();
  /**
   * The ids in the order they were stored, from `head` on (the first is the oldest), with
   * when: an entry whose time is no longer its id's in `stored` was superseded or forgotten.
   * Not the Map's own order: V8 keeps a deleted entry's slot until the table is rebuilt, so
   * walking a Map from its front after deleting there steps over every earlier deletion —
   * ~10,000 slots per stored event at capacity.
   */
  private ids: string[] = [];
  private times: number[] = [];
  private head = 0;
  private readonly now: () => number;

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs: number,
    options: { now?: () => number } = {},
  ) {
    if (!(capacity >= 1)) throw new Error("RecentEvents needs a capacity ≥ 1");
    if (!(maxAgeMs > 0)) throw new Error("RecentEvents needs a maximum age > 0");
    this.now = options.now ?? Date.now;
  }

  /**
   * `write()`'s result for the first copy of `id` this instance sees; "duplicate" — without
   * calling `write` — for a copy whose first this instance stored, or is storing (once stored).
   */
  async once<Result>(id: string, write: () => Promise<Result>): Promise<Result | "duplicate"> {
    const storedAt = this.stored.get(id);
    if (storedAt !== undefined && this.now() - storedAt <= this.maxAgeMs) return "duplicate";
    const inFlight = this.writing.get(id);
    if (inFlight) {
      await inFlight;
      return "duplicate";
    }
    const written = write();
    this.writing.set(id, written);
    try {
      const result = await written;
      this.remember(id);
      return result;
    } finally {
      this.writing.delete(id);
    }
  }

  /** Ids remembered as stored (for tests and diagnostics); those past their age go at the next write. */
  get size(): number {
    return this.stored.size;
  }

  private remember(id: string): void {
    const now = this.now();
    this.stored.set(id, now); // re-stored (it had aged out): its older entry is skipped below
    this.ids.push(id);
    this.times.push(now);
    // Drop from the front, oldest first: what is past the capacity or the age, and superseded entries.
    while (this.head < this.ids.length) {
      const oldest = this.ids[this.head]!;
      const storedAt = this.times[this.head]!;
      const current = this.stored.get(oldest) === storedAt;
      if (current && this.stored.size <= this.capacity && now - storedAt <= this.maxAgeMs) break;
      if (current) this.stored.delete(oldest);
      this.head += 1;
    }
    // Give the dropped front back once it is most of the arrays.
    if (this.head >= 1_024 && this.head * 2 >= this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
