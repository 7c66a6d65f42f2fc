import { describe, expect, it } from "vitest";
import { pageSlices } from "@/lib/campaigns/page-slices";

const counts = [
  { status: "ACTIVE", count: 3 },
  { status: "PAUSED", count: 0 },
  { status: "DRAFT", count: 5 },
  { status: "COMPLETED", count: 2 },
];

describe("pageSlices", () => {
  it("the first page: from the first status, on into the next ones", () => {
    expect(pageSlices(counts, 1, 4)).toEqual([
      { status: "ACTIVE", skip: 0, take: 3 },
      { status: "DRAFT", skip: 0, take: 1 },
    ]);
  });

  it("a later page starts where the one before ended, skipping empty statuses", () => {
    expect(pageSlices(counts, 2, 4)).toEqual([{ status: "DRAFT", skip: 1, take: 4 }]);
    expect(pageSlices(counts, 3, 4)).toEqual([{ status: "COMPLETED", skip: 0, take: 2 }]);
  });

  it("every row once over all the pages", () => {
    for (const pageSize of [1, 2, 3, 4, 7, 10, 50]) {
      const rows = Array.from({ length: Math.ceil(10 / pageSize) }, (_, index) => pageSlices(counts, index + 1, pageSize)).flatMap((slices) =>
        slices.flatMap(({ status, skip, take }) => Array.from({ length: take }, (_, n) => `${status}${skip + n}`)),
      );
      expect(rows).toEqual(["ACTIVE0", "ACTIVE1", "ACTIVE2", "DRAFT0", "DRAFT1", "DRAFT2", "DRAFT3", "DRAFT4", "COMPLETED0", "COMPLETED1"]);
    }
  });

  it("nothing past the end", () => {
    expect(pageSlices(counts, 4, 4)).toEqual([]);
    expect(pageSlices([], 1, 50)).toEqual([]);
  });
});
