// The single-campaign answers (GET, POST, PATCH, pause, resume, restore) carry the same
// servingStatus as the list and the dashboard, read at answer time: creatives and the
// organisation's confirmation included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "@/lib/api/v1/operations";
import { api, createApiWorld, OTHER_ADVERTISER_OWNER, type ApiWorld } from "./api-world";

let world: ApiWorld;
let key: string;
beforeAll(async () => {
  world = await createApiWorld();
  key = world.keys.advertiser;
});
afterAll(async () => {
  await world?.close();
});

const body = { name: "Serving status", status: "ACTIVE", startsAt: "2026-01-01T00:00:00Z", pricingModel: "CPM", price: "2", totalBudget: "100" };
const textCreative = { name: "Text", kind: "TEXT", size: "300x250", headline: "Headline", body: "Body.", landingUrl: "https://northwind.example/" };

const servingStatus = (answer: { status: number; body: unknown }) => {
  expect(answer.status).toBeLessThan(300);
  return responseSchemas.Campaign.parse(answer.body).servingStatus;
};

describe("servingStatus of one campaign", () => {
  it("follows the campaign through create, pause, resume, archive and restore", async () => {
    const created = await api("POST", "/api/v1/campaigns", { key, body });
    const id = (created.body as { id: string }).id;
    expect(servingStatus(created)).toEqual({ state: "no-approved-creative", label: "Not serving: no approved creative" });
    expect(servingStatus(await api("GET", `/api/v1/campaigns/${id}`, { key }))).toEqual({ state: "no-approved-creative", label: "Not serving: no approved creative" });

    expect((await api("POST", `/api/v1/campaigns/${id}/creatives`, { key, body: textCreative })).status).toBe(201);
    await world.prisma.creative.updateMany({ where: { campaignId: id }, data: { reviewStatus: "APPROVED" } });
    expect(servingStatus(await api("GET", `/api/v1/campaigns/${id}`, { key }))).toEqual({ state: "serving", label: "Serving" });

    expect(servingStatus(await api("POST", `/api/v1/campaigns/${id}/pause`, { key }))).toEqual({ state: "paused", label: "Not serving: paused" });
    expect(servingStatus(await api("POST", `/api/v1/campaigns/${id}/resume`, { key }))).toEqual({ state: "serving", label: "Serving" });
    expect(servingStatus(await api("PATCH", `/api/v1/campaigns/${id}`, { key, body: { startsAt: "2099-01-01T00:00:00Z" } }))).toEqual({ state: "scheduled", label: "Scheduled" });
    expect((await api("DELETE", `/api/v1/campaigns/${id}`, { key })).status).toBe(204);
    expect(servingStatus(await api("GET", `/api/v1/campaigns/${id}`, { key }))).toEqual({ state: "archived", label: "Not serving: archived" });
    expect(servingStatus(await api("POST", `/api/v1/campaigns/${id}/restore`, { key }))).toEqual({ state: "paused", label: "Not serving: paused" });
  });

  it("says to confirm the e-mail address while no owner of the organisation has, in the list and for one campaign", async () => {
    const otherKey = world.keys.otherAdvertiser;
    const created = await api("POST", "/api/v1/campaigns", { key: otherKey, body });
    const id = (created.body as { id: string }).id;
    await api("POST", `/api/v1/campaigns/${id}/creatives`, { key: otherKey, body: textCreative });
    await world.prisma.creative.updateMany({ where: { campaignId: id }, data: { reviewStatus: "APPROVED" } });
    expect(servingStatus(await api("GET", `/api/v1/campaigns/${id}`, { key: otherKey }))).toEqual({ state: "serving", label: "Serving" });

    await world.prisma.user.update({ where: { id: OTHER_ADVERTISER_OWNER }, data: { emailVerified: false } });
    try {
      const unverified = { state: "unverified", label: "Not serving: confirm your e-mail address" };
      expect(servingStatus(await api("GET", `/api/v1/campaigns/${id}`, { key: otherKey }))).toEqual(unverified);
      const list = responseSchemas.CampaignList.parse((await api("GET", "/api/v1/campaigns", { key: otherKey })).body);
      expect(list.data.find((campaign) => campaign.id === id)?.servingStatus).toEqual(unverified);
      // Another organisation's confirmation is its own.
      expect(servingStatus(await api("GET", "/api/v1/campaigns/demo-campaign-spring", { key }))).toEqual({ state: "serving", label: "Serving" });
    } finally {
      await world.prisma.user.update({ where: { id: OTHER_ADVERTISER_OWNER }, data: { emailVerified: true } });
    }
  });
});
