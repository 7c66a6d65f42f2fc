// Every advertiser domain function, called with another organisation's id, changes nothing,
// reveals nothing (Not found, the same answer as for an id that does not exist) and does not
// touch the cache. Ids come from form data, so this is what stops a forged POST.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { getAdvertiserOverview } from "@/lib/campaigns/get-advertiser-overview";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { archiveCreative } from "@/lib/creatives/archive-creative";
import { createCreative } from "@/lib/creatives/create-creative";
import { getCreative } from "@/lib/creatives/get-creative";
import { updateCreative } from "@/lib/creatives/update-creative";
import { campaignInput, createWorld, DEMO_ORG, OTHER_CAMPAIGN, OTHER_ORG, OTHER_CREATIVE, servedCampaignIds, snapshot, textCreativeInput, type World } from "./fixtures";
import { testActor } from "@/tests/support/actors";

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await world.prisma.hourlyStat.create({
    data: { hour: new Date(), campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", impressions: 100, clicks: 3, spendMicros: 400_000n },
  });
});
afterAll(async () => {
  await world?.close();
});

const notFound = (message: string) => expect.objectContaining({ code: "not_found", message });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

interface Target {
  campaignId: string;
  otherCampaignId: string;
  creativeId: string;
}

// The other organisation aims each mutation at the demo advertiser's records.
const demoTarget: Target = { campaignId: "demo-campaign-spring", otherCampaignId: "demo-campaign-tents", creativeId: "demo-creative-spring-leaderboard" };
const missingTarget: Target = { campaignId: "no-such-campaign", otherCampaignId: "no-such-campaign-either", creativeId: "no-such-creative" };

const mutations: Array<[string, (world: World, target: Target) => Promise<unknown>, string]> = [
  ["updateCampaign", ({ deps }, t) => updateCampaign(OTHER_ORG, t.campaignId, campaignInput({ name: "Hijacked", status: "PAUSED", targetPlacementIds: [] }), testActor, deps), "Campaign not found."],
  ["setCampaignStatus → PAUSED", ({ deps }, t) => setCampaignStatus(OTHER_ORG, t.campaignId, "PAUSED", testActor, deps), "Campaign not found."],
  ["setCampaignStatus → ARCHIVED", ({ deps }, t) => setCampaignStatus(OTHER_ORG, t.otherCampaignId, "ARCHIVED", testActor, deps), "Campaign not found."],
  ["setCampaignStatus → ACTIVE", ({ deps }, t) => setCampaignStatus(OTHER_ORG, t.campaignId, "ACTIVE", testActor, deps), "Campaign not found."],
  ["duplicateCampaign", ({ deps }, t) => duplicateCampaign(OTHER_ORG, t.campaignId, testActor, deps), "Campaign not found."],
  ["createCreative", ({ deps }, t) => createCreative(OTHER_ORG, t.campaignId, textCreativeInput(), testActor, deps), "Campaign not found."],
  ["updateCreative", ({ deps }, t) => updateCreative(OTHER_ORG, t.creativeId, textCreativeInput({ landingUrl: "https://evil.example/" }), testActor, deps), "Creative not found."],
  ["archiveCreative", ({ deps }, t) => archiveCreative(OTHER_ORG, t.creativeId, testActor, deps), "Creative not found."],
];

describe("a mutation aimed at another organisation's campaign or creative", () => {
  it.each(mutations)("%s: Not found, nothing changes, nothing is invalidated", async (_name, mutate, message) => {
    const demoBefore = await snapshot(world.prisma, DEMO_ORG);
    const otherBefore = await snapshot(world.prisma, OTHER_ORG);
    const servedBefore = await servedCampaignIds(world);
    const invalidationsBefore = world.invalidations();

    expect(await caught(mutate(world, demoTarget))).toEqual(notFound(message));

    expect(await snapshot(world.prisma, DEMO_ORG)).toEqual(demoBefore);
    expect(await snapshot(world.prisma, OTHER_ORG)).toEqual(otherBefore);
    expect(world.invalidations()).toBe(invalidationsBefore);
    expect(await servedCampaignIds(world)).toEqual(servedBefore);
  });

  it.each(mutations)("%s: the answer is the same as for an id that exists nowhere (nothing is revealed)", async (_name, mutate) => {
    const foreign = await caught(mutate(world, demoTarget));
    const missing = await caught(mutate(world, missingTarget));
    expect(foreign).toBeInstanceOf(AppError);
    expect(missing).toBeInstanceOf(AppError);
    expect({ code: (foreign as AppError).code, message: (foreign as AppError).message }).toEqual({ code: (missing as AppError).code, message: (missing as AppError).message });
  });
});

describe("the same mutations by the owner succeed (the ids are real)", () => {
  it("the demo advertiser can pause and resume its campaign", async () => {
    expect((await setCampaignStatus(DEMO_ORG, "demo-campaign-spring", "PAUSED", testActor, world.deps)).campaign.status).toBe("PAUSED");
    expect((await setCampaignStatus(DEMO_ORG, "demo-campaign-spring", "ACTIVE", testActor, world.deps)).campaign.status).toBe("ACTIVE");
  });
});

describe("a read aimed at another organisation", () => {
  it("getCampaign: Not found", async () => {
    expect(await caught(getCampaign(OTHER_ORG, "demo-campaign-spring", world.deps))).toEqual(notFound("Campaign not found."));
    expect(await caught(getCampaign(DEMO_ORG, OTHER_CAMPAIGN, world.deps))).toEqual(notFound("Campaign not found."));
  });

  it("getCreative: Not found", async () => {
    expect(await caught(getCreative(OTHER_ORG, "demo-creative-spring-mpu", world.deps))).toEqual(notFound("Creative not found."));
    expect(await caught(getCreative(DEMO_ORG, OTHER_CREATIVE, world.deps))).toEqual(notFound("Creative not found."));
  });

  it("listCampaigns: only the organisation's own campaigns", async () => {
    expect((await listCampaigns(OTHER_ORG, world.deps)).map((campaign) => campaign.id)).toEqual([OTHER_CAMPAIGN]);
    expect((await listCampaigns(DEMO_ORG, world.deps)).map((campaign) => campaign.id)).not.toContain(OTHER_CAMPAIGN);
  });

  it("getAdvertiserOverview: no delivery of another organisation's campaigns", async () => {
    const overview = await getAdvertiserOverview(OTHER_ORG, world.deps);
    expect(overview.today).toEqual({ impressions: 0, clicks: 0, spendMicros: 0n });
    expect(overview.month).toEqual({ impressions: 0, clicks: 0, spendMicros: 0n });
    expect((await getAdvertiserOverview(DEMO_ORG, world.deps)).today).toEqual({ impressions: 100, clicks: 3, spendMicros: 400_000n });
  });

  it("createCampaign always creates in the caller's organisation", async () => {
    const campaign = await createCampaign(OTHER_ORG, campaignInput({ targetPlacementIds: [] }), testActor, world.deps);
    expect(campaign.organizationId).toBe(OTHER_ORG);
  });
});
