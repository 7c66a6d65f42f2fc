import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { serveDemoTraffic } from "./support/demo-traffic";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// Screenshots of the main pages on the demo data, for the README. With MARQUEE_SCREENSHOTS=1
// they are written to docs/screenshots/ (then committed); otherwise to the test's output
// folder, so that an ordinary run of the suite leaves the working tree as it was.

const DOCS = path.join(process.cwd(), "docs", "screenshots");
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

type Account = keyof typeof demoAccounts;

/** `scrollTo`: the heading at the top of the shot, when what it shows is below the fold (the report's charts). */
const shots: { name: string; path: string; account: Account; heading: RegExp; viewport: { width: number; height: number }; scrollTo?: string }[] = [
  { name: "advertiser-overview", path: "/advertiser", account: "advertiser", heading: /.+/, viewport: desktop },
  { name: "campaigns", path: "/advertiser/campaigns", account: "advertiser", heading: /Campaigns/, viewport: desktop },
  { name: "campaign-detail", path: "/advertiser/campaigns/demo-campaign-spring", account: "advertiser", heading: /Spring trail shoes/, viewport: desktop },
  { name: "new-campaign", path: "/advertiser/campaigns/new", account: "advertiser", heading: /campaign/i, viewport: desktop },
  { name: "advertiser-reports", path: "/advertiser/reports?range=today&tz=UTC&granularity=hour", account: "advertiser", heading: /Reports/, viewport: desktop, scrollTo: "Impressions and clicks" },
  { name: "publisher-overview", path: "/publisher", account: "publisher", heading: /.+/, viewport: desktop },
  { name: "placement", path: "/publisher/placements/demo-placement-sidebar", account: "publisher", heading: /Sidebar/, viewport: desktop },
  { name: "admin-review", path: "/admin/review", account: "admin", heading: /review/i, viewport: desktop },
  { name: "admin-health", path: "/admin/health", account: "admin", heading: /health/i, viewport: desktop },
  { name: "advertiser-overview-phone", path: "/advertiser", account: "advertiser", heading: /.+/, viewport: phone },
  { name: "advertiser-reports-phone", path: "/advertiser/reports?range=today&tz=UTC&granularity=hour", account: "advertiser", heading: /Reports/, viewport: phone, scrollTo: "Impressions and clicks" },
];

const sessions = {} as Record<Account, StorageState>;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL!;
  for (const account of ["advertiser", "publisher", "admin"] as const) {
    sessions[account] = await demoSession(browser, baseURL, demoAccounts[account].email, demoAccounts[account].password);
  }
  // A report with a chart to look at.
  await serveDemoTraffic(playwright, baseURL, { country: "CA", impressions: 8, clicks: 3 });
});

/** The page as a person sees it once it has settled: fonts and images loaded, no caret. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.evaluate(() => document.fonts.ready);
  await expect
    .poll(() => page.evaluate(() => Array.from(document.images).every((image) => image.complete)), { timeout: 15_000 })
    .toBe(true);
}

for (const shot of shots) {
  test(`screenshot: ${shot.name} (${shot.viewport.width}×${shot.viewport.height})`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: shot.viewport, storageState: sessions[shot.account] });
    try {
      const page = await context.newPage();
      await page.goto(shot.path);
      await expect(page.getByRole("heading", { level: 1, name: shot.heading }).first()).toBeVisible();
      if (shot.scrollTo) await page.getByRole("heading", { name: shot.scrollTo }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      await settle(page);
      const file = process.env.MARQUEE_SCREENSHOTS === "1" ? path.join(DOCS, `${shot.name}.png`) : testInfo.outputPath(`${shot.name}.png`);
      const png = await page.screenshot({ path: file, fullPage: false, animations: "disabled", caret: "hide" });
      // Small enough to keep in the repository and to load in the README.
      expect(png.byteLength, `${shot.name}.png in bytes`).toBeLessThan(250_000);
    } finally {
      await context.close();
    }
  });
}
