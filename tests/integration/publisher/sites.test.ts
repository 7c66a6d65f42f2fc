import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createSite } from "@/lib/sites/create-site";
import { getSite } from "@/lib/sites/get-site";
import { listSites } from "@/lib/sites/list-sites";
import { updateSite } from "@/lib/sites/update-site";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { createSecondPublisher, OTHER_ORG, OTHER_PLACEMENT, OTHER_SITE, OWN_ORG, OWN_SITE } from "./second-publisher";

let database: FreshDatabase;
const deps = () => ({ prisma: database.prisma });

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
    const site = await createSite(OWN_ORG, { name: "Trailhead Forum", domain: "forum.trailhead.example" }, deps());
    expect(site).toMatchObject({ organizationId: OWN_ORG, name: "Trailhead Forum", domain: "forum.trailhead.example" });
    expect(await database.prisma.site.count({ where: { id: site.id, organizationId: OWN_ORG } })).toBe(1);
  });

  it("refuses a domain the organisation already has, naming it", async () => {
    const attempt = createSite(OWN_ORG, { name: "Again", domain: "trailhead.example" }, deps());
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: "This domain is already one of your sites." });
  });

  it("lets another organisation register the same domain (ownership is not claimed here)", async () => {
    const site = await createSite(OTHER_ORG, { name: "Mirror", domain: "trailhead.example" }, deps());
    expect(site.organizationId).toBe(OTHER_ORG);
    await database.prisma.site.delete({ where: { id: site.id } });
  });
});

describe("updateSite", () => {
  it("renames the organisation's site and changes its domain", async () => {
    const created = await createSite(OWN_ORG, { name: "Old name", domain: "old.trailhead.example" }, deps());
    const updated = await updateSite(OWN_ORG, created.id, { name: "New name", domain: "new.trailhead.example" }, deps());
    expect(updated).toMatchObject({ id: created.id, organizationId: OWN_ORG, name: "New name", domain: "new.trailhead.example" });
  });

  it("refuses to take a domain of another of the organisation's sites", async () => {
    const created = await createSite(OWN_ORG, { name: "Shop", domain: "shop.trailhead.example" }, deps());
    await expect(updateSite(OWN_ORG, created.id, { name: "Shop", domain: "trailhead.example" }, deps())).rejects.toMatchObject({ code: "conflict" });
    expect(await database.prisma.site.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ domain: "shop.trailhead.example" });
  });

  it("treats another organisation's site as not found and leaves it unchanged", async () => {
    const before = await otherSiteRow();
    await expect(updateSite(OWN_ORG, OTHER_SITE, { name: "Taken over", domain: "taken.example" }, deps())).rejects.toMatchObject({
      code: "not_found",
      message: "Site not found.",
    });
    expect(await otherSiteRow()).toEqual(before);
  });

  it("treats an unknown id as not found", async () => {
    await expect(updateSite(OWN_ORG, "no-such-site", { name: "x", domain: "x.example" }, deps())).rejects.toMatchObject({ code: "not_found" });
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
