// The report's campaign filter on both databases: every campaign up to the limit; past it, the
// newest, or the newest whose name contains the search (LIKE's wildcards as typed), and always
// the chosen campaign — never another organisation's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advertiserCampaignOptions } from "@/lib/reports/advertiser-report";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const LIMIT = 5;
const ORG = "org-options";
const SMALL_ORG = "org-options-small";
const OTHER_ORG = "org-options-other";

/** Campaign `n` of an organisation, created n minutes after the first: the higher, the newer. */
function campaign(organizationId: string, id: string, name: string, minute: number) {
  return {
    id,
    organizationId,
    name,
    startsAt: new Date("2026-01-01T00:00:00Z"),
    priceMicros: 2_500_000n,
    totalBudgetMicros: 100_000_000n,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  };
}

describe.each(BOTH_DATABASES)("the report's campaign options on $name", ({ open }) => {
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await open();
    for (const [id, kind] of [
      [ORG, "ADVERTISER"],
      [SMALL_ORG, "ADVERTISER"],
      [OTHER_ORG, "ADVERTISER"],
    ] as const) {
      await db.prisma.organization.create({ data: { id, name: id, kind } });
    }
    // Nine campaigns: "Spring 1"…"Spring 4" the oldest, then "Summer 5"…"Summer 8", and "100%_off" the newest.
    await db.prisma.campaign.createMany({
      data: [
        ...[1, 2, 3, 4].map((n) => campaign(ORG, `c-spring-${n}`, `Spring ${n}`, n)),
        ...[5, 6, 7, 8].map((n) => campaign(ORG, `c-summer-${n}`, `Summer ${n}`, n)),
        campaign(ORG, "c-percent", "100%_off", 9),
        campaign(SMALL_ORG, "c-small-b", "Beta", 1),
        campaign(SMALL_ORG, "c-small-a", "Alpha", 2),
        campaign(OTHER_ORG, "c-other", "Spring elsewhere", 10),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  const names = (options: { name: string }[]) => options.map((option) => option.name);

  it("lists every campaign by name up to the limit, whatever the search", async () => {
    const result = await advertiserCampaignOptions(db.prisma, SMALL_ORG, { limit: LIMIT, search: "zzz" });
    expect(result).toEqual({ options: [{ id: "c-small-a", name: "Alpha" }, { id: "c-small-b", name: "Beta" }], total: 2, matching: null });
  });

  it("past the limit, lists the newest by name and counts them all", async () => {
    const result = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT });
    expect(names(result.options)).toEqual(["100%_off", "Summer 5", "Summer 6", "Summer 7", "Summer 8"]);
    expect(result.total).toBe(9);
    expect(result.matching).toBeNull();
  });

  it("narrows to the names that contain the search, in any case, wildcards as typed", async () => {
    const spring = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, search: "  sPRing " });
    expect(names(spring.options)).toEqual(["Spring 1", "Spring 2", "Spring 3", "Spring 4"]);
    expect(spring.matching).toBe(4);
    expect(spring.total).toBe(9);

    const percent = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, search: "0%_" });
    expect(names(percent.options)).toEqual(["100%_off"]);
    const wildcard = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, search: "S%r" });
    expect(wildcard).toMatchObject({ options: [], matching: 0 });
  });

  it("keeps the newest matches when more than the limit match", async () => {
    const result = await advertiserCampaignOptions(db.prisma, ORG, { limit: 3, search: "s" });
    // Every campaign but "100%_off" has an s: the three newest of those eight.
    expect(names(result.options)).toEqual(["Summer 6", "Summer 7", "Summer 8"]);
    expect(result.matching).toBe(8);
  });

  it("always lists the chosen campaign, and never another organisation's", async () => {
    const chosen = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, search: "summer", chosenId: "c-spring-2" });
    expect(names(chosen.options)).toEqual(["Spring 2", "Summer 5", "Summer 6", "Summer 7", "Summer 8"]);
    const listed = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, chosenId: "c-summer-6" });
    expect(names(listed.options)).toEqual(["100%_off", "Summer 5", "Summer 6", "Summer 7", "Summer 8"]);
    const foreign = await advertiserCampaignOptions(db.prisma, ORG, { limit: LIMIT, search: "spring", chosenId: "c-other" });
    expect(names(foreign.options)).toEqual(["Spring 1", "Spring 2", "Spring 3", "Spring 4"]);
  });
});
