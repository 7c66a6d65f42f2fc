import { expect, test, type Browser, type Page } from "@playwright/test";
import { linkFromOutbox, signInThroughForm, signUpThroughForm } from "./support/accounts";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// Targeting that scales (issue 15), at a desktop's and a phone's width: the placement picker
// searches and lists only what may be targeted — an operator's test publisher drops out of it —,
// presets fill weekdays and hours that save as the stored lists, scattered hours survive a
// round trip (entered without JavaScript, saved again with it), and skip links keep the long
// form short to the keyboard. Campaigns are drafts of the demo advertiser (nothing serves).

test.describe.configure({ mode: "serial" });

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** The new-campaign form had 87 tab stops before the picker, the ranges and the presets. */
const TAB_STOPS_BEFORE = 87;

const stamp = Date.now().toString(36);
const testPublisher = { organizationName: `Test Gazette ${stamp}`, domain: `${stamp}.gazette.example`, placement: "Gazette sidebar" };

let advertiser: StorageState;
let operator: StorageState;

async function pageAs(browser: Browser, baseURL: string, storageState: StorageState, viewport: { width: number; height: number }, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ baseURL, storageState, viewport, ...options });
  return context.newPage();
}

/** A verified publisher of its own with one 300×250 placement: signed up, confirmed through the outbox, site and placement added. */
async function createTestPublisher(browser: Browser, baseURL: string): Promise<void> {
  const email = `targeting-${stamp}@example.com`;
  const password = "copper lantern meadow 39";
  const page = await pageAs(browser, baseURL, { cookies: [], origins: [] }, VIEWPORTS[0].viewport);
  const admin = await pageAs(browser, baseURL, operator, VIEWPORTS[0].viewport);
  try {
    await signUpThroughForm(page, { kind: "Publish", organizationName: testPublisher.organizationName, name: "Tess Tester", email, password });
    await signInThroughForm(page, email, password);
    await page.goto(await linkFromOutbox(admin, email, "Confirm your e-mail address"));
    await expect(page).toHaveURL(/\/publisher\?notice=email-verified$/);

    await page.goto("/publisher/sites");
    await page.getByLabel("Site name").fill(testPublisher.organizationName);
    await page.getByLabel("Domain", { exact: true }).fill(testPublisher.domain);
    await page.getByRole("button", { name: "Add site" }).click();
    await expect(page).toHaveURL(/\/publisher\/sites\/[^/?]+\?notice=site-created$/);
    await page.getByLabel("Placement name").fill(testPublisher.placement);
    await page.getByLabel("Size").selectOption("300x250");
    await page.getByRole("button", { name: "Create placement" }).click();
    await expect(page).toHaveURL(/\/publisher\/placements\/[^/?]+\?notice=placement-created$/);
  } finally {
    await page.context().close();
    await admin.context().close();
  }
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL!;
  advertiser = await demoSession(browser, baseURL, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
  operator = await demoSession(browser, baseURL, demoAccounts.admin.email, demoAccounts.admin.password);
  await createTestPublisher(browser, baseURL);
});

/** The new-campaign form, hydrated (the picker's search box exists only then). */
async function openNewCampaign(page: Page) {
  await page.goto("/advertiser/campaigns/new");
  await expect(page.getByRole("searchbox", { name: "Search placements" })).toBeVisible();
}

async function fillBasics(page: Page, name: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Price (USD)").fill("2");
  await page.getByLabel("Total budget (USD)").fill("100");
}

/** The hours and weekdays the form would send, as numbers: what is stored. */
async function sentSchedule(page: Page) {
  const values = (name: string) => page.locator(`form input[name="${name}"]`).evaluateAll((inputs) => inputs.filter((input) => (input as HTMLInputElement).type === "hidden" || (input as HTMLInputElement).checked).map((input) => Number((input as HTMLInputElement).value)));
  return { weekdays: await values("weekdays"), hours: await values("hours") };
}

/**
 * Presses Tab from the top of the page until focus leaves the page or comes round again; the
 * stops, in order. A date-and-time input takes several presses (one per part) but is one stop.
 */
