// POST /api/v1/campaigns/{id}/restore: an archived campaign comes back PAUSED (audited,
// the active set dropped); another organisation's campaign is not found; a read-only key is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "@/lib/api/v1/operations";
import { ADVERTISER_ORG, api, createApiWorld, invalidations, OTHER_CAMPAIGN, type ApiWorld } from "./api-world";

let world: ApiWorld;
let key: string;
beforeAll(async () => {
  world = await createApiWorld();
  key = world.keys.advertiser;
});
afterAll(async () => {
  await world?.close();
});

async function archivedCampaign(): Promise<string> {
  const { id } = await world.prisma.campaign.create({
    data: { organizationId: ADVERTISER_ORG, name: "To restore", status: "ACTIVE", startsAt: new Date("2026-01-01T00:00:00Z"), priceMicros: 1_000_000n, totalBudgetMicros: 100_000_000n },
  });
  expect(await api("DELETE", `/api/v1/campaigns/${id}`, { key })).toMatchObject({ status: 204 });
  return id;
}

describe("POST /campaigns/{id}/restore", () => {
  it("brings an archived campaign back paused, records it and invalidates; again changes nothing", async () => {
    const id = await archivedCampaign();
    const before = await invalidations();
    const answer = await api("POST", `/api/v1/campaigns/${id}/restore`, { key });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Campaign.parse(answer.body)).toMatchObject({ id, status: "PAUSED" });
    expect(await invalidations()).toBe(before + 1);
    expect(await world.prisma.auditEvent.findMany({ where: { action: "campaign.restored", targetId: id } })).toEqual([expect.objectContaining({ channel: "API" })]);

    expect(await api("POST", `/api/v1/campaigns/${id}/restore`, { key })).toMatchObject({ status: 200, body: { status: "PAUSED" } });
    expect(await invalidations()).toBe(before + 1);
  });

  it("does not find another organisation's campaign", async () => {
    const answer = await api("POST", `/api/v1/campaigns/${OTHER_CAMPAIGN}/restore`, { key });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("refuses a read-only key and changes nothing", async () => {
    const id = await archivedCampaign();
    const { key: readOnly } = await world.newKey(ADVERTISER_ORG, { name: "read-only", access: "READ" });
    const answer = await api("POST", `/api/v1/campaigns/${id}/restore`, { key: readOnly });
    expect(answer.status).toBe(403);
    expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("ARCHIVED");
  });
});

