// The group commit queue alone (lib/tracking/group-commit.ts): which items each write carries,
// and who hears of a failure. The database side is tests/integration/tracking/group-commit.test.ts.
import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/tracking/group-commit";

/** A write that records the batches it was given and finishes only when told to. */
function controlledWrite() {
  const batches: number[][] = [];
  const finishers: ((outcome: "ok" | Error) => void)[] = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push((outcome) => (outcome === "ok" ? resolve(items.map((item) => `done ${item}`)) : reject(outcome)));
    });
  /** Finishes the oldest unfinished write, then lets the queue react. */
  const finishNext = async (outcome: "ok" | Error = "ok") => {
    finishers.shift()!(outcome);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, batches, finishNext };
}

describe("GroupCommit", () => {
  it("writes a lone item at once, with no timer holding it back", async () => {
    const { write, batches, finishNext } = controlledWrite();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const result = group.submit(1);
    expect(batches).toEqual([[1]]);
    await finishNext();
    await expect(result).resolves.toBe("done 1");
  });

  it("writes what arrived during a write together in the next one, each caller getting its own result", async () => {
    const { write, batches, finishNext } = controlledWrite();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const results = [1, 2, 3, 4].map((item) => group.submit(item));
    expect(batches).toEqual([[1]]);
    expect(group.queued).toBe(3);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(["done 1", "done 2", "done 3", "done 4"]);
    expect(group.queued).toBe(0);
  });

  it("carries at most maxBatch items per write and keeps maxInFlight writes going", async () => {
    const { write, batches, finishNext } = controlledWrite();
    const group = new GroupCommit(write, { maxBatch: 3, maxInFlight: 2 });
    const results = Array.from({ length: 9 }, (_, index) => group.submit(index));
    expect(batches).toEqual([[0], [1]]);
    await finishNext();
    expect(batches).toEqual([[0], [1], [2, 3, 4]]);
    await finishNext();
    expect(batches).toEqual([[0], [1], [2, 3, 4], [5, 6, 7]]);
    await finishNext();
    await finishNext();
    expect(batches.at(-1)).toEqual([8]);
    await finishNext();
    expect(await Promise.all(results)).toHaveLength(9);
  });

  it("rejects every caller of a failing write, and only them; the queue goes on", async () => {
    const { write, batches, finishNext } = controlledWrite();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const first = group.submit(1);
    const failing = Promise.allSettled([2, 3].map((item) => group.submit(item)));
    await finishNext();
    const later = group.submit(4);
    const failure = new Error("connection lost");
    await finishNext(failure);
    expect(batches).toEqual([[1], [2, 3], [4]]);
    await finishNext();
    await expect(first).resolves.toBe("done 1");
    expect(await failing).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
    await expect(later).resolves.toBe("done 4");
  });

  it("rejects the batch when the write returns a result count that does not match", async () => {
    const group = new GroupCommit(async (items: number[]) => items.slice(1), { maxBatch: 10, maxInFlight: 1 });
    await expect(group.submit(1)).rejects.toThrow("0 results for 1 items");
  });
});
