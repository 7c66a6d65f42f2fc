// The publisher endpoints on the demo data: sites, placements and the report, each answer
// checked against its documented schema; validation, other organisations' ids, and the
// active_campaigns cache after every placement mutation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "@/lib/api/v1/operations";
import { activeCampaigns } from "@/lib/cache";
import { ARCHIVED_PLACEMENT_MESSAGE } from "@/lib/placements/update-placement";
import { DUPLICATE_DOMAIN_MESSAGE } from "@/lib/sites/create-site";
import { api, createApiWorld, errorBody, invalidations, OTHER_PLACEMENT, OTHER_PUBLISHER_ORG, OTHER_SITE, PUBLISHER_ORG, type ApiWorld } from "./api-world";

let world: ApiWorld;
let key: string;
beforeAll(async () => {
  world = await createApiWorld();
  key = world.keys.publisher;
});
afterAll(async () => {
  await world?.close();
});

const DEMO_PLACEMENTS = ["demo-placement-sidebar", "demo-placement-leaderboard", "demo-placement-mobile", "demo-placement-halfpage"];

let siteCount = 0;
async function createSite() {
  siteCount += 1;
  const answer = await api("POST", "/api/v1/sites", { key, body: { name: `Summit Journal ${siteCount}`, domain: `summit-${siteCount}.example` } });
  expect(answer.status).toBe(201);
  return answer.body as { id: string };
}

async function createPlacement(siteId: string, body: Record<string, unknown> = {}) {
  const answer = await api("POST", `/api/v1/sites/${siteId}/placements`, { key, body: { name: "Sidebar", size: "300x250", ...body } });
  expect(answer.status).toBe(201);
  return answer.body as { id: string };
}

const servedPlacements = async () => (await activeCampaigns().get()).placements.map((placement) => placement.id);

