// The active set as loadActiveSet reads it (campaigns and creatives as plain rows, filtered in
// SQL) against the set as Prisma's models read it (tests/support/active-set-through-prisma.ts:
// the loader before, with VERIFIED_ORGANIZATION), on both databases: equal, entry for entry, over
// campaigns and placements that each rule keeps or leaves out — flights and the look-ahead,
// statuses, creatives' review, owners who confirmed their address or not — and every field's edge: nulls, frequency caps half set, the largest budget a
// number holds exactly, instants to the millisecond, text with quotes, escapes and line breaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLIGHT_LOOKAHEAD_MS, loadActiveSet } from "@/lib/ads/load-active-set";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { loadActiveSetThroughPrisma } from "@/tests/support/active-set-through-prisma";

const NOW = Date.parse("2026-12-05T10:00:00.000Z");
const MINUTE = 60_000;

/** Organisations: whether an owner, or only a member, confirmed their address. */
const ORGANIZATIONS = [
  { id: "org-verified", kind: "ADVERTISER", timeZone: "Europe/Berlin", owner: true, member: false },
  { id: "org-kolkata", kind: "ADVERTISER", timeZone: "Asia/Kolkata", owner: true, member: false },
  { id: "org-unverified", kind: "ADVERTISER", timeZone: "UTC", owner: false, member: false },
  { id: "org-member-only", kind: "ADVERTISER", timeZone: "UTC", owner: false, member: true },
  { id: "org-publisher", kind: "PUBLISHER", timeZone: "UTC", owner: true, member: false },
  { id: "org-publisher-unverified", kind: "PUBLISHER", timeZone: "UTC", owner: false, member: false },
] as const;

const base = {
  organizationId: "org-verified",
  status: "ACTIVE",
  startsAt: new Date(NOW - 30 * 24 * 60 * MINUTE),
  priceMicros: 2_500_000n,
  totalBudgetMicros: 100_000_000n,
} as const satisfies Partial<Prisma.CampaignCreateManyInput>;

type CampaignRow = Omit<Prisma.CampaignCreateManyInput, "name"> & { id: string };

const CAMPAIGNS: CampaignRow[] = [
  {
    ...base,
    id: "c-full",
    organizationId: "org-kolkata",
    pricingModel: "CPC",
    tier: "SPONSORSHIP",
    weight: 3,
    pacing: "ASAP",
    dailyBudgetMicros: 20_000_000n,
    spentMicros: 12_345_678n,
    daySpentMicros: 1_234_567n,
    spendDay: new Date("2026-12-04T00:00:00Z"),
    startsAt: new Date("2026-11-01T10:20:30.123Z"),
    endsAt: new Date("2027-01-31T23:59:59.999Z"),
    frequencyCapCount: 3,
    frequencyCapPeriodSeconds: 3_600,
    targetPlacementIds: ["p-site", "p-other"],
    targetSizes: ["300x250", "728x90"],
    countriesInclude: ["US", "DE"],
    countriesExclude: ["FR"],
    devices: ["MOBILE", "DESKTOP"],
    keywords: ["Outdoor", "hiking"],
    weekdays: [1, 2, 5],
    hours: [0, 9, 23],
  },
  { ...base, id: "c-minimal" },
  { ...base, id: "c-cap-no-period", frequencyCapCount: 5, frequencyCapPeriodSeconds: null },
  { ...base, id: "c-cap-zero", frequencyCapCount: 0, frequencyCapPeriodSeconds: 60 },
  { ...base, id: "c-largest-budget", totalBudgetMicros: 9_007_199_254_740_991n, spentMicros: 9_007_199_254_740_990n, priceMicros: 1n },
  { ...base, id: "c-starts-in-lookahead", startsAt: new Date(NOW + FLIGHT_LOOKAHEAD_MS - MINUTE) },
  { ...base, id: "x-starts-after-lookahead", startsAt: new Date(NOW + FLIGHT_LOOKAHEAD_MS + MINUTE) },
  { ...base, id: "c-ends-soon", endsAt: new Date(NOW + 1) },
  { ...base, id: "x-ended", endsAt: new Date(NOW - 1) },
  { ...base, id: "x-ends-now", endsAt: new Date(NOW) },
  { ...base, id: "x-paused", status: "PAUSED" },
  { ...base, id: "x-draft", status: "DRAFT" },
  { ...base, id: "x-pending-creative-only" },
  { ...base, id: "x-unverified", organizationId: "org-unverified" },
  { ...base, id: "x-member-only", organizationId: "org-member-only" },
];

