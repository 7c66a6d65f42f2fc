// GET /c/<token> for creatives whose stored landing URL breaks today's rules (stored before
// them, or written to the database directly): a URL with user info reads as one host and
// goes to another, so the click is answered like one for an ad that no longer exists — from
// the cached active set (a served creative) and from the database (an archived one) alike.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeCampaigns, invalidateActiveCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { clickUrl } from "@/lib/offers/offer-urls";
import { createApiWorld, type ApiWorld } from "../api/api-world";

const CAMPAIGN = "demo-campaign-tents";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
  const creative = (id: string, landingUrl: string, archivedAt: Date | null = null) => ({
    id,
    campaignId: CAMPAIGN,
    name: id,
    kind: "TEXT" as const,
    width: 300,
    height: 250,
    headline: "Tents",
    landingUrl,
    reviewStatus: "APPROVED" as const,
    archivedAt,
  });
  await world.prisma.creative.createMany({
    data: [
      creative("legacy-plain", "https://northwind.example/tents"),
      creative("legacy-user", "https://northwind.example@evil.example/"),
      creative("legacy-password", "https://user:pass@northwind.example/"),
      creative("legacy-archived-user", "https://northwind.example@evil.example/", new Date()),
    ],
  });
  await invalidateActiveCampaigns();
});
afterAll(async () => {
  await world?.close();
});

function tokenFor(creativeId: string): string {
  const offer: Offer = {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: CAMPAIGN,
    creativeId,
    placementId: "demo-placement-sidebar",
    pricingModel: "CPC",
    priceMicros: 500_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "ZZ",
    device: "DESKTOP",
    viewer: "v",
    capPeriodSeconds: 0,
    page: "-",
  };
  return signOffer(offer, env().MARQUEE_SECRET);
}

async function click(creativeId: string): Promise<Response> {
  const token = tokenFor(creativeId);
  const { GET } = await import("@/app/c/[token]/route");
  // A link checker's HEAD: redirected like any click, never recorded (no after() outside Next).
  return GET(new Request(`http://localhost/c/${token}`, { method: "HEAD", headers: { "user-agent": "Googlebot/2.1" } }), { params: Promise.resolve({ token }) });
}

describe("GET /c/<token> with a stored landing URL", () => {
  it("serves the creatives from the active set (the cached path)", async () => {
    const served = (await activeCampaigns().get()).campaigns.flatMap((campaign) => campaign.creatives.map((creative) => creative.id));
    expect(served).toEqual(expect.arrayContaining(["legacy-plain", "legacy-user", "legacy-password"]));
    expect(served).not.toContain("legacy-archived-user");
  });

  it("redirects to a valid one", async () => {
    const response = await click("legacy-plain");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://northwind.example/tents");
  });

  it("names the request in x-request-id (generated off Vercel), on a redirect and on a refusal alike", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const [redirected, refused] = [await click("legacy-plain"), await click("legacy-user")];
    expect([redirected.status, refused.status]).toEqual([302, 404]);
    expect(redirected.headers.get("x-request-id")).toMatch(uuid);
    expect(refused.headers.get("x-request-id")).toMatch(uuid);
    expect(refused.headers.get("x-request-id")).not.toBe(redirected.headers.get("x-request-id"));
  });

  it.each([
    ["a user name, served", "legacy-user"],
    ["a user name and password, served", "legacy-password"],
    ["a user name, archived (read from the database)", "legacy-archived-user"],
  ])("with %s: 404 as for an ad that no longer exists, no redirect", async (_name, creativeId) => {
    const response = await click(creativeId);
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "This ad no longer exists." } });
  });
});

describe("GET /c?t=<token>, the form /api/serve hands out", () => {
  const head = async (url: string) => {
    const { HEAD } = await import("@/app/c/route");
    return HEAD(new NextRequest(url, { method: "HEAD", headers: { "user-agent": "Googlebot/2.1" } }));
  };

  it("redirects as the path form does, and refuses what it refuses", async () => {
    const redirected = await head(clickUrl("http://localhost", tokenFor("legacy-plain")));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("location")).toBe("https://northwind.example/tents");
    expect(redirected.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect((await head(clickUrl("http://localhost", tokenFor("legacy-user")))).status).toBe(404);
  });

  it("takes the first t, whatever else the query holds", async () => {
    const url = `${clickUrl("http://localhost", tokenFor("legacy-plain"))}&t=not-a-token&utm_source=x`;
    expect((await head(url)).headers.get("location")).toBe("https://northwind.example/tents");
  });

  it.each([
    ["no token", "http://localhost/c"],
    ["an empty token", "http://localhost/c?t="],
    ["a damaged token", "http://localhost/c?t=v2.garbage"],
  ])("with %s: 400 and a message a person understands, no redirect", async (_name, url) => {
    const response = await head(url);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toBe("This ad link is not valid.");
  });
});
