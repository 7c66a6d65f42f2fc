/**
 * Group commit: items that arrive while a write is in flight wait for it, then are written
 * together by the next write (at most maxBatch at a time). A lone item is written at once —
 * no timer ever holds one back — so batching costs nothing when idle and grows with load:
 * under load each write carries what queued behind the previous one.
 *
 * Each caller's promise settles with its own item's result after the write that carried it
 * has finished (for a database, after the commit); a write that fails rejects every caller
 * in it. Serverless-safe: the next write starts only for callers still waiting on it, so no
 * work is left over once the last response is sent.
 */
export class GroupCommit<Item, Result> {
  private readonly queue: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private writing = 0;

  /**
   * @param write writes a batch, returning one result per item in the same order (or throws)
   * @param options.maxBatch the most items one write carries
   * @param options.maxInFlight how many writes may be in flight at once (1: strict group commit)
   */
  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly options: { maxBatch: number; maxInFlight: number },
  ) {
    if (!(options.maxBatch >= 1) || !(options.maxInFlight >= 1)) throw new Error("GroupCommit needs maxBatch ≥ 1 and maxInFlight ≥ 1");
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.startWrites();
    });
  }

  /** Items waiting for a write to carry them (for tests and diagnostics). */
  get queued(): number {
    return this.queue.length;
  }

  private startWrites(): void {
    while (this.writing < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.writing += 1;
      // writeBatch settles every caller of its batch itself; either way the next write may start.
      const done = () => {
        this.writing -= 1;
        this.startWrites();
      };
      // eslint-disable-next-line no-restricted-syntax -- settles the callers' own promises, which they await
      this.writeBatch(batch).then(done, done);
    }
  }

  private async writeBatch(batch: typeof this.queue): Promise<void> {
    let results: Result[];
    try {
      results = await this.write(batch.map((entry) => entry.item));
      if (results.length !== batch.length) throw new Error(`A group write returned ${results.length} results for ${batch.length} items`);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }
}
