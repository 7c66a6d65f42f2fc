// The publisher report's placement filter on both databases, as the campaign filter works: every
// placement up to the limit; past it, the newest, or the newest whose name, site name or site
// domain contains the search (LIKE's wildcards as typed), and always the chosen placement —
// never another organisation's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publisherPlacementFilterOptions } from "@/lib/reports/publisher-report";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const LIMIT = 5;
const ORG = "org-placements";
const SMALL_ORG = "org-placements-small";
const OTHER_ORG = "org-placements-other";

/** Placement `minute` of a site, created that many minutes after the first: the higher, the newer. */
function placement(siteId: string, id: string, name: string, minute: number) {
  return { id, siteId, name, width: 300, height: 250, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) };
}

describe.each(BOTH_DATABASES)("the report's placement options on $name", ({ open }) => {
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await open();
    for (const id of [ORG, SMALL_ORG, OTHER_ORG]) await db.prisma.organization.create({ data: { id, name: id, kind: "PUBLISHER" } });
    await db.prisma.site.createMany({
      data: [
        { id: "s-trail", organizationId: ORG, name: "Trail News", domain: "trail.example" },
        { id: "s-river", organizationId: ORG, name: "River Daily", domain: "river.example" },
        { id: "s-small", organizationId: SMALL_ORG, name: "Small", domain: "small.example" },
        { id: "s-other", organizationId: OTHER_ORG, name: "Trail elsewhere", domain: "trail.other.example" },
      ],
    });
    // Nine placements: four on Trail News (the oldest), four on River Daily, then "100%_top" the newest.
    await db.prisma.placement.createMany({
      data: [
        ...[1, 2, 3, 4].map((n) => placement("s-trail", `p-trail-${n}`, `Sidebar ${n}`, n)),
        ...[5, 6, 7, 8].map((n) => placement("s-river", `p-river-${n}`, `Banner ${n}`, n)),
        placement("s-river", "p-percent", "100%_top", 9),
        placement("s-small", "p-small-b", "Beta", 1),
        placement("s-small", "p-small-a", "Alpha", 2),
        placement("s-other", "p-other", "Sidebar elsewhere", 10),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  const names = (options: { name: string }[]) => options.map((option) => option.name);

  it("lists every placement by site and name up to the limit, whatever the search", async () => {
    const result = await publisherPlacementFilterOptions(db.prisma, SMALL_ORG, { limit: LIMIT, search: "zzz" });
    expect(result).toEqual({
      options: [
        { id: "p-small-a", name: "Alpha", siteId: "s-small", siteName: "Small", siteDomain: "small.example" },
        { id: "p-small-b", name: "Beta", siteId: "s-small", siteName: "Small", siteDomain: "small.example" },
      ],
      total: 2,
      matching: null,
    });
  });

  it("past the limit, lists the newest by site and name and counts them all", async () => {
    const result = await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT });
    expect(names(result.options)).toEqual(["100%_top", "Banner 5", "Banner 6", "Banner 7", "Banner 8"]);
    expect(result).toMatchObject({ total: 9, matching: null });
  });

  it("narrows to the placements whose name, site name or domain contains the search, in any case, wildcards as typed", async () => {
    expect(await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "  sIDEbar " })).toMatchObject({ total: 9, matching: 4 });
    expect(names((await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "trail news" })).options)).toEqual(["Sidebar 1", "Sidebar 2", "Sidebar 3", "Sidebar 4"]);
    expect(names((await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "trail.example" })).options)).toEqual(["Sidebar 1", "Sidebar 2", "Sidebar 3", "Sidebar 4"]);
    expect(names((await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "0%_" })).options)).toEqual(["100%_top"]);
    expect(await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "S%r" })).toMatchObject({ options: [], matching: 0 });
  });

  it("keeps the newest matches when more than the limit match", async () => {
    // River Daily's five placements (its name has an "r"), and Trail News's four: the three newest.
    const result = await publisherPlacementFilterOptions(db.prisma, ORG, { limit: 3, search: "r" });
    expect(names(result.options)).toEqual(["100%_top", "Banner 7", "Banner 8"]);
    expect(result.matching).toBe(9);
  });

  it("always lists the chosen placement, and never another organisation's", async () => {
    const chosen = await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "banner", chosenId: "p-trail-2" });
    expect(names(chosen.options)).toEqual(["Banner 5", "Banner 6", "Banner 7", "Banner 8", "Sidebar 2"]);
    const foreign = await publisherPlacementFilterOptions(db.prisma, ORG, { limit: LIMIT, search: "trail", chosenId: "p-other" });
    expect(names(foreign.options)).toEqual(["Sidebar 1", "Sidebar 2", "Sidebar 3", "Sidebar 4"]);
  });
});
