// The placement picker's search (components/campaigns/placement-search.ts): what typed words
// find, and the grouping by site the results are shown in.
import { describe, expect, it } from "vitest";
import { groupBySite, matchesPlacement } from "@/components/campaigns/placement-search";
import type { PlacementOption } from "@/lib/campaigns/list-placement-options";

const placement = (id: string, siteName: string, name: string, size: string, domain: string): PlacementOption => ({ id, name, siteName, domain, size, offered: true });

const leaderboard = placement("a", "Trailhead Daily", "Top leaderboard", "728x90", "trailhead.example");
const sidebar = placement("b", "Trailhead Daily", "Sidebar", "300x250", "trailhead.example");
const gazette = placement("c", "Other Gazette", "Article slot", "300x250", "gazette.example");

describe("matchesPlacement", () => {
  it.each([
    ["the site's name, in any case", "TRAILHEAD daily"],
    ["the placement's name", "leader"],
    ["the size as stored", "728x90"],
    ["the size as shown", "728×90"],
    ["the domain", "trailhead.example"],
    ["every word, each anywhere", "trailhead 728"],
  ])("finds a placement by %s", (_what, query) => {
    expect(matchesPlacement(leaderboard, query)).toBe(true);
  });

  it("needs every word to match", () => {
    expect(matchesPlacement(leaderboard, "trailhead 300x250")).toBe(false);
  });

  it("matches everything on an empty or blank query", () => {
    expect(matchesPlacement(gazette, "   ")).toBe(true);
  });
});

describe("groupBySite", () => {
  it("groups placements by site in the order given", () => {
    expect(groupBySite([leaderboard, sidebar, gazette])).toEqual([
      { siteName: "Trailhead Daily", domain: "trailhead.example", placements: [leaderboard, sidebar] },
      { siteName: "Other Gazette", domain: "gazette.example", placements: [gazette] },
    ]);
  });
});
