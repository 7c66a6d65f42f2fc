import { describe, expect, it } from "vitest";
import { RecentEvents } from "@/lib/tracking/recent-events";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** A writer per id that stores at once and records which ids it was asked to write. */
const recordingWriter = () => {
  const writes: string[] = [];
  const write = (id: string) => async () => {
    writes.push(id);
    return "stored";
  };
  return { writes, write };
};

describe("RecentEvents", () => {
  it("writes the first copy of an id, and answers later copies as duplicates without writing", async () => {
    const recent = new RecentEvents(10, 60_000);
    let writes = 0;
    const write = async () => {
      writes += 1;
      return "counted";
    };
    expect(await recent.once("a", write)).toBe("counted");
    expect(await recent.once("a", write)).toBe("duplicate");
    expect(await recent.once("b", write)).toBe("counted");
    expect(writes).toBe(2);
  });

  it("makes copies that arrive during the first one's write wait for it, then answers them as duplicates", async () => {
    const recent = new RecentEvents(10, 60_000);
    const first = deferred<string>();
    let writes = 0;
    const write = () => {
      writes += 1;
      return first.promise;
    };
    const answers = [recent.once("a", write), recent.once("a", write), recent.once("a", write)];
    let settled = 0;
    // Counts settlements only; the answers themselves are awaited below.
    // eslint-disable-next-line @typescript-eslint/no-floating-promises
    for (const answer of answers) void answer.then(() => (settled += 1));
    await Promise.resolve();
    expect(settled).toBe(0);
    first.resolve("counted");
    expect(await Promise.all(answers)).toEqual(["counted", "duplicate", "duplicate"]);
    expect(writes).toBe(1);
  });

  it("remembers nothing of a failed write: its waiting copies fail with it, and the next copy writes again", async () => {
    const recent = new RecentEvents(10, 60_000);
    const first = deferred<string>();
    const failing = recent.once("a", () => first.promise);
    const waiting = recent.once("a", () => Promise.resolve("never called"));
    first.reject(new Error("database down"));
    await expect(failing).rejects.toThrow("database down");
    await expect(waiting).rejects.toThrow("database down");
    expect(recent.size).toBe(0);
    expect(await recent.once("a", async () => "counted")).toBe("counted");
  });

  it("forgets the oldest id past its capacity: that id's copies go to the writer again", async () => {
    const recent = new RecentEvents(2, 60_000);
    const { writes, write } = recordingWriter();
    for (const id of ["a", "b", "c"]) await recent.once(id, write(id));
    expect(recent.size).toBe(2);
    expect(await recent.once("c", write("c"))).toBe("duplicate");
    expect(await recent.once("a", write("a"))).toBe("stored");
    expect(writes).toEqual(["a", "b", "c", "a"]);
  });

  it("forgets ids older than its maximum age: their copies go to the writer again, and the set stops growing at a steady rate", async () => {
    let now = 0;
    const recent = new RecentEvents(1_000, 60_000, { now: () => now });
    const { writes, write } = recordingWriter();
    await recent.once("a", write("a"));
    now = 60_000;
    expect(await recent.once("a", write("a"))).toBe("duplicate");
    now = 60_001;
    expect(await recent.once("a", write("a"))).toBe("stored");
    expect(writes).toEqual(["a", "a"]);
    // One new id a second for five minutes: never more than the last minute's (61) are kept.
    let largest = 0;
    for (let second = 0; second < 300; second += 1) {
      now = 120_000 + second * 1_000;
      await recent.once(`id-${second}`, write(`id-${second}`));
      largest = Math.max(largest, recent.size);
    }
    expect(largest).toBeLessThanOrEqual(61);
    expect(await recent.once("id-299", write("again"))).toBe("duplicate");
    expect(await recent.once("id-200", write("id-200"))).toBe("stored");
  });

  it("keeps an id stored again after it aged out for its new age, and still forgets by capacity in the order of storing", async () => {
    let now = 0;
    const recent = new RecentEvents(3, 60_000, { now: () => now });
    const { writes, write } = recordingWriter();
    await recent.once("a", write("a"));
    now = 60_001;
    await recent.once("a", write("a")); // aged out: written again, remembered from now on
    now = 60_002;
    await recent.once("b", write("b")); // the front is a's first entry: superseded, not a reason to forget a
    now = 100_000;
    expect(await recent.once("a", write("a"))).toBe("duplicate");
    await recent.once("c", write("c"));
    await recent.once("d", write("d")); // past the capacity: a (stored at 60,001) goes first
    expect(recent.size).toBe(3);
    expect(await recent.once("b", write("b"))).toBe("duplicate");
    expect(await recent.once("a", write("a"))).toBe("stored");
    expect(writes).toEqual(["a", "a", "b", "c", "d", "a"]);
  });
});
