// Which placements an advertiser may target (lib/campaigns/list-placement-options.ts), on a real
// database (fresh PGlite with the demo data): live placements of publishers that may earn and
// that no operator has hidden as a test publisher. Anything else is refused as a new target,
// while a campaign's saved targets stay until removed. The operator's switch is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setHiddenFromAdvertisers } from "@/lib/admin/set-hidden-from-advertisers";
import { UNKNOWN_PLACEMENT_MESSAGE } from "@/lib/campaigns/campaign-data";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { listPlacementOptions } from "@/lib/campaigns/list-placement-options";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { AppError } from "@/lib/errors";
import { publisherVisibilityMessages } from "@/lib/zod/schemas/publisher-visibility";
import { testActor } from "@/tests/support/actors";
import { createSecondPublisher, OTHER_ORG, OTHER_PLACEMENT } from "../publisher/second-publisher";
import { campaignInput, createWorld, DEMO_ORG, type World } from "./fixtures";

const OPERATOR = "demo-user-admin";
const UNVERIFIED_PLACEMENT = "unverified-placement";
const HIDDEN_ORG = "hidden-org-publisher";
const HIDDEN_PLACEMENT = "hidden-placement";
const ARCHIVED_PLACEMENT = "archived-placement";

let world: World;

/** A publisher with one site and one 300×250 placement, its owner's address confirmed or not. */
async function publisher(id: string, placementId: string, { verified, hidden = false }: { verified: boolean; hidden?: boolean }) {
  await world.prisma.user.create({ data: { id: `${id}-owner`, name: `Owner of ${id}`, email: `${id}@targeting.test`, emailVerified: verified } });
  await world.prisma.organization.create({
    data: {
      id,
      name: `Publisher ${id}`,
      kind: "PUBLISHER",
      hiddenFromAdvertisers: hidden,
      memberships: { create: { userId: `${id}-owner`, role: "OWNER" } },
      sites: { create: { name: `Site of ${id}`, domain: `${id}.example`, placements: { create: { id: placementId, name: `Slot of ${id}`, width: 300, height: 250 } } } },
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const offeredIds = async () => (await listPlacementOptions(world.deps)).map((placement) => placement.id);

beforeAll(async () => {
  world = await createWorld();
  await createSecondPublisher(world.prisma);
  await publisher("unverified-org-publisher", UNVERIFIED_PLACEMENT, { verified: false });
  await publisher(HIDDEN_ORG, HIDDEN_PLACEMENT, { verified: true, hidden: true });
  await world.prisma.placement.create({ data: { id: ARCHIVED_PLACEMENT, siteId: "demo-site-trailhead", name: "Old slot", width: 300, height: 250, archivedAt: new Date("2026-01-01T00:00:00Z") } });
});
afterAll(async () => {
  await world?.close();
});

describe("listPlacementOptions", () => {
  it("offers the live placements of verified publishers, with site, domain and size", async () => {
    const options = await listPlacementOptions(world.deps);
    expect(options).toContainEqual({ id: "demo-placement-leaderboard", name: "Top leaderboard", siteName: "Trailhead Daily", domain: "trailhead.example", size: "728x90", offered: true });
    expect(options.map((placement) => placement.id).sort()).toEqual(["demo-placement-halfpage", "demo-placement-leaderboard", "demo-placement-mobile", "demo-placement-sidebar", OTHER_PLACEMENT].sort());
  });

  it("leaves out archived placements, unverified publishers' and hidden publishers'", async () => {
    const ids = await offeredIds();
    expect(ids).not.toContain(ARCHIVED_PLACEMENT);
    expect(ids).not.toContain(UNVERIFIED_PLACEMENT);
    expect(ids).not.toContain(HIDDEN_PLACEMENT);
  });

  it("keeps a campaign's saved targets that are no longer offered, marked so", async () => {
    const options = await listPlacementOptions(world.deps, [HIDDEN_PLACEMENT, ARCHIVED_PLACEMENT, "demo-placement-sidebar"]);
    expect(options.find((placement) => placement.id === HIDDEN_PLACEMENT)).toMatchObject({ offered: false, siteName: `Site of ${HIDDEN_ORG}` });
    expect(options.find((placement) => placement.id === ARCHIVED_PLACEMENT)).toMatchObject({ offered: false });
    expect(options.find((placement) => placement.id === "demo-placement-sidebar")).toMatchObject({ offered: true });
    expect(options.map((placement) => placement.id)).not.toContain(UNVERIFIED_PLACEMENT);
  });
});

describe("targets that are not offered", () => {
  it.each([
    ["a hidden publisher's", HIDDEN_PLACEMENT],
    ["an unverified publisher's", UNVERIFIED_PLACEMENT],
    ["an archived", ARCHIVED_PLACEMENT],
    ["an unknown", "no-such-placement"],
  ])("refuses %s placement in a new campaign, next to the field", async (_name, placementId) => {
    const before = await world.prisma.campaign.count();
    const error = await refusal(createCampaign(DEMO_ORG, campaignInput({ targetPlacementIds: ["demo-placement-sidebar", placementId] }), testActor, world.deps));
    expect(error).toMatchObject({ code: "unprocessable_entity", message: UNKNOWN_PLACEMENT_MESSAGE, details: { field: "targetPlacementIds" } });
    expect(await world.prisma.campaign.count()).toBe(before);
  });

  it("keeps a saved target its publisher was hidden from since, and refuses adding one", async () => {
    const campaign = await createCampaign(DEMO_ORG, campaignInput({ name: "Gazette readers", targetPlacementIds: [OTHER_PLACEMENT] }), testActor, world.deps);
    await world.prisma.organization.update({ where: { id: OTHER_ORG }, data: { hiddenFromAdvertisers: true } });
    try {
      const saved = await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ name: "Gazette readers, renamed", targetPlacementIds: [OTHER_PLACEMENT] }), testActor, world.deps);
      expect(saved).toMatchObject({ name: "Gazette readers, renamed", targetPlacementIds: [OTHER_PLACEMENT] });
      const error = await refusal(updateCampaign(DEMO_ORG, campaign.id, campaignInput({ targetPlacementIds: [OTHER_PLACEMENT, HIDDEN_PLACEMENT] }), testActor, world.deps));
      expect(error).toMatchObject({ code: "unprocessable_entity", message: UNKNOWN_PLACEMENT_MESSAGE });
      const removed = await updateCampaign(DEMO_ORG, campaign.id, campaignInput({ name: "Gazette readers, renamed", targetPlacementIds: [] }), testActor, world.deps);
      expect(removed.targetPlacementIds).toEqual([]);
      // Once removed, it cannot come back while hidden.
      await refusal(updateCampaign(DEMO_ORG, campaign.id, campaignInput({ targetPlacementIds: [OTHER_PLACEMENT] }), testActor, world.deps));
    } finally {
      await world.prisma.organization.update({ where: { id: OTHER_ORG }, data: { hiddenFromAdvertisers: false } });
    }
  });
});

describe("setHiddenFromAdvertisers", () => {
  const eventsOf = (organizationId: string) => world.prisma.auditEvent.findMany({ where: { targetId: organizationId }, orderBy: { createdAt: "asc" } });

  it("lets an operator hide a publisher and offer it again, each audited under the operator's name", async () => {
    expect(await setHiddenFromAdvertisers(OPERATOR, OTHER_ORG, true, world.deps)).toEqual({ name: "Other Gazette", changed: true });
    expect(await offeredIds()).not.toContain(OTHER_PLACEMENT);
    expect(await setHiddenFromAdvertisers(OPERATOR, OTHER_ORG, false, world.deps)).toEqual({ name: "Other Gazette", changed: true });
    expect(await offeredIds()).toContain(OTHER_PLACEMENT);
    const events = await eventsOf(OTHER_ORG);
    expect(events.map((event) => [event.action, event.organizationId, event.targetType, event.targetName, event.actorId, event.actorEmail])).toEqual([
      ["organization.hidden_from_advertisers", OTHER_ORG, "organization", "Other Gazette", OPERATOR, "admin@marquee.local"],
      ["organization.shown_to_advertisers", OTHER_ORG, "organization", "Other Gazette", OPERATOR, "admin@marquee.local"],
    ]);
  });

  it("records nothing when the flag is already as asked", async () => {
    const before = (await eventsOf(OTHER_ORG)).length;
    expect(await setHiddenFromAdvertisers(OPERATOR, OTHER_ORG, false, world.deps)).toEqual({ name: "Other Gazette", changed: false });
    expect(await eventsOf(OTHER_ORG)).toHaveLength(before);
  });

  it("refuses anyone but an operator, and changes nothing", async () => {
    const error = await refusal(setHiddenFromAdvertisers("demo-user-publisher", OTHER_ORG, true, world.deps));
    expect(error).toMatchObject({ code: "forbidden", message: publisherVisibilityMessages.notOperator });
    expect(await world.prisma.organization.findUniqueOrThrow({ where: { id: OTHER_ORG } })).toMatchObject({ hiddenFromAdvertisers: false });
  });

  it("refuses an advertiser organisation or an unknown id as not found", async () => {
    for (const organizationId of [DEMO_ORG, "no-such-org"]) {
      const error = await refusal(setHiddenFromAdvertisers(OPERATOR, organizationId, true, world.deps));
      expect(error).toMatchObject({ code: "not_found", message: publisherVisibilityMessages.publisherNotFound });
    }
    expect(await world.prisma.organization.findUniqueOrThrow({ where: { id: DEMO_ORG } })).toMatchObject({ hiddenFromAdvertisers: false });
  });
});
