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

describe("RecentEvents", () => {
  it("writes the first copy of an id, and answers later copies as duplicates without writing", async () => {
    const recent = new RecentEvents(10);
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
    const recent = new RecentEvents(10);
    const first = deferred<string>();
    let writes = 0;
    const write = () => {
      writes += 1;
      return first.promise;
    };
    const answers = [recent.once("a", write), recent.once("a", write), recent.once("a", write)];
    let settled = 0;
    for (const answer of answers) void answer.then(() => (settled += 1));
    await Promise.resolve();
    expect(settled).toBe(0);
    first.resolve("counted");
    expect(await Promise.all(answers)).toEqual(["counted", "duplicate", "duplicate"]);
    expect(writes).toBe(1);
  });

  it("remembers nothing of a failed write: its waiting copies fail with it, and the next copy writes again", async () => {
    const recent = new RecentEvents(10);
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
    const recent = new RecentEvents(2);
    const writes: string[] = [];
    const write = (id: string) => async () => {
      writes.push(id);
      return "stored";
    };
    for (const id of ["a", "b", "c"]) await recent.once(id, write(id));
    expect(recent.size).toBe(2);
    expect(await recent.once("c", write("c"))).toBe("duplicate");
    expect(await recent.once("a", write("a"))).toBe("stored");
    expect(writes).toEqual(["a", "b", "c", "a"]);
  });
});
