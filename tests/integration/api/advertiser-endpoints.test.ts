// The advertiser endpoints on the demo data: campaigns, creatives and the report, each
// answer checked against its documented schema; validation, other organisations' ids, and
// the active_campaigns cache after every mutation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "@/lib/api/v1/operations";
import { activeCampaigns } from "@/lib/cache";
import { INVALID_CAMPAIGN_CURSOR_MESSAGE } from "@/lib/campaigns/campaign-cursor";
import { UNKNOWN_PLACEMENT_MESSAGE } from "@/lib/campaigns/campaign-data";
import { campaignMessages, moneyMessages } from "@/lib/zod/schemas/campaigns";
import { creativeMessages } from "@/lib/zod/schemas/creatives";
import { ADVERTISER_ORG, api, createApiWorld, DEMO_CAMPAIGNS, errorBody, invalidations, OTHER_ADVERTISER_ORG, OTHER_CAMPAIGN, type ApiWorld } from "./api-world";

let world: ApiWorld;
let key: string;
beforeAll(async () => {
  world = await createApiWorld();
  key = world.keys.advertiser;
});
afterAll(async () => {
  await world?.close();
});

const newCampaign = {
  name: "Autumn jackets",
  status: "ACTIVE",
  startsAt: "2026-09-01T08:00:00+02:00",
  endsAt: "2027-03-01T00:00:00Z",
  pricingModel: "CPM",
  price: "3.50",
  totalBudget: "1500",
  dailyBudget: "75.25",
  frequencyCapCount: 3,
  frequencyCapPeriod: "day",
  targetSizes: ["300x250"],
  countriesInclude: ["us", "CA"],
  devices: ["DESKTOP", "MOBILE"],
  keywords: ["Hiking"],
  weekdays: [1, 2, 3],
};

const textCreative = { name: "Jackets text", kind: "TEXT", size: "300x250", headline: "Warm jackets", body: "Down from 400 g.", landingUrl: "https://northwind.example/jackets" };

async function createCampaign(overrides: Record<string, unknown> = {}) {
  const answer = await api("POST", "/api/v1/campaigns", { key, body: { ...newCampaign, ...overrides } });
  expect(answer.status).toBe(201);
  return answer.body as { id: string };
}

const served = async () => (await activeCampaigns().get()).campaigns.map((campaign) => campaign.id);

