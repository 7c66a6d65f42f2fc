// The advertiser's domain functions on a real database (fresh PGlite with the demo data):
// each works for its own organisation and drops the cached active set after every write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ACTIVE_CAMPAIGNS_KEY } from "@/lib/cache/active-campaigns-cache";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { getAdvertiserOverview } from "@/lib/campaigns/get-advertiser-overview";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { listPlacementOptions } from "@/lib/campaigns/list-placement-options";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { archiveCreative } from "@/lib/creatives/archive-creative";
import { createCreative } from "@/lib/creatives/create-creative";
import { getCreative } from "@/lib/creatives/get-creative";
import { updateCreative } from "@/lib/creatives/update-creative";
import { campaignInput, createWorld, DEMO_ORG, OTHER_CAMPAIGN, servedCampaignIds, textCreativeInput, type World } from "./fixtures";
import { testActor } from "@/tests/support/actors";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Runs `write` and returns how many times it invalidated the active set. */
async function invalidationsOf(write: () => Promise<unknown>): Promise<number> {
  const before = world.invalidations();
  await write();
  return world.invalidations() - before;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A campaign of the demo advertiser made for one test, with one approved 300×250 creative. */
async function freshCampaign(overrides: Parameters<typeof campaignInput>[0] = {}) {
  const campaign = await createCampaign(DEMO_ORG, campaignInput({ targetPlacementIds: [], ...overrides }), testActor, world.deps);
  await world.prisma.creative.create({
    data: { campaignId: campaign.id, name: "Approved", kind: "TEXT", width: 300, height: 250, headline: "Hi", landingUrl: "https://northwind.example/", reviewStatus: "APPROVED" },
  });
  return campaign;
}

describe("createCampaign", () => {
  it("creates the campaign in the organisation with every field, nothing spent", async () => {
    const input = campaignInput();
    let id = "";
    expect(await invalidationsOf(async () => (id = (await createCampaign(DEMO_ORG, input, testActor, world.deps)).id))).toBe(1);
    const stored = await world.prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      organizationId: DEMO_ORG,
      name: "Autumn jackets",
      status: "DRAFT",
      priceMicros: 3_000_000n,
      totalBudgetMicros: 500_000_000n,
      dailyBudgetMicros: 50_000_000n,
      weight: 5,
      frequencyCapCount: 3,
      frequencyCapPeriodSeconds: 86_400,
      targetPlacementIds: ["demo-placement-sidebar"],
      targetSizes: ["300x250"],
      countriesInclude: ["US", "CA"],
      countriesExclude: ["FR"],
      devices: ["DESKTOP"],
      keywords: ["hiking"],
      weekdays: [1, 2],
      hours: [9, 10],
      spentMicros: 0n,
      daySpentMicros: 0n,
    });
  });

  it("refuses a placement that does not exist, next to the placements field, and writes nothing", async () => {
    const before = await world.prisma.campaign.count();
    let error: AppError | undefined;
    expect(await invalidationsOf(async () => (error = await refusal(createCampaign(DEMO_ORG, campaignInput({ targetPlacementIds: ["no-such-placement"] }), testActor, world.deps))))).toBe(0);
    expect(error).toMatchObject({ code: "unprocessable_entity", details: { field: "targetPlacementIds" } });
    expect(await world.prisma.campaign.count()).toBe(before);
  });

  it("refuses to create a campaign that is already paused", async () => {
    const error = await refusal(createCampaign(DEMO_ORG, campaignInput({ status: "PAUSED" }), testActor, world.deps));
    expect(error).toMatchObject({ code: "unprocessable_entity", message: "A new campaign starts as a draft or active.", details: { field: "status" } });
  });
});

