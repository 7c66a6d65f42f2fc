import { expect, test } from "@playwright/test";
import { expectFitsWithoutScrolling } from "./support/layout";
import { demoSession, type StorageState } from "./support/sign-in";

// The publisher's way from signing in to a snippet on the clipboard, on the demo data.



let publisher: StorageState;
test.beforeAll(async ({ browser }, testInfo) => {
  publisher = await demoSession(browser, testInfo.project.use.baseURL!, "publisher@marquee.local", "marquee-publisher");
});
test.use({ storageState: async ({}, use) => use(publisher) });

test("a publisher adds a site and a 300x250 placement, copies its snippet and sees it live", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const suffix = Date.now().toString(36);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/publisher$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sites & placements" }).click();
  await expect(page.getByRole("heading", { name: "Sites & placements", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Trailhead Daily" })).toBeVisible();

  // The site: errors first, next to their fields, then a pasted URL that becomes a domain.
  await page.getByRole("button", { name: "Add site" }).click();
  await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(page.getByText("Name the site.")).toBeVisible();
  await expect(page.getByText("Enter the site's domain.")).toBeVisible();
  await page.getByLabel("Site name").fill(`Summit Journal ${suffix}`);
  await page.getByLabel("Domain", { exact: true }).fill("localhost:8080");
  await page.getByRole("button", { name: "Add site" }).click();
  await expect(page.getByText("Enter a domain like example.com (no port or path).")).toBeVisible();
  await expect(page.getByLabel("Site name")).toHaveValue(`Summit Journal ${suffix}`);
  await page.getByLabel("Domain", { exact: true }).fill(`https://${suffix}.Summit-Journal.example/articles/`);
  await page.getByRole("button", { name: "Add site" }).click();

  await expect(page).toHaveURL(/\/publisher\/sites\/[^/?]+\?notice=site-created$/);
  await expect(page.getByRole("status").filter({ hasText: "Site added." })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Summit Journal ${suffix}` })).toBeVisible();
  await expect(page.getByText(`${suffix}.summit-journal.example`)).toBeVisible();

  // The placement: errors first (the values typed stay), then a valid one.
  await page.getByRole("button", { name: "Create placement" }).click();
  await expect(page.getByText("Name the placement.")).toBeVisible();
  await expect(page.getByText("Choose one of the listed sizes.")).toBeVisible();
  await page.getByLabel("Placement name").fill("Article sidebar");
  // What fits a phone is said where the size is chosen (a wider placement stays empty there: embed.spec.ts).
  await expect(page.getByLabel("Size")).toHaveAccessibleDescription(/Phones are 320–430 px wide: a 728 × 90 or 970 × 250 never fits there; 320 × 50 and 300 × 250 are made for them\./);
  await page.getByLabel("Size").selectOption("300x250");
  await page.getByLabel("Keywords").fill("Hiking, gear");
  await page.getByLabel("Floor price (USD CPM)").fill("1,50");
  await page.getByRole("button", { name: "Create placement" }).click();
  await expect(page.getByText("Enter the floor price in dollars, e.g. 1.50.")).toBeVisible();
  await expect(page.getByLabel("Placement name")).toHaveValue("Article sidebar");
  await expect(page.getByLabel("Size")).toHaveValue("300x250");
  await expect(page.getByLabel("Keywords")).toHaveValue("Hiking, gear");
  await page.getByLabel("Floor price (USD CPM)").fill("1.50");
  await page.getByRole("button", { name: "Create placement" }).click();

  await expect(page).toHaveURL(/\/publisher\/placements\/[^/?]+\?notice=placement-created$/);
  const placementId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Article sidebar", level: 1 })).toBeVisible();
  await expect(page.getByText("300 × 250 · floor $1.50 CPM")).toBeVisible();

  // The snippet names this deployment and this placement.
  const expected = `<script async src="${origin}/embed.js"></script>\n<div data-marquee-placement="${placementId}"></div>`;
  const snippet = page.locator("pre code");
  await expect(snippet).toHaveText(expected);

  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  // The live preview runs the same snippet in a sandbox without same-origin access.
  const preview = page.locator('iframe[title="Live preview of Article sidebar"]');
  await expect(preview).toHaveAttribute("sandbox", "allow-scripts allow-popups");
  await expect(preview).toHaveAttribute("width", "300");
  await expect(preview).toHaveAttribute("height", "250");
  const slot = page.frameLocator('iframe[title="Live preview of Article sidebar"]').locator(`[data-marquee-placement="${placementId}"]`);
  // The snippet ran and the ad server answered (an ad, or no fill): not stuck loading, not failed.
  await expect(slot).toHaveAttribute("data-marquee-state", /^(filled|empty)$/);

  // The new placement is listed on its site.
  await page.getByRole("link", { name: `← Summit Journal ${suffix}` }).click();
  await expect(page.getByRole("link", { name: "Article sidebar" })).toBeVisible();
});

test("a placement or site that is not the publisher's is not found", async ({ page }) => {
  for (const path of ["/publisher/placements/no-such-placement", "/publisher/sites/no-such-site", "/publisher/sites/no-such-site/edit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  }
});

test("the copy button selects the snippet when the clipboard is refused", async ({ page }) => {
  await page.goto("/publisher/placements/demo-placement-sidebar");
  await expect(page.locator("pre code")).toContainText("demo-placement-sidebar");
  await page.evaluate(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
  });
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Selected: press Ctrl+C" })).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toContain('data-marquee-placement="demo-placement-sidebar"');
});

test("on a small laptop (1,024 px) a site's placements show whole: a long name and keyword list wrap instead of scrolling the table", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  // The demo site's own rows, which made the table scroll 22 px sideways at this width.
  await page.goto("/publisher/sites/demo-site-trailhead");
  const demoTable = page.getByRole("table", { name: "Placements of Trailhead Daily" });
  await expectFitsWithoutScrolling(demoTable, demoTable.getByRole("row").filter({ hasText: "Sidebar (medium rectangle)" }).getByText("Live"));

  // A site of its own, so the demo data stays as other specs know it.
  const suffix = Date.now().toString(36);
  await page.goto("/publisher/sites");
  await page.getByLabel("Site name").fill(`Ridge Notes ${suffix}`);
  await page.getByLabel("Domain", { exact: true }).fill(`${suffix}.ridge-notes.example`);
  await page.getByRole("button", { name: "Add site" }).click();
  await expect(page).toHaveURL(/\/publisher\/sites\/[^/?]+\?notice=site-created$/);
  const sitePath = new URL(page.url()).pathname;
  const name = "Homepage right rail, below the fold (medium rectangle)";
  await page.getByLabel("Placement name").fill(name);
  await page.getByLabel("Size").selectOption("300x250");
  await page.getByLabel("Keywords").fill("hiking, trail running, mountaineering, camping, backpacking, climbing, kayaking, fly fishing");
  await page.getByLabel("Floor price (USD CPM)").fill("2.00");
  await page.getByRole("button", { name: "Create placement" }).click();
  await expect(page).toHaveURL(/\/publisher\/placements\/[^/?]+\?notice=placement-created$/);

  await page.goto(sitePath);
  const table = page.getByRole("table", { name: `Placements of Ridge Notes ${suffix}` });
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  // Every keyword is there to read, not cut off.
  await expect(row).toContainText("hiking, trail running, mountaineering, camping, backpacking, climbing, kayaking, fly fishing");
  await expectFitsWithoutScrolling(table, row.getByText("Live"));
});
