import { describe, expect, it } from "vitest";
import { PLACEMENT_SIZES, placementSchema } from "@/lib/zod/schemas/placements";

const valid = { name: "Sidebar", size: "300x250", keywords: "", floorPrice: "" };

/** The messages by field of a refused input. */
function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = placementSchema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("placementSchema", () => {
  it("turns a form into what the domain takes: pixels, keyword list, micro-units", () => {
    expect(placementSchema.parse({ name: "  Sidebar  ", size: "728x90", keywords: " Outdoor, hiking,, OUTDOOR ", floorPrice: "2.75" })).toEqual({
      name: "Sidebar",
      width: 728,
      height: 90,
      keywords: ["outdoor", "hiking"],
      floorPriceMicros: 2_750_000n,
    });
  });

  it("treats missing keywords and an empty floor as none", () => {
    expect(placementSchema.parse({ name: "Sidebar", size: "300x250" })).toEqual({ name: "Sidebar", width: 300, height: 250, keywords: [], floorPriceMicros: 0n });
  });

  it.each(PLACEMENT_SIZES)("accepts the IAB size %s", (size) => {
    const [width, height] = size.split("x").map(Number);
    expect(placementSchema.parse({ ...valid, size })).toMatchObject({ width, height });
  });

  describe("name", () => {
    it.each([
      [{ ...valid, name: "" }, "Name the placement."],
      [{ ...valid, name: "   " }, "Name the placement."],
      [{ size: "300x250" }, "Name the placement."],
      [{ ...valid, name: "x".repeat(101) }, "Keep the name under 100 characters."],
    ])("%j → %s", (input, message) => {
      expect(errorsOf(input)).toEqual({ name: [message] });
    });

    it("accepts 100 characters", () => {
      expect(placementSchema.parse({ ...valid, name: "x".repeat(100) }).name).toHaveLength(100);
    });
  });

  describe("size", () => {
    it.each([[""], ["300x251"], ["300X250"], ["1x1"], ["300 x 250"], [undefined]])("%j → one of the listed sizes", (size) => {
      expect(errorsOf({ ...valid, size })).toEqual({ size: ["Choose one of the listed sizes."] });
    });
  });

  describe("keywords", () => {
    it("refuses more than 20", () => {
      const keywords = Array.from({ length: 21 }, (_, index) => `k${index}`).join(",");
      expect(errorsOf({ ...valid, keywords })).toEqual({ keywords: ["Use at most 20 keywords."] });
    });

    it("accepts 20, counting duplicates once", () => {
      const twenty = Array.from({ length: 20 }, (_, index) => `k${index}`);
      expect(placementSchema.parse({ ...valid, keywords: [...twenty, "K0"].join(",") }).keywords).toEqual(twenty);
    });

    it("refuses a keyword over 64 characters", () => {
      expect(errorsOf({ ...valid, keywords: `ok, ${"x".repeat(65)}` })).toEqual({ keywords: ["Keep each keyword under 64 characters."] });
    });
  });

  describe("floorPrice", () => {
    it.each([
      ["abc", "Enter the floor price in dollars, e.g. 1.50."],
      ["1,50", "Enter the floor price in dollars, e.g. 1.50."],
      ["$2", "Enter the floor price in dollars, e.g. 1.50."],
      ["1e2", "Enter the floor price in dollars, e.g. 1.50."],
      ["-1", "The floor price cannot be negative."],
      ["0.0000001", "Use at most 6 decimal places."],
      ["1000.000001", "Keep the floor price at or under $1,000 CPM."],
    ])("%j → %s", (floorPrice, message) => {
      expect(errorsOf({ ...valid, floorPrice })).toEqual({ floorPrice: [message] });
    });

    it.each([
      ["", 0n],
      ["0", 0n],
      ["0.29", 290_000n],
      ["1000", 1_000_000_000n],
      ["0.000001", 1n],
    ])("%j → %s micro-units", (floorPrice, micros) => {
      expect(placementSchema.parse({ ...valid, floorPrice }).floorPriceMicros).toBe(micros);
    });
  });

  it("reports every bad field at once", () => {
    expect(errorsOf({ name: "", size: "nope", keywords: "a", floorPrice: "-3" })).toEqual({
      name: ["Name the placement."],
      size: ["Choose one of the listed sizes."],
      floorPrice: ["The floor price cannot be negative."],
    });
  });
});