type CreativeRow = Omit<Prisma.CreativeCreateManyInput, "name" | "landingUrl"> & { landingUrl?: string };

const text = { kind: "TEXT", width: 300, height: 250, headline: "Headline", body: "Body" } as const;
const CREATIVES: CreativeRow[] = [
  { id: "cr-full-b-html", campaignId: "c-full", kind: "HTML", width: 728, height: 90, html: '<div class="ad">\u2028</script><script>alert("x")</script>\\n</div>', reviewStatus: "APPROVED" },
  {
    id: "cr-full-a-image",
    campaignId: "c-full",
    kind: "IMAGE",
    width: 300,
    height: 250,
    imageUrl: "/api/assets/abc.png",
    altText: "Tents — 20 % off “today” ☀️",
    reviewStatus: "APPROVED",
    landingUrl: "https://shop.example/?a=1&b=%22x%22",
  },
  { id: "cr-full-c-pending", campaignId: "c-full", ...text, reviewStatus: "PENDING" },
  { id: "cr-full-d-rejected", campaignId: "c-full", ...text, reviewStatus: "REJECTED" },
  { id: "cr-full-e-archived", campaignId: "c-full", ...text, reviewStatus: "APPROVED", archivedAt: new Date(NOW - MINUTE) },
  { id: "cr-pending", campaignId: "x-pending-creative-only", ...text, reviewStatus: "PENDING" },
  ...CAMPAIGNS.filter((campaign) => campaign.id !== "c-full" && campaign.id !== "x-pending-creative-only").map(
    (campaign): CreativeRow => ({ id: `cr-${campaign.id}`, campaignId: campaign.id, ...text, headline: `Line one\nline "two" \\ ${campaign.id}`, reviewStatus: "APPROVED" }),
  ),
];

const SITES = [
  { id: "s-main", organizationId: "org-publisher", name: "Main", domain: "Pub.Example", extraDomains: ["WWW.Other.Example", "third.example"], adLabel: "Sponsored" },
  { id: "s-plain", organizationId: "org-publisher", name: "Plain", domain: "plain.example", extraDomains: [] },
  { id: "s-unverified", organizationId: "org-publisher-unverified", name: "Unverified", domain: "unverified.example", extraDomains: [] },
];

const PLACEMENTS: Prisma.PlacementCreateManyInput[] = [
  { id: "p-site", siteId: "s-main", name: "Leaderboard", width: 728, height: 90, keywords: ["Camping", "gear"], floorPriceMicros: 1_500_000n },
  { id: "p-other", siteId: "s-plain", name: "Box", width: 300, height: 250 },
  { id: "x-archived", siteId: "s-plain", name: "Gone", width: 300, height: 250, archivedAt: new Date(NOW - MINUTE) },
  { id: "x-unverified-site", siteId: "s-unverified", name: "Unverified", width: 300, height: 250 },
];

