import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAdIndex, tierEntries } from "@/lib/ads/ad-index";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { AppError } from "@/lib/errors";
import { createSite } from "@/lib/sites/create-site";
import { getSite } from "@/lib/sites/get-site";
import { listOffDomainHosts } from "@/lib/sites/list-off-domain-hosts";
import { listSites } from "@/lib/sites/list-sites";
import { updateSite } from "@/lib/sites/update-site";
import { siteFormSchema } from "@/lib/zod/schemas/sites";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { testActor } from "@/tests/support/actors";
import { countingInvalidate, createSecondPublisher, OTHER_ORG, OTHER_PLACEMENT, OTHER_SITE, OWN_ORG, OWN_PLACEMENT, OWN_SITE } from "./second-publisher";

let database: FreshDatabase;
const deps = () => ({ prisma: database.prisma });
/** updateSite's deps, counting the invalidations of the active set. */
const writeDeps = () => {
  const { calls, invalidate } = countingInvalidate();
  return { deps: { prisma: database.prisma, invalidate }, calls };
};

beforeAll(async () => {
  database = await freshPglite();
  await seedDemoData(database.prisma);
  await createSecondPublisher(database.prisma);
});

afterAll(async () => {
  await database?.close();
});

async function otherSiteRow() {
  return database.prisma.site.findUniqueOrThrow({ where: { id: OTHER_SITE } });
}

