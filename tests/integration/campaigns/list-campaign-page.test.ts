// The campaign list a page at a time (listCampaignPage), on both databases: every campaign of
// a view once, in the list's order, across pages; a search of names that matches what was
// typed, LIKE's wildcards included; counts of rows, never of another organisation's. And the
// dashboard over the same organisation, which summarises only the campaigns that can serve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAdvertiserOverview } from "@/lib/campaigns/get-advertiser-overview";
import { CAMPAIGN_LIST_ORDER, listCampaignPage, listCampaigns, type CampaignPage } from "@/lib/campaigns/list-campaigns";
import type { CampaignStatus } from "@/lib/model/enums";
import { campaignListQuerySchema, type CampaignListQuery } from "@/lib/zod/schemas/campaigns";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const ORG = "test-org-many";
const OTHER_ORG = "test-org-neighbour";
const PAGE_SIZE = 4;
const NOW = new Date("2026-06-01T12:00:00Z");

interface Row {
  id: string;
  name: string;
  status: CampaignStatus;
  createdAt: Date;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

/**
 * 26 campaigns in every status. Several share a createdAt (the id decides between them), and
 * creation order is not status order, so only the list's own ordering puts them right.
 */
const rows: Row[] = [
  ...Array.from({ length: 21 }, (_, n): Row => ({
    id: `c${String(n).padStart(2, "0")}`,
    name: `Campaign ${n}`,
    status: (["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"] as const)[n % 4]!,
    createdAt: day(n % 5),
  })),
  // LIKE's wildcards and escape character in names, and names they would match if unescaped.
  { id: "w1", name: "100% off_sale", status: "ACTIVE", createdAt: day(9) },
  { id: "w2", name: "100X offXsale", status: "ACTIVE", createdAt: day(9) },
  { id: "w3", name: "Back\\slash", status: "PAUSED", createdAt: day(9) },
  { id: "a1", name: "Old SALE", status: "ARCHIVED", createdAt: day(1) },
  { id: "a2", name: "Older campaign", status: "ARCHIVED", createdAt: day(1) },
];

const rank = (status: CampaignStatus) => CAMPAIGN_LIST_ORDER.indexOf(status);
/** The list's order written out: status order, newest first, then by id. */
const expectedOrder = (subset: Row[]) =>
  [...subset]
    .sort((a, b) => rank(a.status) - rank(b.status) || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.id);
const current = rows.filter((row) => row.status !== "ARCHIVED");
const archived = rows.filter((row) => row.status === "ARCHIVED");

const query = (fields: Partial<CampaignListQuery> = {}): CampaignListQuery => ({ ...campaignListQuerySchema.parse({}), ...fields });

describe.each(BOTH_DATABASES)("listCampaignPage on $name", ({ open }) => {
  let database: FreshDatabase;
  const page = (fields: Partial<CampaignListQuery>, organizationId = ORG): Promise<CampaignPage> =>
    listCampaignPage(organizationId, query(fields), { prisma: database.prisma }, NOW, PAGE_SIZE);
  /** Every page of a query, from the first until one has no next. */
  async function allPages(fields: Partial<CampaignListQuery>): Promise<string[][]> {
    const pages: string[][] = [];
    for (let number = 1; ; number += 1) {
      const { campaigns, total } = await page({ ...fields, page: number });
      pages.push(campaigns.map((campaign) => campaign.id));
      if (number * PAGE_SIZE >= total) return pages;
    }
  }

  beforeAll(async () => {
    database = await open();
    const { prisma } = database;
    await prisma.organization.createMany({
      data: [
        { id: ORG, name: "Many Campaigns Ltd", kind: "ADVERTISER" },
        { id: OTHER_ORG, name: "Neighbour Ltd", kind: "ADVERTISER" },
      ],
    });
    const campaign = (row: Row, organizationId: string) => ({ ...row, organizationId, startsAt: day(0), priceMicros: 1_000_000n, totalBudgetMicros: 100_000_000n });
    await prisma.campaign.createMany({ data: rows.map((row) => campaign(row, ORG)) });
    // The neighbour's campaigns have the same names: a search that leaks would find them.
    await prisma.campaign.createMany({ data: rows.map((row) => campaign({ ...row, id: `other-${row.id}` }, OTHER_ORG)) });
    const creative = (campaignId: string, reviewStatus: "APPROVED" | "PENDING" | "REJECTED", archivedAt: Date | null = null) => ({
      campaignId,
      name: `${campaignId} ${reviewStatus}`,
      kind: "TEXT" as const,
      width: 300,
      height: 250,
      headline: "Hi",
      landingUrl: "https://example.com/",
      reviewStatus,
      archivedAt,
    });
    await prisma.creative.createMany({
      data: [creative("c16", "APPROVED"), creative("c16", "APPROVED"), creative("c16", "PENDING"), creative("c16", "REJECTED"), creative("c16", "APPROVED", day(3)), creative("other-c16", "APPROVED")],
    });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it("pages through the current campaigns in the list's order: each once, none left out", async () => {
    const pages = await allPages({});
    expect(pages.map((ids) => ids.length)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(pages.flat()).toEqual(expectedOrder(current));
  });

  it("keeps the order listCampaigns has always had", async () => {
    const everything = await listCampaigns(ORG, { prisma: database.prisma }, NOW);
    expect(everything.map((campaign) => campaign.id)).toEqual(expectedOrder(rows));
    expect((await allPages({})).flat()).toEqual(everything.filter((campaign) => campaign.status !== "ARCHIVED").map((campaign) => campaign.id));
  });

  it("counts the page's view and both tabs with queries, and says which page it shows", async () => {
    const second = await page({ page: 2 });
    expect(second.total).toBe(current.length);
    expect(second.viewCounts).toEqual({ current: current.length, archived: archived.length });
    expect(second.query.page).toBe(2);
    expect(second.pageSize).toBe(PAGE_SIZE);
  });

  it("shows the last page for a page past the end", async () => {
    const past = await page({ page: 1_000_000 });
    expect(past.query.page).toBe(6);
    expect(past.campaigns.map((campaign) => campaign.id)).toEqual(expectedOrder(current).slice(20));
  });

  it("archived view: only archived campaigns, with the same tab counts", async () => {
    const view = await page({ view: "archived" });
    expect(view.campaigns.map((campaign) => campaign.id)).toEqual(expectedOrder(archived));
    expect(view.total).toBe(archived.length);
    expect(view.viewCounts).toEqual({ current: current.length, archived: archived.length });
  });

  it("filters by a status of the view, and ignores one outside it", async () => {
    const paused = current.filter((row) => row.status === "PAUSED");
    expect((await allPages({ status: "PAUSED" })).flat()).toEqual(expectedOrder(paused));
    expect((await page({ status: "PAUSED" })).total).toBe(paused.length);
    const wrongTab = await page({ view: "archived", status: "ACTIVE" });
    expect(wrongTab.query.status).toBeUndefined();
    expect(wrongTab.campaigns.map((campaign) => campaign.id)).toEqual(expectedOrder(archived));
  });

  it("searches names in any case, and counts the tabs within the search", async () => {
    const sale = await page({ search: "sale" });
    expect(sale.campaigns.map((campaign) => campaign.id)).toEqual(["w1", "w2"]);
    expect(sale.total).toBe(2);
    expect(sale.viewCounts).toEqual({ current: 2, archived: 1 });
    expect((await page({ search: "SALE", view: "archived" })).campaigns.map((campaign) => campaign.id)).toEqual(["a1"]);
    expect((await allPages({ search: "campaign 1" })).flat()).toEqual(expectedOrder(current.filter((row) => /^Campaign 1/.test(row.name))));
  });

  it("matches %, _ and \\ as typed, not as LIKE's wildcards", async () => {
    const ids = async (search: string) => (await page({ search })).campaigns.map((campaign) => campaign.id);
    expect(await ids("100%")).toEqual(["w1"]);
    expect(await ids("off_sale")).toEqual(["w1"]);
    expect(await ids("_")).toEqual(["w1"]);
    expect(await ids("%")).toEqual(["w1"]);
    expect(await ids("k\\s")).toEqual(["w3"]);
    expect(await page({ search: "%_%" })).toMatchObject({ campaigns: [], total: 0, viewCounts: { current: 0, archived: 0 } });
  });

  it("never shows or counts another organisation's campaigns, searched or not", async () => {
    for (const fields of [{}, { search: "sale" }, { view: "archived" as const }, { search: "campaign", page: 3 }]) {
      const result = await page(fields);
      expect(result.campaigns.every((campaign) => !campaign.id.startsWith("other-"))).toBe(true);
    }
    expect((await page({})).viewCounts).toEqual({ current: current.length, archived: archived.length });
    expect((await page({ search: "sale" })).viewCounts).toEqual({ current: 2, archived: 1 });
    expect((await page({}, "no-such-org")).campaigns).toEqual([]);
    expect((await page({}, "no-such-org")).viewCounts).toEqual({ current: 0, archived: 0 });
  });

  it("counts the live creatives of the campaigns on the page by review status", async () => {
    const { campaigns } = await page({ search: "Campaign 16" });
    expect(campaigns.map((campaign) => [campaign.id, campaign.creativeCounts])).toEqual([["c16", { approved: 2, pending: 1, rejected: 1 }]]);
  });

  it("the dashboard counts every current campaign and sums the delivery of ended and archived ones too", async () => {
    const completed = current.find((row) => row.status === "COMPLETED")!;
    const stat = (campaignId: string) => ({ hour: new Date("2026-06-01T09:00:00Z"), campaignId, creativeId: "c", placementId: "p", impressions: 10, clicks: 1, spendMicros: 1_000n });
    await database.prisma.hourlyStat.createMany({ data: [stat(completed.id), stat("a1"), stat("other-c01")] });
    const overview = await getAdvertiserOverview(ORG, { prisma: database.prisma }, NOW);
    expect(overview.campaignCount).toBe(current.length);
    expect(overview.today).toEqual({ impressions: 20, clicks: 2, spendMicros: 2_000n });
    const live = new Set(current.filter((row) => ["ACTIVE", "PAUSED", "DRAFT"].includes(row.status)).map((row) => row.id));
    expect(overview.attention.length).toBeGreaterThan(0);
    expect(overview.attention.every((entry) => live.has(entry.campaign.id))).toBe(true);
  });

  it("an empty organisation: page 1 of nothing", async () => {
    expect(await page({ page: 7 }, "no-such-org")).toMatchObject({ campaigns: [], total: 0, query: { page: 1 } });
  });
});
