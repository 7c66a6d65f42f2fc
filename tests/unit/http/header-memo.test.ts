import { describe, expect, it } from "vitest";
import { MEMO_VALUE_LENGTH, memoByValue } from "@/lib/http/header-memo";

describe("memoByValue", () => {
  it("reads a value once and answers again from memory, undefined included", () => {
    const reads: string[] = [];
    const memo = memoByValue((value) => {
      reads.push(value);
      return value === "none" ? undefined : value.length;
    }, 10);
    expect([memo("abc"), memo("abc"), memo("none"), memo("none"), memo("abcd")]).toEqual([3, 3, undefined, undefined, 4]);
    expect(reads).toEqual(["abc", "none", "abcd"]);
    expect(memo.size).toBe(3);
  });

  it("keeps at most `size` values, starting over when full, and still answers every value right", () => {
    let reads = 0;
    const memo = memoByValue((value) => {
      reads += 1;
      return value.toUpperCase();
    }, 5);
    for (let i = 0; i < 23; i++) {
      expect(memo(`value ${i}`)).toBe(`VALUE ${i}`);
      expect(memo.size).toBeLessThanOrEqual(5);
    }
    expect(reads).toBe(23);
    expect(memo("value 22")).toBe("VALUE 22");
    expect(reads).toBe(23);
  });

  it("does not keep a value longer than MEMO_VALUE_LENGTH: it is read every time", () => {
    let reads = 0;
    const memo = memoByValue((value) => {
      reads += 1;
      return value.length;
    }, 5);
    const long = "x".repeat(MEMO_VALUE_LENGTH + 1);
    expect(memo(long)).toBe(MEMO_VALUE_LENGTH + 1);
    expect(memo(long)).toBe(MEMO_VALUE_LENGTH + 1);
    expect(reads).toBe(2);
    expect(memo.size).toBe(0);
  });
});
