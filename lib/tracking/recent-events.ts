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
 * Bounded: the most recent `capacity` ids, oldest forgotten first (~100 bytes each).
 */
export class RecentEvents {
  private readonly writing = new Map<string, Promise<unknown>>();
  private readonly stored = new Set<string>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error("RecentEvents needs a capacity ≥ 1");
  }

  /**
   * `write()`'s result for the first copy of `id` this instance sees; "duplicate" — without
   * calling `write` — for a copy whose first this instance stored, or is storing (once stored).
   */
  async once<Result>(id: string, write: () => Promise<Result>): Promise<Result | "duplicate"> {
    if (this.stored.has(id)) return "duplicate";
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

  /** Ids remembered as stored (for tests and diagnostics). */
  get size(): number {
    return this.stored.size;
  }

  private remember(id: string): void {
    this.stored.add(id);
    if (this.stored.size > this.capacity) {
      // A Set iterates in insertion order: the first is the oldest.
      for (const oldest of this.stored) {
        this.stored.delete(oldest);
        break;
      }
    }
  }
}