describe("updateCampaign", () => {
  it("saves the form and leaves the spend ledger alone", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    await world.prisma.campaign.update({ where: { id: campaign.id }, data: { spentMicros: 123n, daySpentMicros: 45n } });
    const input = campaignInput({ status: "PAUSED", name: "Renamed", priceMicros: 9_000_000n, frequencyCap: null, targetPlacementIds: [], hours: [] });
    expect(await invalidationsOf(() => updateCampaign(DEMO_ORG, campaign.id, input, testActor, world.deps))).toBe(1);
    expect(await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      name: "Renamed",
      status: "PAUSED",
      priceMicros: 9_000_000n,
      frequencyCapCount: null,
      frequencyCapPeriodSeconds: null,
      targetPlacementIds: [],
      hours: [],
      spentMicros: 123n,
      daySpentMicros: 45n,
    });
  });

  it("clears the budget-spent mail's stamp when the total budget changes, so a budget spent again is mailed again", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE", totalBudgetMicros: 5_000_000n, dailyBudgetMicros: null });
    const mailedAt = new Date("2026-03-01T12:00:00Z");
    await world.prisma.campaign.update({ where: { id: campaign.id }, data: { spentMicros: 5_000_000n, budgetSpentMailedAt: mailedAt } });
    const stamp = async () => (await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt;

    await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "ACTIVE", name: "Renamed", totalBudgetMicros: 5_000_000n, dailyBudgetMicros: null }), testActor, world.deps);
    expect(await stamp()).toEqual(mailedAt);
    await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "ACTIVE", totalBudgetMicros: 8_000_000n, dailyBudgetMicros: null }), testActor, world.deps);
    expect(await stamp()).toBeNull();
  });

  it("clears the flight-ended mail's stamp when the end date changes, so a flight extended is mailed again when it ends", async () => {
    const endsAt = new Date("2026-03-01T00:00:00Z");
    const campaign = await freshCampaign({ status: "ACTIVE", endsAt, dailyBudgetMicros: null });
    const mailedAt = new Date("2026-03-01T07:00:00Z");
    await world.prisma.campaign.update({ where: { id: campaign.id }, data: { flightEndedMailedAt: mailedAt } });
    const stamp = async () => (await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).flightEndedMailedAt;

    await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "ACTIVE", name: "Renamed", endsAt: new Date(endsAt), dailyBudgetMicros: null }), testActor, world.deps);
    expect(await stamp()).toEqual(mailedAt);
    await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "ACTIVE", endsAt: new Date("2026-04-01T00:00:00Z"), dailyBudgetMicros: null }), testActor, world.deps);
    expect(await stamp()).toBeNull();
    // An end removed clears it too: a flight with no end has not ended.
    await world.prisma.campaign.update({ where: { id: campaign.id }, data: { flightEndedMailedAt: mailedAt } });
    await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "ACTIVE", endsAt: null, dailyBudgetMicros: null }), testActor, world.deps);
    expect(await stamp()).toBeNull();
  });

  it("refuses a status the campaign cannot move to, next to the status field", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    const error = await refusal(updateCampaign(DEMO_ORG, campaign.id, campaignInput({ status: "DRAFT" }), testActor, world.deps));
    expect(error).toMatchObject({ code: "unprocessable_entity", details: { field: "status" } });
    expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("ACTIVE");
  });

  it("refuses to edit an archived campaign", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    await setCampaignStatus(DEMO_ORG, campaign.id, "ARCHIVED", testActor, world.deps);
    const error = await refusal(updateCampaign(DEMO_ORG, campaign.id, campaignInput({ name: "Back" }), testActor, world.deps));
    expect(error).toMatchObject({ code: "conflict", message: "This campaign is archived. Restore it first (it comes back paused)." });
  });
});