describe.each(BOTH_DATABASES)("the active set read as rows, on $name", ({ open }) => {
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await open();
    const { prisma } = db;
    for (const organization of ORGANIZATIONS) {
      const { id, kind, timeZone } = organization;
      await prisma.organization.create({ data: { id, name: id, kind, timeZone } });
      await prisma.user.create({ data: { id: `owner-${id}`, name: "Owner", email: `owner@${id}.example`, emailVerified: organization.owner } });
      await prisma.user.create({ data: { id: `member-${id}`, name: "Member", email: `member@${id}.example`, emailVerified: organization.member } });
      await prisma.membership.createMany({
        data: [
          { organizationId: id, userId: `owner-${id}`, role: "OWNER" },
          { organizationId: id, userId: `member-${id}`, role: "MEMBER" },
        ],
      });
    }
    await prisma.campaign.createMany({ data: CAMPAIGNS.map((campaign) => ({ name: `Campaign ${campaign.id}`, ...campaign })) });
    await prisma.creative.createMany({ data: CREATIVES.map((creative) => ({ name: `Creative ${creative.id}`, landingUrl: "https://example.com/", ...creative })) });
    await prisma.site.createMany({ data: SITES });
    await prisma.placement.createMany({ data: PLACEMENTS });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("is the set Prisma's models give, entry for entry", async () => {
    const set = await loadActiveSet(db.prisma, NOW);
    // Not two empty sets: what each rule keeps is in, what it leaves out is not.
    expect(set.campaigns.map((campaign) => campaign.id)).toEqual(CAMPAIGNS.map((campaign) => campaign.id).filter((id) => id.startsWith("c-")).sort());
    expect(set.placements.map((placement) => placement.id)).toEqual(["p-other", "p-site"]);
    expect(set).toEqual(await loadActiveSetThroughPrisma(db.prisma, NOW));
  });

  it("carries each field as the decision engine reads it", async () => {
    const set = await loadActiveSet(db.prisma, NOW);
    const full = set.campaigns.find((campaign) => campaign.id === "c-full")!;
    expect(full).toMatchObject({
      priceMicros: 2_500_000,
      spendDay: "2026-12-04",
      timeZone: "Asia/Kolkata",
      startsAt: Date.parse("2026-11-01T10:20:30.123Z"),
      endsAt: Date.parse("2027-01-31T23:59:59.999Z"),
      frequencyCap: { count: 3, periodSeconds: 3_600 },
      targeting: { devices: ["MOBILE", "DESKTOP"], weekdays: [1, 2, 5] },
    });
    expect(full.creatives.map((creative) => creative.id)).toEqual(["cr-full-a-image", "cr-full-b-html"]);
    expect(full.creatives[1]!.html).toBe('<div class="ad">\u2028</script><script>alert("x")</script>\\n</div>');
    const largest = set.campaigns.find((campaign) => campaign.id === "c-largest-budget")!;
    expect(largest).toMatchObject({ totalBudgetMicros: Number.MAX_SAFE_INTEGER, spentMicros: Number.MAX_SAFE_INTEGER - 1, priceMicros: 1 });
    const minimal = set.campaigns.find((campaign) => campaign.id === "c-minimal")!;
    expect(minimal).toMatchObject({ dailyBudgetMicros: null, spendDay: null, endsAt: null, frequencyCap: null, timeZone: "Europe/Berlin" });
    expect(set.placements.find((placement) => placement.id === "p-site")).toEqual({
      id: "p-site",
      width: 728,
      height: 90,
      keywords: ["Camping", "gear"],
      floorPriceMicros: 1_500_000,
      domains: ["pub.example", "www.other.example", "third.example"],
      label: "Sponsored",
    });
  });

  it("is empty, not an error, with nothing to serve", async () => {
    await db.prisma.campaign.updateMany({ data: { status: "PAUSED" } });
    await db.prisma.placement.updateMany({ data: { archivedAt: new Date(NOW) } });
    try {
      expect(await loadActiveSet(db.prisma, NOW)).toEqual({ builtAt: NOW, campaigns: [], placements: [] });
    } finally {
      for (const campaign of CAMPAIGNS) await db.prisma.campaign.update({ where: { id: campaign.id }, data: { status: campaign.status ?? "DRAFT" } });
      for (const placement of PLACEMENTS) await db.prisma.placement.update({ where: { id: placement.id }, data: { archivedAt: placement.archivedAt ?? null } });
    }
  });
});