describe("createSite", () => {
  it("registers a site of the organisation", async () => {
    const site = await createSite(OWN_ORG, { name: "Trailhead Forum", domain: "forum.trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    expect(site).toMatchObject({ organizationId: OWN_ORG, name: "Trailhead Forum", domain: "forum.trailhead.example" });
    expect(await database.prisma.site.count({ where: { id: site.id, organizationId: OWN_ORG } })).toBe(1);
  });

  it("refuses a domain the organisation already has, naming it", async () => {
    const attempt = createSite(OWN_ORG, { name: "Again", domain: "trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: "This domain is already one of your sites." });
  });

  it("lets another organisation register the same domain (ownership is not claimed here)", async () => {
    const site = await createSite(OTHER_ORG, { name: "Mirror", domain: "trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    expect(site.organizationId).toBe(OTHER_ORG);
    await database.prisma.site.delete({ where: { id: site.id } });
  });
});

describe("updateSite", () => {
  it("renames the organisation's site and changes its domain", async () => {
    const created = await createSite(OWN_ORG, { name: "Old name", domain: "old.trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    const updated = await updateSite(OWN_ORG, created.id, { name: "New name", domain: "new.trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, writeDeps().deps);
    expect(updated).toMatchObject({ id: created.id, organizationId: OWN_ORG, name: "New name", domain: "new.trailhead.example" });
  });

  it("refuses to take a domain of another of the organisation's sites", async () => {
    const created = await createSite(OWN_ORG, { name: "Shop", domain: "shop.trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    await expect(updateSite(OWN_ORG, created.id, { name: "Shop", domain: "trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, writeDeps().deps)).rejects.toMatchObject({ code: "conflict" });
    expect(await database.prisma.site.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ domain: "shop.trailhead.example" });
  });

  it("treats another organisation's site as not found and leaves it unchanged", async () => {
    const before = await otherSiteRow();
    await expect(updateSite(OWN_ORG, OTHER_SITE, { name: "Taken over", domain: "taken.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, writeDeps().deps)).rejects.toMatchObject({
      code: "not_found",
      message: "Site not found.",
    });
    expect(await otherSiteRow()).toEqual(before);
  });

  it("treats an unknown id as not found", async () => {
    await expect(updateSite(OWN_ORG, "no-such-site", { name: "x", domain: "x.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, writeDeps().deps)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("blocked domains", () => {
  it("updateSite saves the advertisers' domains the form's text names, drops the cached set once, and the site's placements show none of their ads", async () => {
    const campaignsOn = async (placementId: string) => {
      const part = buildAdIndex(await loadActiveSet(database.prisma)).placements.get(placementId);
      return part ? part.tiers.flatMap((tier) => tierEntries(tier).map((entry) => entry.campaign.id)) : [];
    };
    // The demo advertiser's ads lead to northwind.example.
    expect((await campaignsOn(OWN_PLACEMENT)).length).toBeGreaterThan(0);
    const site = await getSite(OWN_ORG, OWN_SITE, deps());
    const input = siteFormSchema.parse({ name: site!.name, domain: site!.domain, adLabel: site!.adLabel, blockedDomains: "https://Northwind.example/spring\nrival.example, northwind.example" });
    expect(input.blockedDomains).toEqual(["northwind.example", "rival.example"]);

    const block = writeDeps();
    const updated = await updateSite(OWN_ORG, OWN_SITE, input, testActor, block.deps);
    expect(updated.blockedDomains).toEqual(["northwind.example", "rival.example"]);
    expect(block.calls.count).toBe(1);
    const active = await loadActiveSet(database.prisma);
    expect(active.placements.find((placement) => placement.id === OWN_PLACEMENT)?.blockedDomains).toEqual(["northwind.example", "rival.example"]);
    expect(await campaignsOn(OWN_PLACEMENT)).toEqual([]);
    // Another publisher's placement still shows them.
    expect((await campaignsOn(OTHER_PLACEMENT)).length).toBeGreaterThan(0);

    const reordered = writeDeps();
    await updateSite(OWN_ORG, OWN_SITE, { ...input, blockedDomains: ["rival.example", "northwind.example"] }, testActor, reordered.deps);
    expect(reordered.calls.count, "the same domains in another order change nothing served").toBe(0);
    const unblock = writeDeps();
    await updateSite(OWN_ORG, OWN_SITE, { ...input, blockedDomains: ["rival.example"] }, testActor, unblock.deps);
    expect(unblock.calls.count).toBe(1);
    expect((await campaignsOn(OWN_PLACEMENT)).length).toBeGreaterThan(0);
    await updateSite(OWN_ORG, OWN_SITE, { ...input, blockedDomains: [] }, testActor, writeDeps().deps);
  });
});

describe("extra domains", () => {
  it("createSite stores the extra domains the form's text names, as hosts, each once", async () => {
    const input = siteFormSchema.parse({ name: "Ridge", domain: "ridge.example", extraDomains: "Ridge-News.example\nhttps://amp.ridge.example/story, ridge-news.example" });
    const site = await createSite(OWN_ORG, input, testActor, deps());
    expect(await database.prisma.site.findUniqueOrThrow({ where: { id: site.id } })).toMatchObject({ domain: "ridge.example", extraDomains: ["ridge-news.example", "amp.ridge.example"] });
  });

  it("updateSite saves a change of extra domains and drops the cached active set, whose placements carry them", async () => {
    const created = await createSite(OWN_ORG, { name: "Canyon", domain: "canyon.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    await database.prisma.placement.create({ data: { id: "canyon-placement", siteId: created.id, name: "Top", width: 300, height: 250 } });
    const { deps: write, calls } = writeDeps();
    const updated = await updateSite(OWN_ORG, created.id, { name: "Canyon", domain: "canyon.example", extraDomains: ["canyon.example.org"], blockedDomains: [], adLabel: "Ad" }, testActor, write);
    expect(updated.extraDomains).toEqual(["canyon.example.org"]);
    expect(calls.count).toBe(1);
    const active = await loadActiveSet(database.prisma);
    expect(active.placements.find((placement) => placement.id === "canyon-placement")?.domains).toEqual(["canyon.example", "canyon.example.org"]);
  });

  it("updateSite invalidates when the domain changes, and not for a rename or the same domains in another order", async () => {
    const created = await createSite(OWN_ORG, { name: "Mesa", domain: "mesa.example", extraDomains: ["a.example", "b.example"], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    const rename = writeDeps();
    await updateSite(OWN_ORG, created.id, { name: "Mesa Daily", domain: "mesa.example", extraDomains: ["b.example", "a.example"], blockedDomains: [], adLabel: "Ad" }, testActor, rename.deps);
    expect(rename.calls.count).toBe(0);
    const move = writeDeps();
    await updateSite(OWN_ORG, created.id, { name: "Mesa Daily", domain: "mesa-daily.example", extraDomains: ["b.example", "a.example"], blockedDomains: [], adLabel: "Ad" }, testActor, move.deps);
    expect(move.calls.count).toBe(1);
    const cleared = writeDeps();
    await updateSite(OWN_ORG, created.id, { name: "Mesa Daily", domain: "mesa-daily.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, cleared.deps);
    expect(cleared.calls.count).toBe(1);
    expect((await database.prisma.site.findUniqueOrThrow({ where: { id: created.id } })).extraDomains).toEqual([]);
  });

  it("another organisation's site: not found, its extra domains unchanged, nothing invalidated", async () => {
    const before = await otherSiteRow();
    const { deps: write, calls } = writeDeps();
    await expect(updateSite(OWN_ORG, OTHER_SITE, { name: "Other Gazette", domain: "gazette.example", extraDomains: ["mine.example"], blockedDomains: [], adLabel: "Ad" }, testActor, write)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await otherSiteRow()).toEqual(before);
    expect(calls.count).toBe(0);
  });
});

describe("the disclosure label", () => {
  it("createSite stores the form's label, Ad when the form sends none", async () => {
    const sponsored = await createSite(OWN_ORG, siteFormSchema.parse({ name: "Lake", domain: "lake.example", adLabel: " Sponsored " }), testActor, deps());
    expect((await database.prisma.site.findUniqueOrThrow({ where: { id: sponsored.id } })).adLabel).toBe("Sponsored");
    const plain = await createSite(OWN_ORG, siteFormSchema.parse({ name: "Pond", domain: "pond.example" }), testActor, deps());
    expect((await database.prisma.site.findUniqueOrThrow({ where: { id: plain.id } })).adLabel).toBe("Ad");
  });

  it("reaches the active set on each of the site's placements", async () => {
    const created = await createSite(OWN_ORG, { name: "Fjord", domain: "fjord.example", extraDomains: [], blockedDomains: [], adLabel: "Anzeige" }, testActor, deps());
    await database.prisma.placement.create({ data: { id: "fjord-placement", siteId: created.id, name: "Top", width: 728, height: 90 } });
    const active = await loadActiveSet(database.prisma);
    expect(active.placements.find((placement) => placement.id === "fjord-placement")?.label).toBe("Anzeige");
  });

  it("updateSite saves a new label and drops the cached active set; the same label again changes nothing served", async () => {
    const created = await createSite(OWN_ORG, { name: "Glacier", domain: "glacier.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" }, testActor, deps());
    await database.prisma.placement.create({ data: { id: "glacier-placement", siteId: created.id, name: "Top", width: 300, height: 250 } });
    const relabel = writeDeps();
    expect((await updateSite(OWN_ORG, created.id, { name: "Glacier", domain: "glacier.example", extraDomains: [], blockedDomains: [], adLabel: "Sponsored" }, testActor, relabel.deps)).adLabel).toBe("Sponsored");
    expect(relabel.calls.count).toBe(1);
    expect((await loadActiveSet(database.prisma)).placements.find((placement) => placement.id === "glacier-placement")?.label).toBe("Sponsored");
    const same = writeDeps();
    await updateSite(OWN_ORG, created.id, { name: "Glacier Daily", domain: "glacier.example", extraDomains: [], blockedDomains: [], adLabel: "Sponsored" }, testActor, same.deps);
    expect(same.calls.count).toBe(0);
  });

  it("another organisation's site keeps its label, and nothing is invalidated", async () => {
    const before = await otherSiteRow();
    const { deps: write, calls } = writeDeps();
    await expect(updateSite(OWN_ORG, OTHER_SITE, { name: before.name, domain: before.domain, extraDomains: before.extraDomains, blockedDomains: [], adLabel: "Mine" }, testActor, write)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await otherSiteRow()).adLabel).toBe(before.adLabel);
    expect(calls.count).toBe(0);
  });
});

describe("listOffDomainHosts", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const day = (date: string) => new Date(`${date}T00:00:00Z`);

  beforeAll(async () => {
    await database.prisma.offDomainStat.createMany({
      data: [
        { day: day("2026-11-30"), placementId: OWN_PLACEMENT, host: "copycat.example", impressions: 40, clicks: 2 },
        { day: day("2026-11-02"), placementId: OWN_PLACEMENT, host: "copycat.example", impressions: 10, clicks: 1 },
        { day: day("2026-11-20"), placementId: "demo-placement-leaderboard", host: "copycat.example", impressions: 5, clicks: 0 },
        { day: day("2026-11-20"), placementId: "demo-placement-leaderboard", host: "trailhead-news.example", impressions: 70, clicks: 0 },
        { day: day("2026-11-21"), placementId: OWN_PLACEMENT, host: "", impressions: 3, clicks: 1 },
        // 31 days ago: outside the window.
        { day: day("2026-10-30"), placementId: OWN_PLACEMENT, host: "old.example", impressions: 999, clicks: 9 },
        // Another organisation's placement: never shown to this one.
        { day: day("2026-11-30"), placementId: OTHER_PLACEMENT, host: "gazette-mirror.example", impressions: 500, clicks: 50 },
      ],
    });
  });

  it("lists the hosts of the site's placements over the last 30 days, most impressions first", async () => {
    expect(await listOffDomainHosts(OWN_ORG, { siteId: OWN_SITE }, deps(), now)).toEqual([
      { host: "trailhead-news.example", impressions: 70, clicks: 0 },
      { host: "copycat.example", impressions: 55, clicks: 3 },
      { host: "", impressions: 3, clicks: 1 },
    ]);
  });

  it("narrows to one placement", async () => {
    expect(await listOffDomainHosts(OWN_ORG, { placementId: OWN_PLACEMENT }, deps(), now)).toEqual([
      { host: "copycat.example", impressions: 50, clicks: 3 },
      { host: "", impressions: 3, clicks: 1 },
    ]);
  });

  it("never shows another organisation's placements, even given their ids", async () => {
    expect(await listOffDomainHosts(OWN_ORG, { siteId: OTHER_SITE }, deps(), now)).toEqual([]);
    expect(await listOffDomainHosts(OWN_ORG, { placementId: OTHER_PLACEMENT }, deps(), now)).toEqual([]);
    expect(await listOffDomainHosts(OTHER_ORG, { siteId: OWN_SITE }, deps(), now)).toEqual([]);
    expect(await listOffDomainHosts(OTHER_ORG, { siteId: OTHER_SITE }, deps(), now)).toEqual([{ host: "gazette-mirror.example", impressions: 500, clicks: 50 }]);
  });
});

describe("listSites", () => {
  it("lists only the organisation's sites, each with its placements", async () => {
    const sites = await listSites(OWN_ORG, deps());
    expect(sites.every((site) => site.organizationId === OWN_ORG)).toBe(true);
    expect(sites.map((site) => site.id)).not.toContain(OTHER_SITE);
    const trailhead = sites.find((site) => site.id === OWN_SITE);
    expect(trailhead?.placements.map((placement) => placement.id).sort()).toEqual(
      ["demo-placement-halfpage", "demo-placement-leaderboard", "demo-placement-mobile", "demo-placement-sidebar"],
    );
  });

  it("shows another organisation only its own", async () => {
    const sites = await listSites(OTHER_ORG, deps());
    expect(sites.map((site) => site.id)).toEqual([OTHER_SITE]);
    expect(sites[0]?.placements.map((placement) => placement.id)).toEqual([OTHER_PLACEMENT]);
  });
});

describe("getSite", () => {
  it("returns the organisation's site with its placements", async () => {
    const site = await getSite(OWN_ORG, OWN_SITE, deps());
    expect(site).toMatchObject({ id: OWN_SITE, domain: "trailhead.example" });
    expect(site?.placements).toHaveLength(4);
  });

  it("returns null for another organisation's site", async () => {
    expect(await getSite(OWN_ORG, OTHER_SITE, deps())).toBeNull();
  });
});