describe("setCampaignStatus", () => {
  it("pauses: the campaign leaves the active set at once, and resuming brings it back", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    expect(await servedCampaignIds(world)).toContain(campaign.id);

    expect(await invalidationsOf(() => setCampaignStatus(DEMO_ORG, campaign.id, "PAUSED", testActor, world.deps))).toBe(1);
    expect(await servedCampaignIds(world)).not.toContain(campaign.id);

    const resumed = await setCampaignStatus(DEMO_ORG, campaign.id, "ACTIVE", testActor, world.deps);
    expect(resumed).toMatchObject({ previousStatus: "PAUSED", campaign: { status: "ACTIVE" } });
    expect(await servedCampaignIds(world)).toContain(campaign.id);
  });

  it("deletes the shared active_campaigns entry", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    await world.cache.get();
    // The write-back is not awaited by get(): wait for it.
    await expect.poll(() => world.store.get(ACTIVE_CAMPAIGNS_KEY), { timeout: 10_000, interval: 20 }).not.toBeNull();
    await setCampaignStatus(DEMO_ORG, campaign.id, "PAUSED", testActor, world.deps);
    expect(await world.store.get(ACTIVE_CAMPAIGNS_KEY)).toBeNull();
  });

  it("starts a draft", async () => {
    const campaign = await createCampaign(DEMO_ORG, campaignInput(), testActor, world.deps);
    expect(await setCampaignStatus(DEMO_ORG, campaign.id, "ACTIVE", testActor, world.deps)).toMatchObject({ previousStatus: "DRAFT", campaign: { status: "ACTIVE" } });
  });

  it.each([
    ["DRAFT", "PAUSED", "Only an active campaign can be paused."],
    ["ARCHIVED", "ACTIVE", "This campaign is archived. Restore it first (it comes back paused)."],
    ["ARCHIVED", "PAUSED", "This campaign is archived. Restore it first (it comes back paused)."],
    ["COMPLETED", "ACTIVE", "This campaign has completed. Duplicate it to run it again."],
    ["COMPLETED", "PAUSED", "This campaign has completed. Duplicate it to run it again."],
  ] as const)("refuses %s → %s and changes nothing", async (from, to, message) => {
    const campaign = await createCampaign(DEMO_ORG, campaignInput(), testActor, world.deps);
    await world.prisma.campaign.update({ where: { id: campaign.id }, data: { status: from } });
    let error: AppError | undefined;
    expect(await invalidationsOf(async () => (error = await refusal(setCampaignStatus(DEMO_ORG, campaign.id, to, testActor, world.deps))))).toBe(0);
    expect(error).toMatchObject({ code: "conflict", message });
    expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe(from);
  });

  it("archives from any status, a completed campaign included", async () => {
    for (const from of ["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"] as const) {
      const campaign = await createCampaign(DEMO_ORG, campaignInput(), testActor, world.deps);
      await world.prisma.campaign.update({ where: { id: campaign.id }, data: { status: from } });
      expect((await setCampaignStatus(DEMO_ORG, campaign.id, "ARCHIVED", testActor, world.deps)).campaign.status).toBe("ARCHIVED");
    }
  });

  it("accepts a repeated click (already paused) without writing", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    await setCampaignStatus(DEMO_ORG, campaign.id, "PAUSED", testActor, world.deps);
    expect(await invalidationsOf(() => setCampaignStatus(DEMO_ORG, campaign.id, "PAUSED", testActor, world.deps))).toBe(0);
  });
});

describe("duplicateCampaign", () => {
  it("copies settings as a draft with nothing spent, and live creatives sent back to review", async () => {
    const source = await freshCampaign({ status: "ACTIVE", name: "Original" });
    await world.prisma.campaign.update({ where: { id: source.id }, data: { spentMicros: 999n } });
    await world.prisma.creative.create({
      data: { campaignId: source.id, name: "Old", kind: "TEXT", width: 300, height: 250, headline: "Old", landingUrl: "https://northwind.example/", archivedAt: new Date() },
    });
    let copyId = "";
    expect(await invalidationsOf(async () => (copyId = (await duplicateCampaign(DEMO_ORG, source.id, testActor, world.deps)).id))).toBe(1);
    const copy = await world.prisma.campaign.findUniqueOrThrow({ where: { id: copyId }, include: { creatives: true } });
    expect(copy).toMatchObject({ organizationId: DEMO_ORG, name: "Original (copy)", status: "DRAFT", spentMicros: 0n, priceMicros: 3_000_000n, weight: 5, keywords: ["hiking"] });
    expect(copy.creatives).toHaveLength(1);
    expect(copy.creatives[0]).toMatchObject({ name: "Approved", headline: "Hi", reviewStatus: "PENDING", reviewedAt: null, reviewNote: null, archivedAt: null });
    expect(await servedCampaignIds(world)).not.toContain(copyId);
  });
});