async function tabStops(page: Page): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: string[] = [];
  for (let press = 0; press < 300; press += 1) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((count) => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return { done: true };
      if (element.dataset.tabStop) return Number(element.dataset.tabStop) === count - 1 ? { same: true } : { done: true };
      element.dataset.tabStop = String(count);
      return { label: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? (element.textContent?.trim() || element.getAttribute("name")) ?? ""}`.slice(0, 60) };
    }, stops.length);
    if (stop.done) break;
    if (stop.label !== undefined) stops.push(stop.label);
  }
  return stops;
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport, storageState: async ({}, use) => use(advertiser) });

    test(`${name}: search finds a placement; Weekdays 9–17 saves Monday to Friday, hours 9 to 16`, async ({ page }) => {
      const campaign = `Office hours ${name} ${stamp}`;
      await openNewCampaign(page);
      await fillBasics(page, campaign);

      const search = page.getByRole("searchbox", { name: "Search placements" });
      await search.fill("leaderboard");
      await expect(page.getByText("1 placement matches.")).toBeVisible();
      await expect(page.getByRole("group", { name: "Trailhead Daily" }).getByRole("checkbox", { name: "Top leaderboard (728×90)" })).toBeVisible();
      // By size (either way of writing it) and by domain too; every word must match.
      await search.fill("320×50");
      await expect(page.getByRole("checkbox", { name: "Mobile banner (320×50)" })).toBeVisible();
      await search.fill("trailhead.example 728x90");
      await page.getByRole("checkbox", { name: "Top leaderboard (728×90)" }).check();
      await expect(page.getByText("Chosen (1)")).toBeVisible();
      await expect(page.getByRole("list", { name: "Chosen placements" })).toContainText("Trailhead Daily — Top leaderboard (728×90)");
      await search.fill("no such placement anywhere");
      await expect(page.getByText("No placement matches.")).toBeVisible();
      // Enter searches; it does not submit the campaign.
      await search.press("Enter");
      await expect(page).toHaveURL(/\/advertiser\/campaigns\/new$/);

      await page.getByRole("button", { name: "+ Desktop banners" }).click();
      for (const size of ["728×90 Leaderboard", "970×250 Billboard", "160×600 Wide skyscraper", "300×600 Half page"]) await expect(page.getByRole("checkbox", { name: size })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "320×50 Mobile banner" })).not.toBeChecked();

      await expect(page.getByRole("group", { name: /^Hours \(.+\)$/ })).toContainText("All day: any hour.");
      await page.getByRole("button", { name: "Weekdays 9–17" }).click();
      await expect(page.getByLabel("Range 1 from")).toHaveValue("9");
      await expect(page.getByLabel("Range 1 to")).toHaveValue("17");
      expect(await sentSchedule(page)).toEqual({ weekdays: [1, 2, 3, 4, 5], hours: [9, 10, 11, 12, 13, 14, 15, 16] });

      await page.getByRole("button", { name: "Create campaign" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();
      const detail = page.url().split("?")[0]!;
      // The campaign's page reads them back as the form entered them.
      await expect(page.getByText("Mon, Tue, Wed, Thu, Fri", { exact: true })).toBeVisible();
      await expect(page.getByText("09:00–17:00", { exact: true })).toBeVisible();

      await page.goto(`${new URL(detail).pathname}/edit`);
      await expect(page.getByLabel("Range 1 from")).toHaveValue("9");
      await expect(page.getByRole("list", { name: "Chosen placements" })).toContainText("Top leaderboard");
      expect(await sentSchedule(page)).toEqual({ weekdays: [1, 2, 3, 4, 5], hours: [9, 10, 11, 12, 13, 14, 15, 16] });
      await expect(page.getByRole("checkbox", { name: "970×250 Billboard" })).toBeChecked();
    });

    test(`${name}: an operator hides a test publisher and its placements leave the picker, until offered again`, async ({ page, browser, baseURL }) => {
      test.setTimeout(120_000);
      const admin = await pageAs(browser, baseURL!, operator, viewport);
      const search = page.getByRole("searchbox", { name: "Search placements" });
      const gazette = page.getByRole("group", { name: testPublisher.organizationName }).getByRole("checkbox", { name: `${testPublisher.placement} (300×250)` });
      try {
        await openNewCampaign(page);
        await search.fill(testPublisher.domain);
        await expect(gazette).toBeVisible();

        await admin.goto("/admin");
        await admin.getByRole("button", { name: `Mark as a test publisher — ${testPublisher.organizationName}` }).click();
        await expect(admin.getByRole("status").filter({ hasText: "Marked as a test publisher" })).toBeVisible();
        await expect(admin.getByRole("table", { name: "Organisations" }).getByRole("row", { name: new RegExp(testPublisher.organizationName) })).toContainText("Test publisher — hidden from advertisers");

        await openNewCampaign(page);
        await search.fill(testPublisher.domain);
        await expect(page.getByText("No placement matches.")).toBeVisible();
        await expect(gazette).toHaveCount(0);
      } finally {
        await admin.goto("/admin");
        const offerAgain = admin.getByRole("button", { name: `Offer again — ${testPublisher.organizationName}` });
        if (await offerAgain.isVisible()) {
          await offerAgain.click();
          await expect(admin.getByRole("status").filter({ hasText: "Advertisers see this publisher's placements again." })).toBeVisible();
        }
        await admin.context().close();
      }
      await openNewCampaign(page);
      await search.fill(testPublisher.domain);
      await expect(gazette).toBeVisible();
    });

    test(`${name}: skip links reach the page and the form's buttons; the form has far fewer tab stops`, async ({ page }) => {
      await page.goto("/advertiser");
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press("Enter");
      await expect(page.locator("main#main")).toBeFocused();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);

      await openNewCampaign(page);
      const stops = await tabStops(page);
      test.info().annotations.push({ type: "tab stops", description: `${stops.length} on the new-campaign page (${TAB_STOPS_BEFORE} before)` });
      // The whole page was walked: from the skip link to the form's last button.
      expect(stops[0]).toBe("a Skip to main content");
      expect(stops).toContain("a Skip targeting");
      expect(stops).toContain("button Create campaign");
      expect(stops.length).toBeLessThan(TAB_STOPS_BEFORE - 25);

      const skipTargeting = page.getByRole("link", { name: "Skip targeting" });
      await skipTargeting.focus();
      await expect(skipTargeting).toBeInViewport();
      await page.keyboard.press("Enter");
      await expect(page.locator("#campaign-form-submit")).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Cancel" })).toBeFocused();
    });
  });
}

