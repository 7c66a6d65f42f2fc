// What an API key may do over its life, on both databases: its access within its creator's
// current role (read only; a member demoted and promoted again), and its end — the creator
// removed (the case: their key then answers 401), a creator no longer a member, expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAuthMessages } from "@/lib/api/with-api-key";
import { removeMember } from "@/lib/members/remove-member";
import { BOTH_DATABASES } from "@/tests/support/databases";
import { ADVERTISER_ORG, api, createApiWorld, errorBody, type ApiWorld } from "./api-world";

describe.each(BOTH_DATABASES)("on $name", ({ open }) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld(open);
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("what a key may do", () => {
    it("a read-only key reads (200) and changes nothing: PATCH, POST and pause are 403", async () => {
      const { key } = await world.newKey(ADVERTISER_ORG, { name: "reader", access: "READ" });
      expect((await api("GET", "/api/v1/campaigns", { key })).status).toBe(200);
      expect((await api("GET", "/api/v1/campaigns/demo-campaign-spring", { key })).status).toBe(200);
      const before = await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } });
      const campaigns = await world.prisma.campaign.count();

      const patch = await api("PATCH", "/api/v1/campaigns/demo-campaign-spring", { key, body: { name: "Renamed by a reader" } });
      const post = await api("POST", "/api/v1/campaigns", { key, body: { name: "New", pricingModel: "CPM", price: "1.00", totalBudget: "10.00", startsAt: "2027-01-01T00:00:00Z" } });
      const pause = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key });
      for (const answer of [patch, post, pause]) {
        expect(answer).toMatchObject({ status: 403, body: errorBody("forbidden", "This API key is read-only: it may not create, edit, pause, resume and archive campaigns and creatives. Create a key with read and write access for this.") });
      }
      expect(await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).toEqual(before);
      expect(await world.prisma.campaign.count()).toBe(campaigns);
    });

    it("the key of a MEMBER demoted to VIEWER: writes and campaign reads are 403 naming the role, reports still answer", async () => {
      const { userId, membershipId } = await world.newMember(ADVERTISER_ORG, "MEMBER");
      const { key } = await world.newKey(ADVERTISER_ORG, { name: "demoted", userId });
      expect((await api("GET", "/api/v1/campaigns", { key })).status).toBe(200);

      await world.prisma.membership.update({ where: { id: membershipId }, data: { role: "VIEWER" } });
      const pause = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key });
      expect(pause).toMatchObject({
        status: 403,
        body: errorBody(
          "forbidden",
          "The key's creator's role (Read-only) does not allow this: create, edit, pause, resume and archive campaigns and creatives. Ask an owner or an admin of the organisation.",
        ),
      });
      expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).status).toBe("ACTIVE");
      expect(await api("GET", "/api/v1/campaigns", { key })).toMatchObject({ status: 403, body: errorBody("forbidden", apiAuthMessages.creatorRole("VIEWER", "campaigns:read")) });
      expect((await api("GET", "/api/v1/reports/advertiser?from=2026-11-20&to=2026-11-20", { key })).status).toBe(200);
    });

    it("a demoted member's key answers again once they are made a MEMBER again (the role is read on every request)", async () => {
      const { userId, membershipId } = await world.newMember(ADVERTISER_ORG, "MEMBER");
      const { key } = await world.newKey(ADVERTISER_ORG, { name: "promoted", userId });
      await world.prisma.membership.update({ where: { id: membershipId }, data: { role: "VIEWER" } });
      expect((await api("GET", "/api/v1/campaigns/demo-campaign-house", { key })).status).toBe(403);
      await world.prisma.membership.update({ where: { id: membershipId }, data: { role: "MEMBER" } });
      expect((await api("GET", "/api/v1/campaigns/demo-campaign-house", { key })).status).toBe(200);
    });
  });

  describe("a key whose creator left, or that expired", () => {
    it("a member creates a key, an owner removes the member: pausing a campaign with it answers 401 and pauses nothing", async () => {
      const { userId, membershipId } = await world.newMember(ADVERTISER_ORG, "MEMBER");
      const { id, key } = await world.newKey(ADVERTISER_ORG, { name: "leaver's script", userId });
      expect((await api("GET", "/api/v1/campaigns/demo-campaign-spring", { key })).status).toBe(200);

      await removeMember({ organizationId: ADVERTISER_ORG, userId: "demo-user-advertiser" }, membershipId, { prisma: world.prisma, invalidate: async () => {} });

      const pause = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key });
      expect(pause).toMatchObject({ status: 401, body: errorBody("unauthorized", apiAuthMessages.invalid) });
      expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).status).toBe("ACTIVE");
      // Removing the member revoked the key too (lib/members/remove-member.ts).
      expect((await world.prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeInstanceOf(Date);
    });

    it("a creator no longer a member answers 401 even when the key was never revoked (authentication checks membership)", async () => {
      const { userId, membershipId } = await world.newMember(ADVERTISER_ORG, "ADMIN");
      const { id, key } = await world.newKey(ADVERTISER_ORG, { name: "unrevoked", userId });
      await world.prisma.membership.delete({ where: { id: membershipId } });
      expect((await world.prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
      const pause = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key });
      expect(pause).toMatchObject({ status: 401, body: errorBody("unauthorized", apiAuthMessages.invalid) });
      expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).status).toBe("ACTIVE");
    });

    it("an expired key answers 401 like a revoked one; one that expires later answers", async () => {
      const { id, key } = await world.newKey(ADVERTISER_ORG, { name: "expires", expiry: { kind: "days", days: 30 } });
      expect((await api("GET", "/api/v1/campaigns", { key })).status).toBe(200);
      await world.prisma.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await api("GET", "/api/v1/campaigns", { key });
      const revoked = await api("GET", "/api/v1/campaigns", { key: world.keys.revoked });
      expect(expired).toMatchObject({ status: 401, body: errorBody("unauthorized", apiAuthMessages.invalid) });
      expect(expired.body).toEqual(revoked.body);
      expect(expired.headers.get("www-authenticate")).toBe('Bearer realm="marquee"');
    });
  });
});
