import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { REPORT_FILTER_OPTIONS } from "@/lib/reports/report-query";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";

// The campaign list of an advertiser with more campaigns than one page holds: Previous / Next
// with "Showing X–Y of Z", a search by name (LIKE's wildcards matched as typed), an empty
// search that says so, and a pause on page 2 that comes back to page 2; and the overview, which
// lists 50 of the campaigns that need attention; then, past 100 campaigns, the report's campaign
// filter, which lists the 100 newest and finds the others by name. A new organisation of
// its own, so the demo advertiser's list, which other specs read, is left as it is; its
// campaigns are made through the management API, the quick way to make 52.

const PAGE_SIZE = 50;
const BULK = 51;
const NEEDLE = "Needle 100%_off";

/** A key that may write, from /settings/api-keys, as the page shows it once. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("radio", { name: /^Read and write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const field = page.getByLabel(`New API key “${name}”`);
  await expect(field).toHaveValue(/^mq_live_/, { timeout: 30_000 });
  return field.inputValue();
}

/** Active campaigns through POST /api/v1/campaigns, one after the other: the first is the oldest. */
async function createCampaigns(page: Page, key: string, names: string[]): Promise<void> {
  for (const name of names) {
    const answer = await page.request.post("/api/v1/campaigns", {
      headers: { authorization: `Bearer ${key}` },
      data: { name, status: "ACTIVE", startsAt: "2026-01-01T00:00:00Z", pricingModel: "CPM", price: "2.50", totalBudget: "100" },
    });
    expect(answer.status(), await answer.text()).toBe(201);
  }
}

const showing = (page: Page) => page.getByRole("navigation", { name: "Campaign pages" });
const rows = (page: Page) => page.getByRole("table", { name: "Campaigns" }).getByRole("row");

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).options({ resultTypes: ["violations"] }).analyze();
  expect(results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
}

test("an advertiser with more campaigns than a page pages through them, searches for one and pauses it on page 2", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const stamp = Date.now().toString(36);
  const email = `many-campaigns-${stamp}@example.com`;
  await signUpThroughForm(page, { kind: "Advertise", organizationName: `Many campaigns ${stamp}`, name: "Manny Campaigns", email, password: "lantern orchard quiver 47" });
  await signInThroughForm(page, email, "lantern orchard quiver 47");
  // The needle first: the oldest, so the last of the list, on page 2.
  const key = await createKey(page, `Bulk ${stamp}`);
  await createCampaigns(page, key, [NEEDLE, ...Array.from({ length: BULK }, (_, n) => `Bulk ${String(n).padStart(2, "0")}`)]);
  const total = BULK + 1;

  // The overview lists 50 of the 52 that need attention (none has an approved creative) and counts the rest.
  await page.goto("/advertiser");
  await expect(page.locator('section[aria-labelledby="attention-heading"] > ul > li')).toHaveCount(50);
  await expect(page.getByText("And 2 more campaigns that need attention: the campaign list shows every campaign's status.")).toBeVisible();

  await page.goto("/advertiser/campaigns");
  await expect(showing(page)).toContainText(`Showing 1–${PAGE_SIZE} of ${total} campaigns`);
  await expect(rows(page)).toHaveCount(PAGE_SIZE + 1); // and the header row
  await expect(page.getByRole("link", { name: `Current (${total})` })).toBeVisible();
  await expect(showing(page).getByRole("link", { name: "Previous" })).toHaveCount(0);

  await showing(page).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/advertiser\/campaigns\?page=2$/);
  await expect(showing(page)).toContainText(`Showing ${PAGE_SIZE + 1}–${total} of ${total} campaigns`);
  await expect(rows(page)).toHaveCount(total - PAGE_SIZE + 1);
  await expect(rows(page).filter({ hasText: NEEDLE })).toHaveCount(1);
  await expect(showing(page).getByRole("link", { name: "Next" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // A pause on page 2 comes back to page 2, saying so.
  await page.getByRole("button", { name: `Pause ${NEEDLE}` }).click();
  await expect(page).toHaveURL(/\/advertiser\/campaigns\?notice=campaign-paused&page=2$/);
  await expect(page.getByRole("status").filter({ hasText: "Campaign paused." })).toBeVisible();
  await expect(rows(page).filter({ hasText: NEEDLE }).getByText("Not serving: paused", { exact: true })).toBeVisible();

  await showing(page).getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/\/advertiser\/campaigns$/);
  await expect(showing(page)).toContainText(`Showing 1–${PAGE_SIZE} of ${total} campaigns`);

  // The search box: % and _ are matched as typed.
  await page.getByLabel("Find by campaign name").fill("100%_");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=100%25_(&|$)/);
  await expect(showing(page)).toContainText("Showing 1–1 of 1 campaign");
  await expect(rows(page).nth(1)).toContainText(NEEDLE);
  await expect(page.getByLabel("Find by campaign name")).toHaveValue("100%_");

  // Nothing found: said so, with the way back.
  await page.getByLabel("Find by campaign name").fill("no such campaign");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "No campaigns match “no such campaign”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Current (0)" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).toHaveURL(/\/advertiser\/campaigns$/);
  await expect(showing(page)).toContainText(`Showing 1–${PAGE_SIZE} of ${total} campaigns`);

  // Reports: up to 100 campaigns, the filter lists them all, with no search field.
  const campaignFilter = page.getByLabel("Campaign", { exact: true });
  await page.goto("/advertiser/reports");
  await expect(campaignFilter.locator("option")).toHaveCount(total + 1); // and "All campaigns"
  await expect(page.getByLabel("Find campaigns")).toHaveCount(0);

  // Past 100, it lists the 100 newest (the needle, the oldest, is not among them) and a search finds the others.
  const more = REPORT_FILTER_OPTIONS + 1 - total;
  await createCampaigns(page, key, Array.from({ length: more }, (_, n) => `More ${String(n).padStart(2, "0")}`));
  await page.goto("/advertiser/reports");
  await expect(page.getByText(`The Campaign list holds the 100 newest of ${REPORT_FILTER_OPTIONS + 1} campaigns.`)).toBeVisible();
  await expect(campaignFilter.locator("option")).toHaveCount(REPORT_FILTER_OPTIONS + 1);
  await expect(campaignFilter.locator("option", { hasText: NEEDLE })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  await page.getByLabel("Find campaigns").fill("100%_");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByText("1 campaign matches “100%_”: the Campaign list holds it.")).toBeVisible();
  await expect(campaignFilter.locator("option")).toHaveText(["All campaigns", NEEDLE]);
  await campaignFilter.selectOption({ label: NEEDLE });
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/[?&]campaign=[^&]+/);
  await expect(page.getByRole("status").filter({ hasText: `${NEEDLE}, ` })).toBeVisible();
  await expect(campaignFilter).toHaveValue(/.+/);
  await expect(page.getByLabel("Find campaigns")).toHaveValue("100%_");
});

test("a hand-edited address shows the list, not an error", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `odd-address-${stamp}@example.com`;
  await signUpThroughForm(page, { kind: "Advertise", organizationName: `Odd address ${stamp}`, name: "Odd Address", email, password: "lantern orchard quiver 47" });
  await signInThroughForm(page, email, "lantern orchard quiver 47");
  for (const query of ["page=-1", "page=abc", "page=99999999999999999999", `q=${"x".repeat(5_000)}`, "q=%00", "view=deleted&status=GONE", "page=2&page=3&q=a&q=b"]) {
    const answer = await page.goto(`/advertiser/campaigns?${query}`);
    expect(answer?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  }
});