describe("creatives", () => {
  it("createCreative adds a creative waiting for review", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    let id = "";
    expect(await invalidationsOf(async () => (id = (await createCreative(DEMO_ORG, campaign.id, textCreativeInput(), testActor, world.deps)).id))).toBe(1);
    expect(await world.prisma.creative.findUniqueOrThrow({ where: { id } })).toMatchObject({ campaignId: campaign.id, headline: "Warm jackets", reviewStatus: "PENDING" });
  });

  it("createCreative refuses an archived campaign", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    await setCampaignStatus(DEMO_ORG, campaign.id, "ARCHIVED", testActor, world.deps);
    expect(await refusal(createCreative(DEMO_ORG, campaign.id, textCreativeInput(), testActor, world.deps))).toMatchObject({ code: "conflict" });
  });

  it("updateCreative sends new content back to review, and it stops serving", async () => {
    const campaign = await createCampaign(DEMO_ORG, campaignInput({ status: "ACTIVE", targetPlacementIds: [] }), testActor, world.deps);
    const creative = await world.prisma.creative.create({
      data: { campaignId: campaign.id, name: "T", kind: "TEXT", width: 300, height: 250, headline: "Old", landingUrl: "https://northwind.example/", reviewStatus: "APPROVED", reviewNote: "fine", reviewedAt: new Date(), reviewedById: "demo-user-admin" },
    });
    expect(await servedCampaignIds(world)).toContain(campaign.id);
    expect(await invalidationsOf(() => updateCreative(DEMO_ORG, creative.id, textCreativeInput({ name: "T", headline: "New" }), testActor, world.deps))).toBe(1);
    expect(await world.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).toMatchObject({
      headline: "New",
      reviewStatus: "PENDING",
      reviewNote: null,
      reviewedAt: null,
      reviewedById: null,
    });
    expect(await servedCampaignIds(world)).not.toContain(campaign.id);
  });

  it("updateCreative keeps the review decision when only the name changes", async () => {
    const campaign = await freshCampaign();
    const creative = await world.prisma.creative.findFirstOrThrow({ where: { campaignId: campaign.id } });
    const input = textCreativeInput({ name: "Renamed", headline: creative.headline, body: creative.body, landingUrl: creative.landingUrl });
    expect(await invalidationsOf(() => updateCreative(DEMO_ORG, creative.id, input, testActor, world.deps))).toBe(1);
    expect(await world.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).toMatchObject({ name: "Renamed", reviewStatus: "APPROVED" });
  });

  it("updateCreative refuses an archived creative", async () => {
    const campaign = await freshCampaign();
    const creative = await world.prisma.creative.findFirstOrThrow({ where: { campaignId: campaign.id } });
    await archiveCreative(DEMO_ORG, creative.id, testActor, world.deps);
    expect(await refusal(updateCreative(DEMO_ORG, creative.id, textCreativeInput(), testActor, world.deps))).toMatchObject({ code: "conflict" });
  });

  it("archiveCreative stops it serving, once: a second archive keeps the first date and writes nothing", async () => {
    const campaign = await freshCampaign({ status: "ACTIVE" });
    const creative = await world.prisma.creative.findFirstOrThrow({ where: { campaignId: campaign.id } });
    const first = new Date("2026-03-01T00:00:00Z");
    expect(await invalidationsOf(() => archiveCreative(DEMO_ORG, creative.id, testActor, world.deps, first))).toBe(1);
    expect(await servedCampaignIds(world)).not.toContain(campaign.id);
    expect(await invalidationsOf(() => archiveCreative(DEMO_ORG, creative.id, testActor, world.deps, new Date()))).toBe(0);
    expect((await world.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).archivedAt).toEqual(first);
  });

  it("getCreative returns the creative with its campaign", async () => {
    expect(await getCreative(DEMO_ORG, "demo-creative-tents-text", world.deps)).toMatchObject({
      id: "demo-creative-tents-text",
      campaign: { id: "demo-campaign-tents", name: "Ultralight tents", status: "ACTIVE" },
    });
  });
});