describe("campaigns", () => {
  it("GET /campaigns lists the organisation's campaigns (the demo ones), not another organisation's", async () => {
    const answer = await api("GET", "/api/v1/campaigns", { key });
    expect(answer.status).toBe(200);
    const list = responseSchemas.CampaignList.parse(answer.body);
    expect(list.data.map((campaign) => campaign.id)).toEqual(expect.arrayContaining(DEMO_CAMPAIGNS));
    expect(list.data.map((campaign) => campaign.id)).not.toContain(OTHER_CAMPAIGN);
    expect(list.data.find((campaign) => campaign.id === "demo-campaign-spring")).toMatchObject({
      name: "Spring trail shoes",
      status: "ACTIVE",
      pricingModel: "CPM",
      price: "4.00",
      totalBudget: "5000.00",
      dailyBudget: "200.00",
      spent: "0.00",
      creativeCounts: { approved: 2, pending: 0, rejected: 0 },
    });
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
  });

  it("GET /campaigns says whether each campaign can serve, and why not: an active one without an approved creative does not", async () => {
    const created = await createCampaign({ name: "No creative yet", startsAt: "2026-01-01T00:00:00Z", endsAt: null });
    expect((await api("POST", `/api/v1/campaigns/${created.id}/creatives`, { key, body: textCreative })).status).toBe(201);
    const list = responseSchemas.CampaignList.parse((await api("GET", "/api/v1/campaigns", { key })).body);
    const byId = (id: string) => list.data.find((campaign) => campaign.id === id);
    expect(byId(created.id)).toMatchObject({ status: "ACTIVE", servingStatus: { state: "no-approved-creative", label: "Not serving: no approved creative" } });
    expect(byId("demo-campaign-spring")).toMatchObject({ status: "ACTIVE", servingStatus: { state: "serving", label: "Serving" } });
  });

  it("GET /campaigns pages in the list's order with nextCursor: each campaign once, ties on createdAt kept apart by id, a campaign created between pages shifts nothing", async () => {
    // Five campaigns of one status with one creation instant: only the id orders them.
    const tied = new Date("2026-02-03T04:05:06.789Z");
    const created: string[] = [];
    for (const name of ["Tie A", "Tie B", "Tie C", "Tie D", "Tie E"]) created.push((await createCampaign({ name, status: "DRAFT" })).id);
    await world.prisma.campaign.updateMany({ where: { id: { in: created } }, data: { createdAt: tied } });
    await createCampaign({ name: "Paused one", status: "ACTIVE" }).then(({ id }) => api("POST", `/api/v1/campaigns/${id}/pause`, { key }));

    const whole = responseSchemas.CampaignList.parse((await api("GET", `/api/v1/campaigns?limit=200`, { key })).body);
    expect(whole.nextCursor).toBeNull();
    const stored = await world.prisma.campaign.findMany({ where: { organizationId: ADVERTISER_ORG }, select: { id: true, status: true } });
    expect(whole.data.map((campaign) => campaign.id).sort()).toEqual(stored.map((campaign) => campaign.id).sort());
    // Running first, then paused, drafts, completed, archived; the tied drafts by id.
    const rank = ["ACTIVE", "PAUSED", "DRAFT", "COMPLETED", "ARCHIVED"];
    const ranks = whole.data.map((campaign) => rank.indexOf(campaign.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(whole.data.map((campaign) => campaign.id).filter((id) => created.includes(id))).toEqual([...created].sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await api("GET", `/api/v1/campaigns?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key });
      expect(answer.status).toBe(200);
      const page = responseSchemas.CampaignList.parse(answer.body);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((campaign) => campaign.id));
      cursor = page.nextCursor;
      // A new running campaign after the first page sorts before the cursor: it is not in the later pages, and nothing repeats.
      if (pages++ === 0) await createCampaign({ name: "Created while paging", status: "ACTIVE" });
    } while (cursor);
    expect(seen).toEqual(whole.data.map((campaign) => campaign.id));

    const drafts = responseSchemas.CampaignList.parse((await api("GET", "/api/v1/campaigns?status=DRAFT&limit=3", { key })).body);
    expect(drafts.data.every((campaign) => campaign.status === "DRAFT")).toBe(true);
    expect(drafts.data).toHaveLength(3);
    const rest = responseSchemas.CampaignList.parse((await api("GET", `/api/v1/campaigns?status=DRAFT&limit=200&cursor=${drafts.nextCursor}`, { key })).body);
    expect([...drafts.data, ...rest.data].map((campaign) => campaign.id)).toEqual(whole.data.filter((campaign) => campaign.status === "DRAFT").map((campaign) => campaign.id));
    expect(rest.nextCursor).toBeNull();
  });

  it("GET /campaigns refuses a cursor it did not make or one from another status filter (400), a bad limit, status or unknown parameter (422)", async () => {
    const bad = errorBody("bad_request", INVALID_CAMPAIGN_CURSOR_MESSAGE);
    expect(await api("GET", "/api/v1/campaigns?cursor=nonsense", { key })).toMatchObject({ status: 400, body: bad });
    const forged = Buffer.from("RUNNING|2026-01-01T00:00:00.000Z|x").toString("base64url");
    expect(await api("GET", `/api/v1/campaigns?cursor=${forged}`, { key })).toMatchObject({ status: 400, body: bad });
    const active = responseSchemas.CampaignList.parse((await api("GET", "/api/v1/campaigns?status=ACTIVE&limit=1", { key })).body);
    expect(active.nextCursor).not.toBeNull();
    expect(await api("GET", `/api/v1/campaigns?status=DRAFT&cursor=${active.nextCursor}`, { key })).toMatchObject({ status: 400, body: bad });
    for (const query of ["limit=0", "limit=201", "limit=two", "status=RUNNING", "page=2"]) expect((await api("GET", `/api/v1/campaigns?${query}`, { key })).status, query).toBe(422);
  });

  it("POST /campaigns creates it (201) with exact money and UTC dates, and invalidates the active set", async () => {
    const before = await invalidations();
    const answer = await api("POST", "/api/v1/campaigns", { key, body: newCampaign });
    expect(answer.status).toBe(201);
    const campaign = responseSchemas.Campaign.parse(answer.body);
    expect(campaign).toMatchObject({
      name: "Autumn jackets",
      status: "ACTIVE",
      startsAt: "2026-09-01T06:00:00.000Z",
      endsAt: "2027-03-01T00:00:00.000Z",
      price: "3.50",
      totalBudget: "1500.00",
      dailyBudget: "75.25",
      frequencyCapCount: 3,
      frequencyCapPeriod: "day",
      countriesInclude: ["US", "CA"],
      keywords: ["hiking"],
      spent: "0.00",
    });
    expect(await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      organizationId: ADVERTISER_ORG,
      priceMicros: 3_500_000n,
      dailyBudgetMicros: 75_250_000n,
      frequencyCapPeriodSeconds: 86_400,
    });
    expect(await invalidations()).toBe(before + 1);
  });

  it("GET /campaigns/{id} answers every field", async () => {
    const answer = await api("GET", "/api/v1/campaigns/demo-campaign-tents", { key });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Campaign.parse(answer.body)).toMatchObject({ id: "demo-campaign-tents", pricingModel: "CPC", price: "0.60", endsAt: null, frequencyCapCount: null });
  });

  it("PATCH /campaigns/{id} changes only the fields sent, and invalidates", async () => {
    const { id } = await createCampaign();
    const before = await invalidations();
    const answer = await api("PATCH", `/api/v1/campaigns/${id}`, { key, body: { name: "Autumn jackets (EU)", dailyBudget: null } });
    expect(answer.status).toBe(200);
    expect(responseSchemas.Campaign.parse(answer.body)).toMatchObject({
      name: "Autumn jackets (EU)",
      dailyBudget: null,
      price: "3.50",
      startsAt: "2026-09-01T06:00:00.000Z",
      countriesInclude: ["US", "CA"],
      frequencyCapPeriod: "day",
    });
    expect(await invalidations()).toBe(before + 1);
  });

  it("pause and resume: the campaign leaves the active set and comes back, each time invalidated", async () => {
    expect(await served()).toContain("demo-campaign-spring");
    const before = await invalidations();

    const paused = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key });
    expect(paused.status).toBe(200);
    expect(responseSchemas.Campaign.parse(paused.body).status).toBe("PAUSED");
    expect(await invalidations()).toBe(before + 1);
    expect(await served()).not.toContain("demo-campaign-spring");

    const resumed = await api("POST", "/api/v1/campaigns/demo-campaign-spring/resume", { key });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe("ACTIVE");
    expect(await invalidations()).toBe(before + 2);
    expect(await served()).toContain("demo-campaign-spring");
  });

  it("resume starts a draft; pause of a draft is a 409 with the reason", async () => {
    const { id } = await createCampaign({ status: "DRAFT" });
    const refused = await api("POST", `/api/v1/campaigns/${id}/pause`, { key });
    expect(refused).toMatchObject({ status: 409, body: errorBody("conflict", "Only an active campaign can be paused.") });
    const started = await api("POST", `/api/v1/campaigns/${id}/resume`, { key });
    expect(started).toMatchObject({ status: 200, body: { status: "ACTIVE" } });
  });

  it("DELETE /campaigns/{id} archives it (204, no body, invalidated); an archived campaign cannot be changed (409)", async () => {
    const { id } = await createCampaign();
    const before = await invalidations();
    const answer = await api("DELETE", `/api/v1/campaigns/${id}`, { key });
    expect(answer).toMatchObject({ status: 204, body: null });
    expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("ARCHIVED");
    expect(await invalidations()).toBe(before + 1);

    expect(await api("DELETE", `/api/v1/campaigns/${id}`, { key })).toMatchObject({ status: 204 });
    const patched = await api("PATCH", `/api/v1/campaigns/${id}`, { key, body: { name: "Back" } });
    expect(patched).toMatchObject({ status: 409, body: errorBody("conflict", "This campaign is archived. Restore it first (it comes back paused).") });
    const resumed = await api("POST", `/api/v1/campaigns/${id}/resume`, { key });
    expect(resumed).toMatchObject({ status: 409, body: errorBody("conflict", "This campaign is archived. Restore it first (it comes back paused).") });
  });
});

describe("creatives", () => {
  it("GET /campaigns/{id}/creatives lists the campaign's creatives", async () => {
    const answer = await api("GET", "/api/v1/campaigns/demo-campaign-spring/creatives", { key });
    expect(answer.status).toBe(200);
    const list = responseSchemas.CreativeList.parse(answer.body);
    expect(list.data.map((creative) => creative.id).sort()).toEqual(["demo-creative-spring-leaderboard", "demo-creative-spring-mpu"]);
    expect(list.data[0]).toMatchObject({ campaignId: "demo-campaign-spring", kind: "IMAGE", reviewStatus: "APPROVED" });
  });

  it("POST /campaigns/{id}/creatives adds one waiting for review (201), and invalidates", async () => {
    const { id } = await createCampaign();
    const before = await invalidations();
    const answer = await api("POST", `/api/v1/campaigns/${id}/creatives`, { key, body: textCreative });
    expect(answer.status).toBe(201);
    expect(responseSchemas.Creative.parse(answer.body)).toMatchObject({
      campaignId: id,
      kind: "TEXT",
      size: "300x250",
      width: 300,
      height: 250,
      headline: "Warm jackets",
      imageUrl: null,
      reviewStatus: "PENDING",
      archivedAt: null,
    });
    expect(await invalidations()).toBe(before + 1);
  });

  it("GET, PATCH and DELETE /creatives/{id}: new content goes back to review; archiving keeps it", async () => {
    const { id: campaignId } = await createCampaign();
    const created = await api("POST", `/api/v1/campaigns/${campaignId}/creatives`, { key, body: textCreative });
    const id = created.body.id as string;
    await world.prisma.creative.update({ where: { id }, data: { reviewStatus: "APPROVED", reviewedAt: new Date() } });

    const fetched = await api("GET", `/api/v1/creatives/${id}`, { key });
    expect(fetched).toMatchObject({ status: 200, body: { id, reviewStatus: "APPROVED" } });

    const renamed = await api("PATCH", `/api/v1/creatives/${id}`, { key, body: { name: "Jackets text (v2)" } });
    expect(renamed).toMatchObject({ status: 200, body: { name: "Jackets text (v2)", headline: "Warm jackets", reviewStatus: "APPROVED" } });

    const before = await invalidations();
    const rewritten = await api("PATCH", `/api/v1/creatives/${id}`, { key, body: { headline: "Warmer jackets" } });
    expect(rewritten.status).toBe(200);
    expect(responseSchemas.Creative.parse(rewritten.body)).toMatchObject({ headline: "Warmer jackets", body: "Down from 400 g.", reviewStatus: "PENDING", reviewedAt: null });
    expect(await invalidations()).toBe(before + 1);

    expect(await api("DELETE", `/api/v1/creatives/${id}`, { key })).toMatchObject({ status: 204, body: null });
    expect(await invalidations()).toBe(before + 2);
    expect((await world.prisma.creative.findUniqueOrThrow({ where: { id } })).archivedAt).toBeInstanceOf(Date);
    const edited = await api("PATCH", `/api/v1/creatives/${id}`, { key, body: { name: "Again" } });
    expect(edited).toMatchObject({ status: 409, body: errorBody("conflict", "This creative is archived and can no longer be edited.") });
  });
});

describe("validation", () => {
  it("an invalid campaign: 422 with every problem by field, in the form's words; nothing created", async () => {
    const count = await world.prisma.campaign.count();
    const answer = await api("POST", "/api/v1/campaigns", { key, body: { ...newCampaign, name: "", price: "abc", dailyBudget: "2000", countriesExclude: ["CA"] } });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: {
        code: "unprocessable_entity",
        message: "The request is not valid.",
        details: [
          { path: "name", message: campaignMessages.name },
          { path: "price", message: moneyMessages.format },
          { path: "dailyBudget", message: campaignMessages.dailyOverTotal },
          { path: "countriesExclude", message: campaignMessages.countryOverlap(["CA"]) },
        ],
      },
    });
    expect(await world.prisma.campaign.count()).toBe(count);
  });

  it("JSON types are checked before the form's rules: a number for money, a missing field, an unknown field", async () => {
    const { startsAt: _dropped, ...withoutStart } = newCampaign;
    const answer = await api("POST", "/api/v1/campaigns", { key, body: { ...withoutStart, price: 3.5, budget: "10" } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([
      { path: "startsAt", message: "Send an ISO 8601 date and time with an offset, e.g. 2026-05-01T09:00:00Z." },
      { path: "price", message: 'Send the amount as a decimal string, e.g. "12.50".' },
      { path: "", message: 'Unrecognized key: "budget"' },
    ]);
  });

  it("a refusal of the domain about one field has the same shape", async () => {
    const answer = await api("POST", "/api/v1/campaigns", { key, body: { ...newCampaign, targetPlacementIds: ["no-such-placement"] } });
    expect(answer).toMatchObject({ status: 422, body: { error: { code: "unprocessable_entity", details: [{ path: "targetPlacementIds", message: UNKNOWN_PLACEMENT_MESSAGE }] } } });
  });

  it("refuses, alike, a placement of a publisher an operator hid from advertisers", async () => {
    await world.prisma.organization.update({ where: { id: "demo-org-publisher" }, data: { hiddenFromAdvertisers: true } });
    try {
      const answer = await api("POST", "/api/v1/campaigns", { key, body: { ...newCampaign, targetPlacementIds: ["demo-placement-sidebar"] } });
      expect(answer).toMatchObject({ status: 422, body: { error: { code: "unprocessable_entity", details: [{ path: "targetPlacementIds", message: UNKNOWN_PLACEMENT_MESSAGE }] } } });
    } finally {
      await world.prisma.organization.update({ where: { id: "demo-org-publisher" }, data: { hiddenFromAdvertisers: false } });
    }
  });

  it("a creative with a javascript: landing URL is refused with the form's message", async () => {
    const answer = await api("POST", "/api/v1/campaigns/demo-campaign-spring/creatives", { key, body: { ...textCreative, landingUrl: "javascript:alert(1)" } });
    expect(answer).toMatchObject({ status: 422, body: { error: { details: [{ path: "landingUrl", message: creativeMessages.landingUrlScheme }] } } });
  });

  it.each([
    ["POST", "/api/v1/campaigns/demo-campaign-spring/creatives", { ...textCreative, landingUrl: "https://northwind.example@evil.example/" }],
    ["PATCH", "/api/v1/creatives/demo-creative-tents-text", { landingUrl: "https://user:pass@northwind.example/" }],
  ] as const)("%s %s: a landing URL with user info is refused with the form's message, nothing stored", async (method, url, body) => {
    const before = await world.prisma.creative.findMany({ orderBy: { id: "asc" } });
    const answer = await api(method, url, { key, body });
    expect(answer).toMatchObject({ status: 422, body: { error: { details: [{ path: "landingUrl", message: creativeMessages.urlUserInfo }] } } });
    expect(await world.prisma.creative.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("an image creative whose image is another path on the ad server is refused with the form's message", async () => {
    const body = { name: "Sneaky", kind: "IMAGE", size: "300x250", imageUrl: "/api/auth/get-session", altText: "Shoes", landingUrl: "https://northwind.example/" };
    const answer = await api("POST", "/api/v1/campaigns/demo-campaign-spring/creatives", { key, body });
    expect(answer).toMatchObject({ status: 422, body: { error: { details: [{ path: "imageUrl", message: creativeMessages.imageUrlScheme }] } } });
  });

  it.each([
    ["a body that is not JSON", "{name: 'x'", "The request body is not valid JSON."],
    ["an empty body", "", "The request body is empty: send a JSON object."],
  ])("%s: 400", async (_name, body, message) => {
    const answer = await api("POST", "/api/v1/campaigns", { key, body });
    expect(answer).toMatchObject({ status: 400, body: errorBody("bad_request", message) });
  });

  it("a JSON body that is not an object: 422", async () => {
    const answer = await api("PATCH", "/api/v1/campaigns/demo-campaign-spring", { key, body: "[1, 2]" });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toHaveLength(1);
  });
});

describe("another organisation's ids", () => {
  const writes: Array<[string, "GET" | "POST" | "PATCH" | "DELETE", string, unknown]> = [
    ["get a campaign", "GET", "/api/v1/campaigns/demo-campaign-spring", undefined],
    ["update a campaign", "PATCH", "/api/v1/campaigns/demo-campaign-spring", { name: "Hijacked" }],
    ["archive a campaign", "DELETE", "/api/v1/campaigns/demo-campaign-spring", undefined],
    ["pause a campaign", "POST", "/api/v1/campaigns/demo-campaign-spring/pause", undefined],
    ["resume a campaign", "POST", "/api/v1/campaigns/demo-campaign-house/resume", undefined],
    ["list a campaign's creatives", "GET", "/api/v1/campaigns/demo-campaign-spring/creatives", undefined],
    ["add a creative", "POST", "/api/v1/campaigns/demo-campaign-spring/creatives", textCreative],
    ["get a creative", "GET", "/api/v1/creatives/demo-creative-tents-text", undefined],
    ["update a creative", "PATCH", "/api/v1/creatives/demo-creative-tents-text", { landingUrl: "https://evil.example/" }],
    ["archive a creative", "DELETE", "/api/v1/creatives/demo-creative-tents-text", undefined],
    ["read a campaign's report", "GET", "/api/v1/reports/advertiser?campaignId=demo-campaign-spring", undefined],
  ];

  const snapshot = () =>
    world.prisma.campaign.findMany({ where: { organizationId: { in: [ADVERTISER_ORG, OTHER_ADVERTISER_ORG] } }, include: { creatives: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });

  it.each(writes)("%s: 404, exactly as for an id that exists nowhere; nothing changes, nothing is invalidated", async (_name, method, url, body) => {
    const before = await snapshot();
    const invalidationsBefore = await invalidations();
    const foreign = await api(method, url, { key: world.keys.otherAdvertiser, body });
    const message = url.includes("/creatives/") ? "Creative not found." : "Campaign not found.";
    expect(foreign).toMatchObject({ status: 404, body: errorBody("not_found", message) });
    const missing = await api(method, url.replace(/demo-(campaign|creative)-[a-z-]+/, "no-such-$1"), { key: world.keys.otherAdvertiser, body });
    expect({ status: missing.status, body: missing.body }).toEqual({ status: foreign.status, body: foreign.body });
    expect(await snapshot()).toEqual(before);
    expect(await invalidations()).toBe(invalidationsBefore);
  });

  it("the other organisation's list has only its own campaign", async () => {
    const answer = await api("GET", "/api/v1/campaigns", { key: world.keys.otherAdvertiser });
    expect(answer.body.data.map((campaign: { id: string }) => campaign.id)).toEqual([OTHER_CAMPAIGN]);
  });
});

describe("GET /api/v1/reports/advertiser", () => {
  beforeAll(async () => {
    const hour = new Date("2026-11-20T10:00:00Z");
    await world.prisma.hourlyStat.createMany({
      data: [
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", country: "US", device: "DESKTOP", impressions: 1_000, clicks: 25, spendMicros: 4_000_000n },
        // Invalid traffic: recorded beside the billed numbers, never in them (nor charged).
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", country: "US", device: "DESKTOP", validity: "BOT", impressions: 300, clicks: 6 },
        { hour, campaignId: "demo-campaign-spring", creativeId: "demo-creative-spring-mpu", placementId: "demo-placement-sidebar", country: "US", device: "MOBILE", validity: "OFF_DOMAIN", impressions: 40, clicks: 1 },
        { hour, campaignId: OTHER_CAMPAIGN, creativeId: "api-other-creative", placementId: "demo-placement-sidebar", impressions: 500, clicks: 5, spendMicros: 500_000n },
        { hour, campaignId: OTHER_CAMPAIGN, creativeId: "api-other-creative", placementId: "demo-placement-sidebar", validity: "RATE_LIMIT", impressions: 77, clicks: 7 },
      ],
    });
  });

  it("answers the dashboard's report for a range, money as decimal strings, only the organisation's campaigns", async () => {
    const answer = await api("GET", "/api/v1/reports/advertiser?from=2026-11-19&to=2026-11-20&timeZone=Europe/Berlin", { key });
    expect(answer.status).toBe(200);
    const report = responseSchemas.AdvertiserReport.parse(answer.body);
    expect(report).toMatchObject({
      from: "2026-11-19",
      to: "2026-11-20",
      timeZone: "Europe/Berlin",
      granularity: "day",
      campaignId: null,
      totals: { impressions: 1_000, clicks: 25, spend: "4.00", ctrPercent: 2.5, ecpm: "4.00", ecpc: "0.16" },
    });
    expect(report.series.map((row) => [row.key, row.impressions])).toEqual([
      ["2026-11-19", 0],
      ["2026-11-20", 1_000],
    ]);
    expect(report.breakdowns.campaign).toEqual([expect.objectContaining({ id: "demo-campaign-spring", label: "Spring trail shoes", spend: "4.00" })]);
    expect(report.breakdowns.country).toEqual([expect.objectContaining({ id: "US", impressions: 1_000 })]);
  });

  it("carries the invalid traffic beside the billed numbers: in the totals by reason, and in every row", async () => {
    const answer = await api("GET", "/api/v1/reports/advertiser?from=2026-11-20&to=2026-11-20", { key });
    expect(answer.status).toBe(200);
    const report = responseSchemas.AdvertiserReport.parse(answer.body);
    expect(report.totals).toEqual({
      impressions: 1_000,
      clicks: 25,
      spend: "4.00",
      ctrPercent: 2.5,
      ecpm: "4.00",
      ecpc: "0.16",
      invalidImpressions: 340,
      invalidClicks: 7,
      invalidByReason: {
        BOT: { impressions: 300, clicks: 6 },
        CLIENT_MISMATCH: { impressions: 0, clicks: 0 },
        RATE_LIMIT: { impressions: 0, clicks: 0 },
        OFF_DOMAIN: { impressions: 40, clicks: 1 },
      },
    });
    expect(report.series).toEqual([expect.objectContaining({ key: "2026-11-20", impressions: 1_000, invalidImpressions: 340, invalidClicks: 7 })]);
    expect(report.breakdowns.country).toEqual([expect.objectContaining({ id: "US", impressions: 1_000, clicks: 25, spend: "4.00", invalidImpressions: 340, invalidClicks: 7 })]);
    // A device with invalid traffic only: a row with nothing billed.
    expect(report.breakdowns.device).toEqual([
      expect.objectContaining({ id: "DESKTOP", impressions: 1_000, clicks: 25, spend: "4.00", invalidImpressions: 300, invalidClicks: 6 }),
      expect.objectContaining({ id: "MOBILE", impressions: 0, clicks: 0, spend: "0.00", ctrPercent: null, ecpm: null, invalidImpressions: 40, invalidClicks: 1 }),
    ]);
    expect(report.breakdowns.campaign).toEqual([expect.objectContaining({ id: "demo-campaign-spring", invalidImpressions: 340, invalidClicks: 7 })]);
  });

  it("filters by one campaign, by hour", async () => {
    const answer = await api("GET", "/api/v1/reports/advertiser?from=2026-11-20&to=2026-11-20&granularity=hour&campaignId=demo-campaign-tents", { key });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ campaignId: "demo-campaign-tents", granularity: "hour", totals: { impressions: 0, spend: "0.00" } });
    expect(answer.body.series).toHaveLength(24);
  });

  it("defaults to the last 7 days in UTC", async () => {
    const answer = await api("GET", "/api/v1/reports/advertiser", { key });
    expect(answer).toMatchObject({ status: 200, body: { timeZone: "UTC", granularity: "day" } });
    expect(answer.body.series).toHaveLength(7);
  });

  it("defaults to the organisation's zone, listed or not, whose local days bucket the hours", async () => {
    // 10:00Z on 20 November is midnight starting 21 November in Pacific/Kiritimati (UTC+14, not in the list).
    await world.prisma.organization.update({ where: { id: ADVERTISER_ORG }, data: { timeZone: "Pacific/Kiritimati" } });
    try {
      const answer = await api("GET", "/api/v1/reports/advertiser?from=2026-11-20&to=2026-11-21", { key });
      expect(answer).toMatchObject({ status: 200, body: { timeZone: "Pacific/Kiritimati" } });
      expect(answer.body.series.map((row: { key: string; impressions: number }) => [row.key, row.impressions])).toEqual([
        ["2026-11-20", 0],
        ["2026-11-21", 1_000],
      ]);
      // UTC stays a choice; another unlisted zone is not.
      expect((await api("GET", "/api/v1/reports/advertiser?from=2026-11-20&to=2026-11-21&timeZone=UTC", { key })).body.series[0]).toMatchObject({ key: "2026-11-20", impressions: 1_000 });
      expect((await api("GET", "/api/v1/reports/advertiser?timeZone=Pacific/Chatham", { key })).status).toBe(422);
    } finally {
      await world.prisma.organization.update({ where: { id: ADVERTISER_ORG }, data: { timeZone: "UTC" } });
    }
  });

  it("invalid parameters: 422 with the API's parameter names", async () => {
    const answer = await api("GET", "/api/v1/reports/advertiser?from=2026-02-30&timeZone=Mars/Olympus", { key });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: {
        code: "unprocessable_entity",
        message: "The report's parameters are not valid.",
        details: [
          { path: "from", message: "from must be a date (YYYY-MM-DD)" },
          { path: "timeZone", message: "timeZone must be one of the listed time zones" },
        ],
      },
    });
  });

  it.each([
    ["from without to", "?from=2026-11-20", [{ path: "to", message: "to is required for a custom range" }]],
    ["to before from", "?from=2026-11-20&to=2026-11-19", [{ path: "to", message: "to must be on or after the start date" }]],
    ["more than 31 days by hour", "?from=2026-01-01&to=2026-03-01&granularity=hour", [{ path: "granularity", message: "An hourly report covers at most 31 days: shorten the range or choose daily." }]],
  ])("%s: 422", async (_name, query, details) => {
    const answer = await api("GET", `/api/v1/reports/advertiser${query}`, { key });
    expect(answer).toMatchObject({ status: 422, body: { error: { code: "unprocessable_entity", details } } });
  });
});
