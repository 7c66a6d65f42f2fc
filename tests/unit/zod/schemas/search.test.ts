import { describe, expect, it } from "vitest";
import { returnSearchSchema, SEARCH_MAX_LENGTH, searchText } from "@/lib/zod/schemas/search";

describe("searchText", () => {
  it("reads the search box as typed: trimmed, the first value of a repeated parameter, bounded", () => {
    expect(searchText(undefined)).toBe("");
    expect(searchText("  Spring ")).toBe("Spring");
    expect(searchText(["first", "second"])).toBe("first");
    expect(searchText([])).toBe("");
    expect(searchText("x".repeat(500))).toHaveLength(SEARCH_MAX_LENGTH);
  });

  it("drops NUL, which PostgreSQL refuses in text", () => {
    expect(searchText("spr\u0000ing")).toBe("spring");
  });
});

describe("returnSearchSchema", () => {
  it("keeps the search to return to, trimmed; one too long or not text is dropped, not an error", () => {
    expect(returnSearchSchema.parse(" Spring ")).toBe("Spring");
    expect(returnSearchSchema.parse("x".repeat(SEARCH_MAX_LENGTH + 1))).toBeUndefined();
    expect(returnSearchSchema.parse(7)).toBeUndefined();
    expect(returnSearchSchema.parse(undefined)).toBeUndefined();
  });
});