describe("reads", () => {
  beforeEach(async () => {
    await world.prisma.hourlyStat.deleteMany();
  });

  it("listCampaigns shows the organisation's campaigns with budget use, pacing and creative counts", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    await world.prisma.campaign.update({
      where: { id: "demo-campaign-spring" },
      data: { spentMicros: 4_600_000_000n, daySpentMicros: 100_000_000n, spendDay: new Date("2026-11-25T00:00:00Z") },
    });
    const campaigns = await listCampaigns(DEMO_ORG, world.deps, now);
    expect(campaigns.map((campaign) => campaign.id)).not.toContain(OTHER_CAMPAIGN);
    expect(campaigns.find((campaign) => campaign.id === "demo-campaign-spring")).toMatchObject({
      status: "ACTIVE",
      spentMicros: 4_600_000_000n,
      spentTodayMicros: 100_000_000n,
      budgetUsedPercent: 92,
      pacingStatus: { state: "on-pace", label: "On pace", detail: "Today $100.00 of $200.00" },
      creativeCounts: { approved: 2, pending: 0, rejected: 0 },
    });
    expect(campaigns.find((campaign) => campaign.id === "demo-campaign-house")).toMatchObject({ budgetUsedPercent: null });
    const statuses = campaigns.map((campaign) => campaign.status);
    expect(statuses.indexOf("ACTIVE")).toBeLessThan(statuses.lastIndexOf("ARCHIVED"));
  });

  it("getCampaign returns the campaign with its creatives", async () => {
    const campaign = await getCampaign(DEMO_ORG, "demo-campaign-spring", world.deps);
    expect(campaign.creatives.map((creative) => creative.id).sort()).toEqual(["demo-creative-spring-leaderboard", "demo-creative-spring-mpu"]);
  });

  it("getAdvertiserOverview sums today's and this month's rollups of the organisation only, and lists what needs attention", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const row = (hour: string, campaignId: string, impressions: number, clicks: number, spendMicros: bigint) => ({
      hour: new Date(hour),
      campaignId,
      creativeId: "c",
      placementId: "demo-placement-sidebar",
      impressions,
      clicks,
      spendMicros,
    });
    await world.prisma.hourlyStat.createMany({
      data: [
        row("2026-11-25T09:00:00Z", "demo-campaign-spring", 1000, 10, 4_000_000n),
        row("2026-11-25T10:00:00Z", "demo-campaign-tents", 500, 5, 3_000_000n),
        row("2026-11-03T10:00:00Z", "demo-campaign-spring", 2000, 20, 8_000_000n),
        row("2026-10-31T23:00:00Z", "demo-campaign-spring", 9999, 99, 99_000_000n),
        row("2026-11-25T09:00:00Z", OTHER_CAMPAIGN, 7777, 77, 77_000_000n),
      ],
    });
    const overview = await getAdvertiserOverview(DEMO_ORG, world.deps, now);
    expect(overview.today).toEqual({ impressions: 1500, clicks: 15, spendMicros: 7_000_000n });
    expect(overview.month).toEqual({ impressions: 3500, clicks: 35, spendMicros: 15_000_000n });
    const spring = overview.attention.find((entry) => entry.campaign.id === "demo-campaign-spring");
    expect(spring?.reasons.map((reason) => reason.reason)).toEqual(["budget"]);
    expect(overview.attention.map((entry) => entry.campaign.id)).not.toContain(OTHER_CAMPAIGN);
    // Counted as serving only when it can be drawn: an ACTIVE campaign without an approved creative is not.
    const serving = (await listCampaigns(DEMO_ORG, world.deps, now)).filter((campaign) => campaign.servingStatus.state === "serving").map((campaign) => campaign.id);
    expect(serving).toContain("demo-campaign-spring");
    expect(overview.servingCount).toBe(serving.length);
    await world.prisma.creative.updateMany({ where: { campaignId: "demo-campaign-spring" }, data: { reviewStatus: "PENDING" } });
    try {
      expect((await getAdvertiserOverview(DEMO_ORG, world.deps, now)).servingCount).toBe(serving.length - 1);
    } finally {
      await world.prisma.creative.updateMany({ where: { campaignId: "demo-campaign-spring" }, data: { reviewStatus: "APPROVED" } });
    }
  });

  it("listPlacementOptions lists every live placement with its site", async () => {
    const options = await listPlacementOptions(world.deps);
    expect(options).toContainEqual({ id: "demo-placement-leaderboard", name: "Top leaderboard", siteName: "Trailhead Daily", domain: "trailhead.example", size: "728x90", offered: true });
  });
});
