import { describe, expect, it } from "vitest";
import { filterSearchHint } from "@/lib/reports/filter-search";

// The hint beside a report filter's search, in the words of the thing listed.
describe("filterSearchHint", () => {
  const placements = { noun: "placement", list: "Placement", field: "name or site" };

  it.each([
    [{ total: 2_500, find: "", matching: null }, "The Placement list holds the 100 newest of 2,500 placements. Type part of a name or site and press Show report to list those that match."],
    [{ total: 2_500, find: "zz", matching: 0 }, "No placement’s name or site contains “zz”."],
    [{ total: 2_500, find: "top", matching: 1 }, "1 placement matches “top”: the Placement list holds it."],
    [{ total: 2_500, find: "side", matching: 40 }, "40 placements match “side”: the Placement list holds them."],
    [{ total: 2_500, find: "a", matching: 1_200 }, "1,200 placements match “a”: the Placement list holds the 100 newest. Type more of the name or site to narrow it."],
  ])("%j → %s", (state, hint) => {
    expect(filterSearchHint(state, placements)).toBe(hint);
  });

  it("says the campaign filter's as it always has", () => {
    expect(filterSearchHint({ total: 101, find: "", matching: null }, { noun: "campaign", list: "Campaign", field: "name" })).toBe(
      "The Campaign list holds the 100 newest of 101 campaigns. Type part of a name and press Show report to list those that match.",
    );
  });
});
