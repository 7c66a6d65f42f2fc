import { expect, test, type Page } from "@playwright/test";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";
import { demoSession } from "./support/sign-in";

// The honest serving status (issue 15) where an advertiser reads it — the campaign list (a
// table on a desktop, cards on a phone), the campaign's page, the overview's "Needs attention"
// and the management API — with the same words everywhere, at 1280×800 and 390×844.
// Archiving (asked first), Restore and the review queue are in admin.spec.ts.

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** A new ACTIVE campaign from the form, with no creative; its id. */
async function createActiveCampaign(page: Page, name: string): Promise<string> {
  await page.goto("/advertiser/campaigns/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Status").selectOption("ACTIVE");
  await page.getByLabel("Price (USD)").fill("2.50");
  await page.getByLabel("Total budget (USD)").fill("100");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible({ timeout: 30_000 });
  const id = /\/advertiser\/campaigns\/([^/?]+)/.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** A key from /settings/api-keys, as the page shows it once. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const field = page.getByLabel(`New API key “${name}”`);
  await expect(field).toHaveValue(/^mq_live_/, { timeout: 30_000 });
  return field.inputValue();
}

/** The status the list, the campaign's page and the overview show for `name`, at each width. */
async function expectStatusEverywhere(page: Page, id: string, name: string, label: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto("/advertiser/campaigns");
    // One row per campaign at every width (laid out as a card on a phone).
    const entry = page.getByRole("row").filter({ hasText: name });
    await expect(entry.getByText(label, { exact: true })).toBeVisible();
    await expect(entry.getByText("Active", { exact: true })).toHaveCount(0);

    await page.goto(`/advertiser/campaigns/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(label, { exact: true })).toBeVisible();

    await page.goto("/advertiser");
    const attention = page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(attention.getByText(label, { exact: true })).toBeVisible();
  }
}

async function expectApiStatus(page: Page, key: string, id: string, state: string, label: string) {
  const answer = await page.request.get(`/api/v1/campaigns/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(answer.status()).toBe(200);
  expect((await answer.json()).servingStatus).toEqual({ state, label });
}

test("an active campaign without an approved creative reads 'Not serving: no approved creative' on the list, its page, the overview and in the API", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL, storageState: await demoSession(browser, baseURL!, "advertiser@marquee.local", "marquee-advertiser") });
  try {
    const page = await context.newPage();
    const name = `Serving e2e ${Date.now().toString(36)}`;
    const id = await createActiveCampaign(page, name);
    await expectStatusEverywhere(page, id, name, "Not serving: no approved creative");
    await expectApiStatus(page, await createKey(page, `${name} key`), id, "no-approved-creative", "Not serving: no approved creative");
  } finally {
    await context.close();
  }
});

test("an organisation no owner has confirmed says so before anything else, and the status leads to the link that is sent again", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const email = `unconfirmed-${stamp}@example.com`;
  await signUpThroughForm(page, { kind: "Advertise", organizationName: `Unconfirmed ${stamp}`, name: "Una Confirmed", email, password: "lantern orchard quiver 47" });
  await signInThroughForm(page, email, "lantern orchard quiver 47");

  const name = `Unconfirmed e2e ${stamp}`;
  const id = await createActiveCampaign(page, name);
  const label = "Not serving: confirm your e-mail address";
  await expectStatusEverywhere(page, id, name, label);

  // On the phone (the last width checked), the overview's status is a link to the banner
  // that sends the confirmation link again.
  await page.getByRole("link", { name: label }).first().click();
  await expect(page).toHaveURL(/#email-confirmation$/);
  const banner = page.getByRole("region", { name: "E-mail confirmation" });
  await expect(banner.getByRole("button", { name: "Send the link again" })).toBeVisible();
  await expect(banner).toBeInViewport();

  await page.setViewportSize(VIEWPORTS[0]);
  await expectApiStatus(page, await createKey(page, `${name} key`), id, "unverified", label);
});
