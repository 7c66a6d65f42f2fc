// Time zones in Chromium, with the browser in New York (Playwright's timezoneId), at desktop and
// phone widths: sign-up takes the browser's zone for the new organisation; a flight typed as
// 02:30 on New York's spring-forward night (a time its clocks skip) is kept as 07:30Z and shown
// as 03:30 EDT; moving the organisation to another zone shows the same moment in that zone's
// clock; a field's error goes once the field is edited.
import { expect, test, type Page } from "@playwright/test";
import { signInThroughForm } from "./support/accounts";

const viewports = [
  { name: "desktop", width: 1280, height: 800, otherZone: "Europe/Berlin", otherStart: "14 Mar 2027, 08:30 CET", otherInput: "2027-03-14T08:30" },
  { name: "phone", width: 390, height: 844, otherZone: "UTC", otherStart: "14 Mar 2027, 07:30 UTC", otherInput: "2027-03-14T07:30" },
] as const;

const PASSWORD = "harbor meadow signal 58";

/** Signs up through the form (checking that it says which zone it took) and signs in. */
async function signUpInNewYork(page: Page, email: string, organizationName: string): Promise<void> {
  await page.goto("/sign-up");
  await expect(page.getByTestId("sign-up-time-zone")).toHaveText(/Dates will be shown and entered in America\/New_York/);
  await page.getByRole("radio", { name: /Advertise/ }).check();
  await page.getByLabel("Company or site name").fill(organizationName);
  await page.getByLabel("Your name").fill("Tess Zone");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible({ timeout: 30_000 });
  await signInThroughForm(page, email, PASSWORD);
}

/** Saves the organisation's zone in the settings. */
async function chooseTimeZone(page: Page, timeZone: string): Promise<void> {
  await page.goto("/settings/organization");
  await page.getByLabel("Time zone").fill(timeZone);
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page).toHaveURL(/notice=time-zone-changed/);
  await expect(page.getByLabel("Time zone")).toHaveValue(timeZone);
}

for (const viewport of viewports) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height }, timezoneId: "America/New_York" });

    test("the organisation keeps the browser's zone, flights are typed and shown in it, and a change of zone shows the same moment on its clock", async ({ page }) => {
      test.setTimeout(180_000);
      const stamp = `${viewport.name}-${Date.now().toString(36)}`;
      await signUpInNewYork(page, `zones-${stamp}@example.com`, `Zone Outfitters ${stamp}`);

      await page.goto("/settings/organization");
      await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
      await expect(page.getByTestId("organization-now")).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} E[SD]T$/);

      // 02:30 on 14 March 2027 does not happen in New York (02:00 → 03:00): it is read as 03:30 EDT, 07:30Z.
      const name = `Spring forward ${stamp}`;
      await page.goto("/advertiser/campaigns/new");
      await expect(page.getByText("Times are in UTC")).toHaveCount(0);
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Starts (America/New_York)").fill("2027-03-14T02:30");
      await page.getByLabel("Price (USD)").fill("2");
      await page.getByLabel("Total budget (USD)").fill("100");
      await page.getByRole("button", { name: "Create campaign" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole("heading", { name })).toBeVisible();
      await expect(page.getByText("14 Mar 2027, 03:30 EDT – no end date")).toBeVisible();
      const detail = page.url().replace(/\?.*$/, "");

      await page.goto(`${detail}/edit`);
      await expect(page.getByLabel("Starts (America/New_York)")).toHaveValue("2027-03-14T03:30");

      // Another zone: the same moment (07:30Z) on its clock, in the detail and in the form.
      await chooseTimeZone(page, viewport.otherZone);
      await page.goto(detail);
      await expect(page.getByText(`${viewport.otherStart} – no end date`)).toBeVisible();
      await page.goto(`${detail}/edit`);
      await expect(page.getByLabel(`Starts (${viewport.otherZone})`)).toHaveValue(viewport.otherInput);
      // The list shows the day in the same one format (a table on desktop, cards on a phone).
      await page.goto("/advertiser/campaigns");
      await expect(page.getByText(/14 Mar 2027 – no end/).filter({ visible: true })).toBeVisible();
    });

    test("a field's error goes once the field is edited, and comes back if the form is sent wrong again", async ({ page }) => {
      test.setTimeout(180_000);
      const stamp = `${viewport.name}-errors-${Date.now().toString(36)}`;
      await signUpInNewYork(page, `zones-${stamp}@example.com`, `Zone Errors ${stamp}`);

      await page.goto("/settings/organization");
      const field = page.getByLabel("Time zone");
      await field.fill("Mars/Olympus_Mons");
      await page.getByRole("button", { name: "Save time zone" }).click();
      const error = page.getByText("Choose a time zone from the list, such as Europe/Berlin or America/New_York.");
      await expect(error).toBeVisible({ timeout: 30_000 });
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveValue("Mars/Olympus_Mons");

      await field.fill("Europe/Par");
      await expect(error).toHaveCount(0);
      await expect(field).not.toHaveAttribute("aria-invalid", "true");

      await page.getByRole("button", { name: "Save time zone" }).click();
      await expect(error).toBeVisible({ timeout: 30_000 });
      await field.fill("Europe/Paris");
      await expect(error).toHaveCount(0);
      await page.getByRole("button", { name: "Save time zone" }).click();
      await expect(page).toHaveURL(/notice=time-zone-changed/);
      await expect(field).toHaveValue("Europe/Paris");
    });
  });
}
