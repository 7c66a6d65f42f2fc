import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";
import { expectFitsWithoutScrolling } from "./support/layout";

// The advertiser's browser UI on the demo data: forms that explain their errors and keep
// what was typed, a pause that stops serving within the cache's second, and a forged form
// post that cannot reach another organisation's campaign.

// One after the other: the tests share the demo advertiser's session and the demo campaign.
test.describe.configure({ mode: "serial" });

const LEADERBOARD = "/api/serve?placement=demo-placement-leaderboard";
const SPRING = "Spring trail shoes";

let advertiser: Page;

/** Signs in through the form (once: sign-ins are rate limited per address). */
async function signIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/advertiser");
  return page;
}

async function serveStatus(request: APIRequestContext): Promise<number> {
  return (await request.get(LEADERBOARD)).status();
}

test.beforeAll(async ({ browser }) => {
  advertiser = await signIn(browser, "advertiser@marquee.local", "marquee-advertiser");
});

test.afterAll(async () => {
  await advertiser?.context().close();
});

test("a new campaign: errors next to the fields keep what was typed, then it is created with a text creative", async () => {
  const page = advertiser;
  // A long name, as advertisers write them: the list must still fit a laptop (below).
  const name = `Summer sale on ultralight tents, trekking poles and sleeping bags ${Date.now()}`;
  await page.goto("/advertiser/campaigns/new");

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Status").selectOption("ACTIVE");
  await page.getByLabel("Price (USD)").fill("abc");
  await page.getByLabel("Total budget (USD)").fill("100");
  await page.getByLabel("Daily budget (USD)").fill("500");
  await page.getByLabel("Countries to include").fill("us, xx");
  await page.getByRole("checkbox", { name: "728×90 Leaderboard" }).check();
  await page.getByRole("button", { name: "Create campaign" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
  const price = page.getByLabel("Price (USD)");
  await expect(price).toHaveAttribute("aria-invalid", "true");
  await expect(price).toHaveAccessibleDescription(/Enter an amount like 2\.50 \(digits and a dot\)\./);
  await expect(price).toBeFocused();
  await expect(page.getByLabel("Daily budget (USD)")).toHaveAccessibleDescription(/The daily budget cannot be more than the total budget\./);
  await expect(page.getByLabel("Countries to include")).toHaveAccessibleDescription(/Not a country code: XX\./);
  await expect(page.getByLabel("Name")).not.toHaveAttribute("aria-invalid", "true");
  // What was typed, chosen and checked is still there.
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Status")).toHaveValue("ACTIVE");
  await expect(price).toHaveValue("abc");
  await expect(page.getByLabel("Daily budget (USD)")).toHaveValue("500");
  await expect(page.getByLabel("Countries to include")).toHaveValue("us, xx");
  await expect(page.getByRole("checkbox", { name: "728×90 Leaderboard" })).toBeChecked();

  await price.fill("2.50");
  await page.getByLabel("Daily budget (USD)").fill("20");
  await page.getByLabel("Countries to include").fill("us, ca");
  await page.getByRole("button", { name: "Create campaign" }).click();

  await expect(page).toHaveURL(/\/advertiser\/campaigns\/[^/]+\?notice=campaign-created$/);
  await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("US, CA")).toBeVisible();

  await page.getByRole("link", { name: "Add creative" }).first().click();
  await page.getByLabel("Name").fill("Summer text");
  await page.getByRole("radio", { name: "Text", exact: true }).check();
  await page.getByLabel("Size").selectOption("728x90");
  await page.getByRole("textbox", { name: "Headline" }).fill("Summer <b>sale</b>");
  await page.getByRole("textbox", { name: "Text", exact: true }).fill("Tents and packs, 30 % off.");
  // The live preview follows the typing, at the real size, markup shown as text.
  const preview = page.getByRole("figure");
  await expect(preview.getByText("Summer <b>sale</b>")).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("Summer <b>sale</b>");
  expect(await preview.locator("strong").locator("..").boundingBox()).toMatchObject({ width: 728, height: 90 });

  await page.getByLabel("Landing page URL").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Add creative" }).click();
  const landing = page.getByLabel("Landing page URL");
  await expect(landing).toHaveAccessibleDescription(/Use a landing page URL that starts with https:\/\/ or http:\/\/\./);
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue("Summer <b>sale</b>");
  await expect(page.getByRole("radio", { name: "Text", exact: true })).toBeChecked();

  await landing.fill("https://northwind.example/summer");
  await page.getByRole("button", { name: "Add creative" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Creative added." })).toBeVisible();
  const creative = page.getByRole("listitem").filter({ hasText: "Summer text" });
  await expect(creative.getByText("In review")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  // Active, but its only creative is in review: the status says it cannot serve, and why.
  await expect(row.getByText("Not serving: no approved creative", { exact: true })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toHaveCount(0);
  await expect(row.getByText("1 in review", { exact: false })).toBeVisible();
  // On a laptop (1280 px) the list fits with that long name and status: it does not scroll
  // sideways, and the row's last action is in view (the actions wrap rather than push it out).
  await expectFitsWithoutScrolling(page.getByRole("table", { name: "Campaigns" }), row.getByText("Archive…"));
  // Archive asks first, over the page: on the list's last row too the question is whole, not
  // clipped by the table's scrolling region; Cancel closes it, nothing archived.
  const lastRow = page.getByRole("table", { name: "Campaigns" }).getByRole("row").last();
  await lastRow.getByText("Archive…").click();
  await expect(lastRow.getByRole("button", { name: "Archive campaign" })).toBeInViewport({ ratio: 1 });
  await lastRow.getByRole("button", { name: "Cancel" }).click();
  await expect(lastRow.getByRole("button", { name: "Archive campaign" })).toBeHidden();
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Not serving: no approved creative", { exact: true })).toBeVisible();
  // No pacing note ("Behind plan") for a campaign that cannot serve.
  await expect(page.getByText("Even", { exact: true })).toBeVisible();

  // The overview's "Needs attention" box gives it the same status.
  await page.goto("/advertiser");
  const attention = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(attention.getByText("Not serving: no approved creative", { exact: true })).toBeVisible();

  // On a phone each row of the list is laid out as a card, with the same status: one rendering
  // of each campaign (not a hidden table beside visible cards), and no sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto("/advertiser/campaigns");
    const card = page.getByRole("row").filter({ hasText: name });
    await expect(card.getByText("Not serving: no approved creative", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name, exact: true, includeHidden: true })).toHaveCount(1);
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test("pausing Spring trail shoes stops the leaderboard's only ad within 2 s; resuming brings it back", async ({ request }) => {
  const page = advertiser;
  await expect.poll(() => serveStatus(request)).toBe(200);
  await page.goto("/advertiser/campaigns");
  try {
    await page.getByRole("button", { name: `Pause ${SPRING}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Campaign paused." })).toBeVisible();
    const paused = Date.now();
    // What counts is when the request that no longer got the ad was sent: on a busy machine its
    // answer (a database load of the active set) may itself take seconds.
    let sentAt = 0;
    const sentStatus = () => ((sentAt = Date.now()), serveStatus(request));
    await expect.poll(sentStatus, { timeout: 15_000, intervals: [100] }).toBe(204);
    expect(sentAt - paused).toBeLessThan(2_000);
    await expect(page.getByRole("row").filter({ hasText: SPRING }).getByText("Not serving: paused", { exact: true })).toBeVisible();
  } finally {
    // Leave the demo campaign serving for whatever runs next, also when an assertion failed.
    await page.goto("/advertiser/campaigns");
    const resume = page.getByRole("button", { name: `Resume ${SPRING}` });
    if (await resume.isVisible()) await resume.click();
  }
  await expect(page.getByRole("status").filter({ hasText: "Campaign resumed." })).toBeVisible();
  await expect.poll(() => serveStatus(request), { timeout: 15_000, intervals: [100] }).toBe(200);
});

test("another advertiser's forged pause of the demo campaign changes nothing", async ({ browser, request }) => {
  test.setTimeout(90_000); // sign-up, a new campaign and five probes: 10 s idle, 17 s on a busy CI machine
  const page = await (await browser.newContext()).newPage();
  try {
    const stamp = Date.now();
    const email = `rival-${stamp}@example.com`;
    await signUpThroughForm(page, { kind: "Advertise", organizationName: `Rival Gear ${stamp}`, name: "Rita Rival", email, password: "rival lantern orbit 17" });
    await signInThroughForm(page, email, "rival lantern orbit 17");
    await page.waitForURL("**/advertiser");

    // The demo campaign's page is simply not there for this organisation.
    await page.goto("/advertiser/campaigns/demo-campaign-spring");
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();

    // An active campaign of their own, to get a real pause form.
    const own = `Rival launch ${stamp}`;
    await page.goto("/advertiser/campaigns/new");
    await page.getByLabel("Name").fill(own);
    await page.getByLabel("Status").selectOption("ACTIVE");
    await page.getByLabel("Price (USD)").fill("1");
    await page.getByLabel("Total budget (USD)").fill("50");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();

    await page.goto("/advertiser/campaigns");
    const pause = page.getByRole("button", { name: `Pause ${own}` });
    await pause.evaluate((button) => {
      const input = button.closest("form")?.querySelector<HTMLInputElement>('input[name="campaignId"]');
      if (!input) throw new Error("no campaignId input in the pause form");
      input.value = "demo-campaign-spring";
    });
    await pause.click();

    await expect(page).toHaveURL(/\/advertiser\/campaigns\?notice=campaign-not-found$/);
    await expect(page.getByRole("alert").filter({ hasText: "That campaign was not found. Nothing was changed." })).toBeVisible();
    // Still active, and still honest: nobody in the new organisation has confirmed an address
    // yet (that comes before its missing creative), so it cannot serve.
    await expect(page.getByRole("row").filter({ hasText: own }).getByText("Not serving: confirm your e-mail address", { exact: true })).toBeVisible();

    // The demo campaign still serves, and its owner still sees it serving.
    for (let i = 0; i < 5; i++) {
      expect(await serveStatus(request)).toBe(200);
      await page.waitForTimeout(300);
    }
    await advertiser.goto("/advertiser/campaigns");
    await expect(advertiser.getByRole("row").filter({ hasText: SPRING }).getByText("Serving", { exact: true })).toBeVisible();
  } finally {
    await page.context().close();
  }
});