test("scattered hours entered without JavaScript show as ranges and save back unchanged", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const plain = await pageAs(browser, baseURL!, advertiser, VIEWPORTS[0].viewport, { javaScriptEnabled: false });
  let editPath: string;
  try {
    await plain.goto("/advertiser/campaigns/new");
    // Without script: the plain lists, under the same names.
    await expect(plain.getByRole("searchbox", { name: "Search placements" })).toHaveCount(0);
    await fillBasics(plain, `Night owls ${stamp}`);
    await plain.getByRole("checkbox", { name: "Mobile banner (320×50)" }).check();
    for (const hour of ["01", "05", "09"]) await plain.getByRole("checkbox", { name: hour, exact: true }).check();
    await plain.getByRole("checkbox", { name: "Sat" }).check();
    await plain.getByRole("button", { name: "Create campaign" }).click();
    await expect(plain.getByText("Campaign created.")).toBeVisible();
    editPath = `${new URL(plain.url()).pathname}/edit`;
  } finally {
    await plain.context().close();
  }

  const page = await pageAs(browser, baseURL!, advertiser, VIEWPORTS[0].viewport);
  try {
    await page.goto(editPath);
    for (const [index, from] of [[1, "1"], [2, "5"], [3, "9"]] as const) {
      await expect(page.getByLabel(`Range ${index} from`)).toHaveValue(from);
      await expect(page.getByLabel(`Range ${index} to`)).toHaveValue(String(Number(from) + 1));
    }
    expect(await sentSchedule(page)).toEqual({ weekdays: [6], hours: [1, 5, 9] });
    await expect(page.getByRole("list", { name: "Chosen placements" })).toContainText("Mobile banner (320×50)");
    await page.getByRole("button", { name: "Save campaign" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Campaign saved." })).toBeVisible();
    await expect(page.getByText("01:00–02:00, 05:00–06:00, 09:00–10:00", { exact: true })).toBeVisible();
    await page.goto(editPath);
    await expect(page.getByLabel("Range 3 from")).toHaveValue("9");
    expect(await sentSchedule(page)).toEqual({ weekdays: [6], hours: [1, 5, 9] });
  } finally {
    await page.context().close();
  }
});
