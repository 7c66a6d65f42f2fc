// The audit log on a real database (PGlite with the demo data, the API's world): every
// recorded action writes exactly one event with its actor, channel and record — through the
// dashboard's domain calls and through the API's routes (with the key) — a refused action
// writes none, and GET /api/v1/audit-log pages one organisation's log and no other's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "@/lib/api/v1/operations";
import { dashboardActor } from "@/lib/audit/actor";
import { INVALID_CURSOR_MESSAGE } from "@/lib/audit/audit-cursor";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { setCampaignStatus } from "@/lib/campaigns/set-campaign-status";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { archiveCreative } from "@/lib/creatives/archive-creative";
import { createCreative } from "@/lib/creatives/create-creative";
import { updateCreative } from "@/lib/creatives/update-creative";
import type { DomainDeps } from "@/lib/db/deps";
import type { AuditEvent } from "@/lib/generated/prisma/client";
import { archivePlacement } from "@/lib/placements/archive-placement";
import { createPlacement } from "@/lib/placements/create-placement";
import { updatePlacement } from "@/lib/placements/update-placement";
import { reviewCreative } from "@/lib/review/review-creative";
import { createSite } from "@/lib/sites/create-site";
import { updateSite } from "@/lib/sites/update-site";
import { placementSchema } from "@/lib/zod/schemas/placements";
import { campaignInput, textCreativeInput } from "../campaigns/fixtures";
import { ADVERTISER_ORG, api, createApiWorld, OTHER_ADVERTISER_ORG, OTHER_CAMPAIGN, PUBLISHER_ORG, type ApiWorld } from "../api/api-world";

let world: ApiWorld;
let deps: DomainDeps;
beforeAll(async () => {
  world = await createApiWorld();
  deps = { prisma: world.prisma, invalidate: async () => {} };
});
afterAll(async () => {
  await world?.close();
});

const advertiser = dashboardActor({ id: "demo-user-advertiser", email: "advertiser@marquee.local" });
const publisher = dashboardActor({ id: "demo-user-publisher", email: "publisher@marquee.local" });
const operator = { id: "demo-user-admin", email: "admin@marquee.local", role: "admin" };
const placementInput = (fields: Record<string, string> = {}) => placementSchema.parse({ name: "Footer", size: "970x250", keywords: "camping", floorPrice: "0.29", ...fields });

/** The events `run` wrote (the log cannot be emptied between tests: it is append-only). */
async function eventsOf(run: () => Promise<unknown>): Promise<AuditEvent[]> {
  const before = new Set((await world.prisma.auditEvent.findMany({ select: { id: true } })).map((event) => event.id));
  await run();
  return (await world.prisma.auditEvent.findMany({ orderBy: { createdAt: "asc" } })).filter((event) => !before.has(event.id));
}

async function refusedWithoutEvent(run: () => Promise<unknown>): Promise<void> {
  const events = await eventsOf(() => run().then(() => expect.fail("expected a refusal"), (error: unknown) => error));
  expect(events).toEqual([]);
}

const fromDashboard = { channel: "DASHBOARD", apiKeyId: null } as const;