describe("sites", () => {
  it("GET /sites lists the organisation's sites only", async () => {
    const answer = await api("GET", "/api/v1/sites", { key });
    expect(answer.status).toBe(200);
    const list = responseSchemas.SiteList.parse(answer.body);
    expect(list.data.map((site) => site.id)).toContain("demo-site-trailhead");
    expect(list.data.map((site) => site.id)).not.toContain(OTHER_SITE);
    expect(list.data.find((site) => site.id === "demo-site-trailhead")).toMatchObject({ name: "Trailhead Daily", domain: "trailhead.example" });
  });

  it("POST /sites adds one (201), its pasted URL reduced to the domain", async () => {
    const answer = await api("POST", "/api/v1/sites", { key, body: { name: "Ridge Weekly", domain: "https://News.Ridge-Weekly.example/articles/" } });
    expect(answer.status).toBe(201);
    expect(responseSchemas.Site.parse(answer.body)).toMatchObject({ name: "Ridge Weekly", domain: "news.ridge-weekly.example" });
    expect(await world.prisma.site.findUniqueOrThrow({ where: { id: answer.body.id } })).toMatchObject({ organizationId: PUBLISHER_ORG });
  });

  it("a domain that is already one of the organisation's sites: 409 naming the field", async () => {
    const answer = await api("POST", "/api/v1/sites", { key, body: { name: "Again", domain: "trailhead.example" } });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: "conflict", message: DUPLICATE_DOMAIN_MESSAGE, details: [{ path: "domain", message: DUPLICATE_DOMAIN_MESSAGE }] } });
  });

  it("GET and PATCH /sites/{id}: a rename keeps the domain", async () => {
    const { id } = await createSite();
    expect(await api("GET", `/api/v1/sites/${id}`, { key })).toMatchObject({ status: 200, body: { id } });
    const answer = await api("PATCH", `/api/v1/sites/${id}`, { key, body: { name: "Summit Journal (renamed)" } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Site.parse(answer.body)).toMatchObject({ name: "Summit Journal (renamed)", domain: `summit-${siteCount}.example` });
  });

  it("POST /sites takes extra domains as a list, each reduced to its host; the site lists them", async () => {
    const answer = await api("POST", "/api/v1/sites", {
      key,
      body: { name: "Ridge Daily", domain: "ridge-daily.example", extraDomains: ["Ridge-News.example", "https://amp.ridge-daily.example/story", "ridge-news.example"] },
    });
    expect(answer.status).toBe(201);
    expect(responseSchemas.Site.parse(answer.body)).toMatchObject({ domain: "ridge-daily.example", extraDomains: ["ridge-news.example", "amp.ridge-daily.example"] });
    expect(await api("GET", `/api/v1/sites/${answer.body.id}`, { key })).toMatchObject({ body: { extraDomains: ["ridge-news.example", "amp.ridge-daily.example"] } });
  });

  it("PATCH /sites/{id} with extra domains saves them and invalidates the active set, which serves the placements with them", async () => {
    const { id: siteId } = await createSite();
    const { id: placementId } = await createPlacement(siteId);
    const before = await invalidations();
    const answer = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { extraDomains: ["summit-mirror.example"] } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Site.parse(answer.body)).toMatchObject({ domain: `summit-${siteCount}.example`, extraDomains: ["summit-mirror.example"] });
    expect(await invalidations()).toBe(before + 1);
    const served = (await activeCampaigns().get()).placements.find((placement) => placement.id === placementId);
    expect(served?.domains).toEqual([`summit-${siteCount}.example`, "summit-mirror.example"]);

    // A rename leaves the domains, and the active set, as they are.
    const rename = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { name: "Summit Journal (renamed)" } });
    expect(rename.body).toMatchObject({ name: "Summit Journal (renamed)", extraDomains: ["summit-mirror.example"] });
    expect(await invalidations()).toBe(before + 1);
  });

  it("blocked domains: none unless sent; PATCH saves them as hosts, invalidates, and the active set serves them; a rename keeps them; 422 for what is no domain", async () => {
    const { id: siteId } = await createSite();
    expect(responseSchemas.Site.parse((await api("GET", `/api/v1/sites/${siteId}`, { key })).body).blockedDomains).toEqual([]);
    const { id: placementId } = await createPlacement(siteId);
    const before = await invalidations();
    const answer = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { blockedDomains: ["https://Rival.example/spring", "casino.example"] } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Site.parse(answer.body).blockedDomains).toEqual(["rival.example", "casino.example"]);
    expect(await invalidations()).toBe(before + 1);
    expect((await activeCampaigns().get()).placements.find((placement) => placement.id === placementId)?.blockedDomains).toEqual(["rival.example", "casino.example"]);
    const rename = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { name: "Summit Journal (blocking)" } });
    expect(rename.body).toMatchObject({ blockedDomains: ["rival.example", "casino.example"] });
    expect(await invalidations()).toBe(before + 1);

    const bad = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { blockedDomains: "rival.example" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: "blockedDomains", message: 'Send the blocked domains as a list of host names, e.g. ["rival.example"].' }]);
    const port = await api("POST", "/api/v1/sites", { key, body: { name: "Port", domain: "port.example", blockedDomains: ["rival.example:443"] } });
    expect(port.status).toBe(422);
    expect(port.body.error.details).toEqual([{ path: "blockedDomains", message: "“rival.example:443” is not a domain: enter host names like example.org (no port or path)." }]);
  });

  it("invalid extra domains: 422 naming them; more than 20: 422", async () => {
    const answer = await api("POST", "/api/v1/sites", { key, body: { name: "Bad", domain: "bad.example", extraDomains: ["ok.example", "bad.example:8080"] } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([{ path: "extraDomains", message: "“bad.example:8080” is not a domain: enter host names like example.org (no port or path)." }]);
    const many = await api("POST", "/api/v1/sites", { key, body: { name: "Many", domain: "many.example", extraDomains: Array.from({ length: 21 }, (_, index) => `m${index}.example`) } });
    expect(many.status).toBe(422);
    expect(many.body.error.details).toEqual([{ path: "extraDomains", message: "List at most 20 extra domains (there are 21)." }]);
    const text = await api("POST", "/api/v1/sites", { key, body: { name: "Text", domain: "text.example", extraDomains: "a.example" } });
    expect(text.status).toBe(422);
    expect(text.body.error.details).toEqual([{ path: "extraDomains", message: 'Send the extra domains as a list of host names, e.g. ["example.org"].' }]);
  });

  it("a site's disclosure label: Ad unless sent; PATCH changes it, invalidates, and the active set serves it", async () => {
    const { id: siteId } = await createSite();
    expect(responseSchemas.Site.parse((await api("GET", `/api/v1/sites/${siteId}`, { key })).body).adLabel).toBe("Ad");
    const { id: placementId } = await createPlacement(siteId);
    const before = await invalidations();
    const answer = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { adLabel: "Sponsored" } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Site.parse(answer.body)).toMatchObject({ name: `Summit Journal ${siteCount}`, adLabel: "Sponsored" });
    expect(await invalidations()).toBe(before + 1);
    expect((await activeCampaigns().get()).placements.find((placement) => placement.id === placementId)?.label).toBe("Sponsored");

    // Another field's PATCH keeps the label.
    const rename = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { name: "Summit Journal (relabelled)" } });
    expect(rename.body).toMatchObject({ adLabel: "Sponsored" });
    const created = await api("POST", "/api/v1/sites", { key, body: { name: "Anzeiger", domain: "anzeiger.example", adLabel: "Anzeige" } });
    expect(created).toMatchObject({ status: 201, body: { adLabel: "Anzeige" } });
  });

  it.each([
    ["", "Enter the label every ad shows, e.g. Ad or Sponsored."],
    ["x".repeat(21), "Keep the label to 20 characters or fewer."],
    ["<i>Ad</i>", "Use plain text for the label (no < or >, no line breaks)."],
    [42, "Enter the label as text."],
  ])("an invalid label %j: 422 naming adLabel, the site unchanged", async (adLabel, message) => {
    const { id: siteId } = await createSite();
    const answer = await api("PATCH", `/api/v1/sites/${siteId}`, { key, body: { adLabel } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([{ path: "adLabel", message }]);
    expect((await api("GET", `/api/v1/sites/${siteId}`, { key })).body).toMatchObject({ adLabel: "Ad" });
  });

  it("an invalid site: 422 with the form's message", async () => {
    const answer = await api("POST", "/api/v1/sites", { key, body: { name: " ", domain: "localhost:8080" } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([
      { path: "name", message: "Name the site." },
      { path: "domain", message: "Enter a domain like example.com (no port or path)." },
    ]);
  });
});

describe("placements", () => {
  it("GET /sites/{id}/placements lists them with the snippet to paste", async () => {
    const answer = await api("GET", "/api/v1/sites/demo-site-trailhead/placements", { key });
    expect(answer.status).toBe(200);
    const list = responseSchemas.PlacementList.parse(answer.body);
    expect(list.data.map((placement) => placement.id).sort()).toEqual([...DEMO_PLACEMENTS].sort());
    expect(list.data.find((placement) => placement.id === "demo-placement-sidebar")).toMatchObject({
      siteId: "demo-site-trailhead",
      size: "300x250",
      keywords: ["outdoor", "hiking"],
      floorPrice: "0.00",
      embedSnippet: '<script async src="http://localhost/embed.js"></script>\n<div data-marquee-placement="demo-placement-sidebar"></div>',
    });
  });

  it("POST /sites/{id}/placements creates one (201) that serves at once: the active set is invalidated", async () => {
    const { id: siteId } = await createSite();
    const before = await invalidations();
    const answer = await api("POST", `/api/v1/sites/${siteId}/placements`, { key, body: { name: "Leaderboard", size: "728x90", keywords: ["News", "news"], floorPrice: "1.5" } });
    expect(answer.status).toBe(201);
    const placement = responseSchemas.Placement.parse(answer.body);
    expect(placement).toMatchObject({ siteId, size: "728x90", width: 728, height: 90, keywords: ["news"], floorPrice: "1.50", archivedAt: null });
    expect((await world.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).floorPriceMicros).toBe(1_500_000n);
    expect(await invalidations()).toBe(before + 1);
    expect(await servedPlacements()).toContain(placement.id);
  });

  it("PATCH /placements/{id} changes only the fields sent, and invalidates", async () => {
    const { id: siteId } = await createSite();
    const { id } = await createPlacement(siteId, { keywords: ["outdoor"] });
    const before = await invalidations();
    const answer = await api("PATCH", `/api/v1/placements/${id}`, { key, body: { floorPrice: "2.5" } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Placement.parse(answer.body)).toMatchObject({ name: "Sidebar", size: "300x250", keywords: ["outdoor"], floorPrice: "2.50" });
    expect(await invalidations()).toBe(before + 1);
  });

  it("DELETE /placements/{id} archives it (204): it leaves the active set, keeps its record, and cannot be changed (409)", async () => {
    const { id: siteId } = await createSite();
    const { id } = await createPlacement(siteId);
    expect(await servedPlacements()).toContain(id);
    const before = await invalidations();
    expect(await api("DELETE", `/api/v1/placements/${id}`, { key })).toMatchObject({ status: 204, body: null });
    expect(await invalidations()).toBe(before + 1);
    expect(await servedPlacements()).not.toContain(id);

    const fetched = await api("GET", `/api/v1/placements/${id}`, { key });
    expect(fetched).toMatchObject({ status: 200, body: { id, embedSnippet: null } });
    expect(fetched.body.archivedAt).toEqual(expect.any(String));
    const patched = await api("PATCH", `/api/v1/placements/${id}`, { key, body: { name: "Back" } });
    expect(patched).toMatchObject({ status: 409, body: errorBody("conflict", ARCHIVED_PLACEMENT_MESSAGE) });
  });

  it("an invalid placement: 422 with the form's messages; nothing created", async () => {
    const count = await world.prisma.placement.count();
    const answer = await api("POST", "/api/v1/sites/demo-site-trailhead/placements", { key, body: { name: "", size: "1x1", floorPrice: "-1" } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([{ path: "size", message: "Choose one of the listed sizes." }]);
    const rules = await api("POST", "/api/v1/sites/demo-site-trailhead/placements", { key, body: { name: "", size: "300x250", floorPrice: "-1" } });
    expect(rules.body.error.details).toEqual([
      { path: "name", message: "Name the placement." },
      { path: "floorPrice", message: "The floor price cannot be negative." },
    ]);
    expect(await world.prisma.placement.count()).toBe(count);
  });
});

describe("another organisation's ids", () => {
  const calls: Array<[string, "GET" | "POST" | "PATCH" | "DELETE", string, unknown, string]> = [
    ["get a site", "GET", "/api/v1/sites/demo-site-trailhead", undefined, "Site not found."],
    ["update a site", "PATCH", "/api/v1/sites/demo-site-trailhead", { domain: "hijacked.example" }, "Site not found."],
    ["list a site's placements", "GET", "/api/v1/sites/demo-site-trailhead/placements", undefined, "Site not found."],
    ["add a placement", "POST", "/api/v1/sites/demo-site-trailhead/placements", { name: "Mine now", size: "300x250" }, "Site not found."],
    ["get a placement", "GET", "/api/v1/placements/demo-placement-sidebar", undefined, "Placement not found."],
    ["update a placement", "PATCH", "/api/v1/placements/demo-placement-sidebar", { floorPrice: "999" }, "Placement not found."],
    ["archive a placement", "DELETE", "/api/v1/placements/demo-placement-sidebar", undefined, "Placement not found."],
    ["read a placement's report", "GET", "/api/v1/reports/publisher?placementId=demo-placement-sidebar", undefined, "Placement not found."],
  ];

  const snapshot = () =>
    world.prisma.site.findMany({ where: { organizationId: { in: [PUBLISHER_ORG, OTHER_PUBLISHER_ORG] } }, include: { placements: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });

  it.each(calls)("%s: 404, exactly as for an id that exists nowhere; nothing changes, nothing is invalidated", async (_name, method, url, body, message) => {
    const before = await snapshot();
    const invalidationsBefore = await invalidations();
    const foreign = await api(method, url, { key: world.keys.otherPublisher, body });
    expect(foreign).toMatchObject({ status: 404, body: errorBody("not_found", message) });
    const missing = await api(method, url.replace(/demo-(site|placement)-[a-z-]+/, "no-such-$1"), { key: world.keys.otherPublisher, body });
    expect({ status: missing.status, body: missing.body }).toEqual({ status: foreign.status, body: foreign.body });
    expect(await snapshot()).toEqual(before);
    expect(await invalidations()).toBe(invalidationsBefore);
  });

  it("the other organisation sees only its own site", async () => {
    const answer = await api("GET", "/api/v1/sites", { key: world.keys.otherPublisher });
    expect(answer.body.data.map((site: { id: string }) => site.id)).toEqual([OTHER_SITE]);
  });
});

describe("GET /api/v1/reports/publisher", () => {
  beforeAll(async () => {
    const hour = new Date("2026-11-20T10:00:00Z");
    await world.prisma.hourlyStat.createMany({
      data: [
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", impressions: 2_000, clicks: 40, spendMicros: 8_000_000n },
        // Invalid traffic: recorded beside the billed numbers, never in them (nor earned).
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", validity: "CLIENT_MISMATCH", impressions: 120, clicks: 4 },
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-mobile", validity: "RATE_LIMIT", impressions: 30, clicks: 9 },
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: OTHER_PLACEMENT, impressions: 300, clicks: 3, spendMicros: 1_200_000n },
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: OTHER_PLACEMENT, validity: "BOT", impressions: 900, clicks: 90 },
      ],
    });
  });

  it("answers earnings per site and placement, only the organisation's placements", async () => {
    const answer = await api("GET", "/api/v1/reports/publisher?from=2026-11-20&to=2026-11-20", { key });
    expect(answer.status).toBe(200);
    const report = responseSchemas.PublisherReport.parse(answer.body);
    expect(report).toMatchObject({
      from: "2026-11-20",
      to: "2026-11-20",
      placementId: null,
      totals: { impressions: 2_000, clicks: 40, earnings: "8.00", ctrPercent: 2, ecpm: "4.00", ecpc: "0.20" },
    });
    expect(report.placements).toEqual([
      expect.objectContaining({ placementId: "demo-placement-mobile", impressions: 0, earnings: "0.00", invalidImpressions: 30, invalidClicks: 9 }),
      expect.objectContaining({ placementId: "demo-placement-sidebar", siteDomain: "trailhead.example", earnings: "8.00", invalidImpressions: 120, invalidClicks: 4 }),
    ]);
    expect(report.sites).toEqual([expect.objectContaining({ siteId: "demo-site-trailhead", impressions: 2_000, invalidImpressions: 150, invalidClicks: 13 })]);
    expect(report.detail).toEqual([
      expect.objectContaining({ bucket: "2026-11-20", placementId: "demo-placement-mobile", impressions: 0, invalidImpressions: 30 }),
      expect.objectContaining({ bucket: "2026-11-20", placementId: "demo-placement-sidebar", impressions: 2_000, invalidImpressions: 120 }),
    ]);
  });

  it("carries the invalid traffic of the organisation's placements in the totals, by reason", async () => {
    const answer = await api("GET", "/api/v1/reports/publisher?from=2026-11-20&to=2026-11-20", { key });
    const report = responseSchemas.PublisherReport.parse(answer.body);
    expect(report.totals).toEqual({
      impressions: 2_000,
      clicks: 40,
      earnings: "8.00",
      ctrPercent: 2,
      ecpm: "4.00",
      ecpc: "0.20",
      invalidImpressions: 150,
      invalidClicks: 13,
      invalidByReason: {
        BOT: { impressions: 0, clicks: 0 },
        CLIENT_MISMATCH: { impressions: 120, clicks: 4 },
        RATE_LIMIT: { impressions: 30, clicks: 9 },
        OFF_DOMAIN: { impressions: 0, clicks: 0 },
      },
    });
    const other = await api("GET", "/api/v1/reports/publisher?from=2026-11-20&to=2026-11-20", { key: world.keys.otherPublisher });
    expect(other.body.totals).toMatchObject({ impressions: 300, invalidImpressions: 900, invalidClicks: 90, invalidByReason: { BOT: { impressions: 900, clicks: 90 } } });
  });

  it("filters by one placement", async () => {
    const answer = await api("GET", "/api/v1/reports/publisher?from=2026-11-20&to=2026-11-20&placementId=demo-placement-mobile", { key });
    expect(answer).toMatchObject({
      status: 200,
      body: { placementId: "demo-placement-mobile", totals: { impressions: 0, earnings: "0.00", invalidImpressions: 30, invalidClicks: 9, invalidByReason: { RATE_LIMIT: { impressions: 30, clicks: 9 } } } },
    });
  });
});