describe("through the dashboard (the domain calls the server actions make)", () => {
  it("records the campaign's life: created, edited (the changed fields), launched, paused, resumed, duplicated, archived", async () => {
    let id = "";
    const [created] = await eventsOf(async () => (id = (await createCampaign(ADVERTISER_ORG, campaignInput({ name: "Audit jackets" }), advertiser, deps)).id));
    expect(created).toMatchObject({ organizationId: ADVERTISER_ORG, actorId: "demo-user-advertiser", actorEmail: "advertiser@marquee.local", ...fromDashboard, action: "campaign.created", targetType: "campaign", targetId: id, targetName: "Audit jackets" });

    const edited = await eventsOf(() => updateCampaign(ADVERTISER_ORG, id, campaignInput({ name: "Audit coats", priceMicros: 4_500_000n }), advertiser, deps));
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({ action: "campaign.updated", targetName: "Audit coats", detail: { changes: { name: "Audit coats", priceMicros: "4500000" } } });
    expect(Object.keys((edited[0]!.detail as { changes: object }).changes).sort()).toEqual(["name", "priceMicros"]);

    expect(await eventsOf(() => updateCampaign(ADVERTISER_ORG, id, campaignInput({ name: "Audit coats", priceMicros: 4_500_000n }), advertiser, deps))).toEqual([]);

    const actions = async (status: "ACTIVE" | "PAUSED" | "ARCHIVED") => (await eventsOf(() => setCampaignStatus(ADVERTISER_ORG, id, status, advertiser, deps))).map((event) => event.action);
    expect(await actions("ACTIVE")).toEqual(["campaign.activated"]);
    expect(await actions("PAUSED")).toEqual(["campaign.paused"]);
    expect(await actions("PAUSED")).toEqual([]);
    expect(await actions("ACTIVE")).toEqual(["campaign.resumed"]);

    let copyId = "";
    const duplicated = await eventsOf(async () => (copyId = (await duplicateCampaign(ADVERTISER_ORG, id, advertiser, deps)).id));
    expect(duplicated).toHaveLength(1);
    expect(duplicated[0]).toMatchObject({ action: "campaign.duplicated", targetId: copyId, targetName: "Audit coats (copy)", detail: { source: { id, name: "Audit coats" } } });

    expect(await actions("ARCHIVED")).toEqual(["campaign.archived"]);
    // The first event is as it was written: a later rename does not reach it.
    expect(await world.prisma.auditEvent.findUniqueOrThrow({ where: { id: created!.id } })).toEqual(created);
  });

  it("records creatives added, edited (HTML by its length only), archived once, and an operator's decision in the advertiser's log", async () => {
    const campaign = await createCampaign(ADVERTISER_ORG, campaignInput({ name: "Creative audit" }), advertiser, deps);
    let creativeId = "";
    const [added] = await eventsOf(async () => (creativeId = (await createCreative(ADVERTISER_ORG, campaign.id, textCreativeInput({ name: "Audit text" }), advertiser, deps)).id));
    expect(added).toMatchObject({ ...fromDashboard, action: "creative.created", targetType: "creative", targetId: creativeId, targetName: "Audit text", detail: { campaign: { id: campaign.id } } });

    const html = `<div>${"x".repeat(500)}</div>`;
    const edited = await eventsOf(() =>
      updateCreative(ADVERTISER_ORG, creativeId, textCreativeInput({ name: "Audit html", kind: "HTML", headline: null, body: null, html }), advertiser, deps),
    );
    expect(edited).toHaveLength(1);
    expect(edited[0]!.detail).toMatchObject({ changes: { name: "Audit html", kind: "HTML", html: { length: html.length } }, resubmittedForReview: true });
    expect(JSON.stringify(edited[0]!.detail)).not.toContain("xxxx");

    const reviewed = await eventsOf(() => reviewCreative(operator, { creativeId, decision: "REJECT", reason: "No scripts." }, deps));
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]).toMatchObject({ organizationId: ADVERTISER_ORG, actorId: "demo-user-admin", actorEmail: "admin@marquee.local", ...fromDashboard, action: "creative.rejected", targetId: creativeId, detail: { reason: "No scripts." } });

    expect((await eventsOf(() => archiveCreative(ADVERTISER_ORG, creativeId, advertiser, deps))).map((event) => event.action)).toEqual(["creative.archived"]);
    expect(await eventsOf(() => archiveCreative(ADVERTISER_ORG, creativeId, advertiser, deps))).toEqual([]);
  });

  it("records sites and placements: added, edited, archived", async () => {
    let siteId = "";
    const [site] = await eventsOf(async () => (siteId = (await createSite(PUBLISHER_ORG, { name: "Audit forum", domain: "audit-forum.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, publisher, deps)).id));
    expect(site).toMatchObject({ organizationId: PUBLISHER_ORG, actorId: "demo-user-publisher", ...fromDashboard, action: "site.created", targetId: siteId, targetName: "Audit forum" });
    const [siteEdit] = await eventsOf(() => updateSite(PUBLISHER_ORG, siteId, { name: "Audit board", domain: "audit-forum.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, publisher, deps));
    expect(siteEdit).toMatchObject({ action: "site.updated", detail: { changes: { name: "Audit board" } } });

    let placementId = "";
    const [placement] = await eventsOf(async () => (placementId = (await createPlacement(PUBLISHER_ORG, siteId, placementInput(), publisher, deps)).id));
    expect(placement).toMatchObject({ action: "placement.created", targetType: "placement", targetId: placementId, targetName: "Footer", detail: { site: { id: siteId } } });
    const [placementEdit] = await eventsOf(() => updatePlacement(PUBLISHER_ORG, placementId, placementInput({ floorPrice: "1" }), publisher, deps));
    expect(placementEdit).toMatchObject({ action: "placement.updated", detail: { changes: { floorPriceMicros: "1000000" } } });
    expect((await eventsOf(() => archivePlacement(PUBLISHER_ORG, placementId, publisher, deps))).map((event) => event.action)).toEqual(["placement.archived"]);
  });

  it("records nothing for a refused action: another organisation's record, a forbidden status change, a duplicate domain (rolled back with the insert)", async () => {
    await refusedWithoutEvent(() => setCampaignStatus(ADVERTISER_ORG, OTHER_CAMPAIGN, "PAUSED", advertiser, deps));
    await refusedWithoutEvent(() => updateCampaign(ADVERTISER_ORG, OTHER_CAMPAIGN, campaignInput(), advertiser, deps));
    const archived = await createCampaign(ADVERTISER_ORG, campaignInput({ name: "Done" }), advertiser, deps);
    await setCampaignStatus(ADVERTISER_ORG, archived.id, "ARCHIVED", advertiser, deps);
    await refusedWithoutEvent(() => setCampaignStatus(ADVERTISER_ORG, archived.id, "ACTIVE", advertiser, deps));
    await refusedWithoutEvent(() => createCreative(ADVERTISER_ORG, archived.id, textCreativeInput(), advertiser, deps));
    await refusedWithoutEvent(() => createSite(PUBLISHER_ORG, { name: "Again", domain: "trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, publisher, deps));
    await refusedWithoutEvent(() => reviewCreative({ ...operator, role: "user" }, { creativeId: "demo-creative-spring-mpu", decision: "APPROVE", reason: undefined }, deps));
  });
});

describe("through the API (the key and its creator)", () => {
  it.each([
    ["POST /campaigns", "POST", "/api/v1/campaigns", { name: "API jackets", startsAt: "2026-09-01T00:00:00Z", pricingModel: "CPM", price: "3", totalBudget: "100" }, "campaign.created"],
    ["PATCH /campaigns/{id}", "PATCH", "/api/v1/campaigns/demo-campaign-tents", { name: "Tents, renamed" }, "campaign.updated"],
    ["POST /campaigns/{id}/pause", "POST", "/api/v1/campaigns/demo-campaign-tents/pause", undefined, "campaign.paused"],
    ["POST /campaigns/{id}/resume", "POST", "/api/v1/campaigns/demo-campaign-tents/resume", undefined, "campaign.resumed"],
    ["POST /campaigns/{id}/creatives", "POST", "/api/v1/campaigns/demo-campaign-tents/creatives", { name: "API text", kind: "TEXT", size: "300x250", headline: "Hi", landingUrl: "https://northwind.example/" }, "creative.created"],
    ["PATCH /creatives/{id}", "PATCH", "/api/v1/creatives/demo-creative-tents-text", { name: "Tents text, renamed" }, "creative.updated"],
    ["DELETE /creatives/{id}", "DELETE", "/api/v1/creatives/demo-creative-tents-mobile", undefined, "creative.archived"],
    ["DELETE /campaigns/{id}", "DELETE", "/api/v1/campaigns/demo-campaign-house", undefined, "campaign.archived"],
  ] as const)("%s records one event with the key and its creator", async (_name, method, url, body, action) => {
    const key = await world.newKey(ADVERTISER_ORG, "audit advertiser key");
    const events = await eventsOf(async () => expect((await api(method, url, { key: key.key, body })).status).toBeLessThan(300));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ organizationId: ADVERTISER_ORG, channel: "API", apiKeyId: key.id, actorId: "demo-user-advertiser", actorEmail: "advertiser@marquee.local", action });
  });

  it("records a publisher's site and placement changes with the key", async () => {
    const key = await world.newKey(PUBLISHER_ORG, "audit publisher key");
    const call = async (method: "POST" | "PATCH" | "DELETE", url: string, body?: object) => {
      const events = await eventsOf(async () => expect((await api(method, url, { key: key.key, body })).status).toBeLessThan(300));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ organizationId: PUBLISHER_ORG, channel: "API", apiKeyId: key.id, actorId: "demo-user-publisher" });
      return events[0]!;
    };
    const site = await call("POST", "/api/v1/sites", { name: "API site", domain: "api-site.example" });
    expect(site.action).toBe("site.created");
    expect((await call("PATCH", `/api/v1/sites/${site.targetId}`, { name: "API site 2" })).action).toBe("site.updated");
    const placement = await call("POST", `/api/v1/sites/${site.targetId}/placements`, { name: "API slot", size: "300x250", floorPrice: "0.5" });
    expect(placement.action).toBe("placement.created");
    expect((await call("PATCH", `/api/v1/placements/${placement.targetId}`, { name: "API slot 2" })).action).toBe("placement.updated");
    expect((await call("DELETE", `/api/v1/placements/${placement.targetId}`)).action).toBe("placement.archived");
  });

  it("records nothing for a refused call (another organisation's campaign, an invalid body)", async () => {
    const key = await world.newKey(ADVERTISER_ORG, "refused key");
    expect(await eventsOf(async () => expect((await api("POST", `/api/v1/campaigns/${OTHER_CAMPAIGN}/pause`, { key: key.key })).status).toBe(404))).toEqual([]);
    expect(await eventsOf(async () => expect((await api("POST", "/api/v1/campaigns", { key: key.key, body: { name: "" } })).status).toBe(422))).toEqual([]);
  });
});

describe("GET /api/v1/audit-log", () => {
  it("pages the key's organisation's log newest first, each event once, and nothing of another organisation", async () => {
    const key = await world.newKey(ADVERTISER_ORG, "audit reader");
    expect((await api("POST", `/api/v1/campaigns/${OTHER_CAMPAIGN}/pause`, { key: world.keys.otherAdvertiser })).status).toBe(200);
    const stored = await world.prisma.auditEvent.findMany({ where: { organizationId: ADVERTISER_ORG }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(stored.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await api("GET", `/api/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { key: key.key });
      expect(answer.status).toBe(200);
      const page = responseSchemas.AuditLog.parse(answer.body);
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((event) => event.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(stored.map((event) => event.id));

    const other = await api("GET", "/api/v1/audit-log", { key: world.keys.otherAdvertiser });
    expect(other.status).toBe(200);
    // The other organisation's own events (its key's creation, its campaign's), and only those.
    const theirs = await world.prisma.auditEvent.findMany({ where: { organizationId: OTHER_ADVERTISER_ORG }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(theirs.length).toBeGreaterThan(0);
    expect(other.body.data.map((event: { id: string }) => event.id)).toEqual(theirs.map((event) => event.id));
    for (const event of theirs) expect(seen).not.toContain(event.id);
  });

  it("names the key and its creator, and filters by kind of record", async () => {
    const key = await world.newKey(ADVERTISER_ORG, "named key");
    await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key: key.key });
    const answer = await api("GET", "/api/v1/audit-log?targetType=campaign&limit=1", { key: key.key });
    expect(answer.body.data).toEqual([
      expect.objectContaining({ channel: "API", apiKey: { id: key.id, name: "named key" }, actor: { userId: "demo-user-advertiser", email: "advertiser@marquee.local" }, action: "campaign.paused", target: { type: "campaign", id: "demo-campaign-spring", name: "Spring trail shoes" } }),
    ]);
    const creatives = await api("GET", "/api/v1/audit-log?targetType=creative", { key: key.key });
    expect(creatives.body.data.length).toBeGreaterThan(0);
    expect(creatives.body.data.every((event: { target: { type: string } }) => event.target.type === "creative")).toBe(true);
  });

  it("refuses a cursor it did not make (400), a bad limit or an unknown parameter (422), and a key whose creator may not read the log (403)", async () => {
    const key = world.keys.advertiser;
    expect(await api("GET", "/api/v1/audit-log?cursor=nonsense", { key })).toMatchObject({ status: 400, body: { error: { code: "bad_request", message: INVALID_CURSOR_MESSAGE } } });
    expect((await api("GET", "/api/v1/audit-log?limit=0", { key })).status).toBe(422);
    expect((await api("GET", "/api/v1/audit-log?limit=500", { key })).status).toBe(422);
    expect((await api("GET", "/api/v1/audit-log?targetType=user", { key })).status).toBe(422);
    expect((await api("GET", "/api/v1/audit-log?page=2", { key })).status).toBe(422);
    const member = await world.newMember(ADVERTISER_ORG, "MEMBER");
    const memberKey = await world.newKey(ADVERTISER_ORG, { name: "member key", userId: member.userId, access: "READ_WRITE" });
    expect((await api("GET", "/api/v1/audit-log", { key: memberKey.key })).status).toBe(403);
    const admin = await world.newMember(ADVERTISER_ORG, "ADMIN");
    const adminKey = await world.newKey(ADVERTISER_ORG, { name: "admin read key", userId: admin.userId, access: "READ" });
    expect((await api("GET", "/api/v1/audit-log", { key: adminKey.key })).status).toBe(200);
  });
});
