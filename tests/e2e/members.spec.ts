import { expect, test } from "@playwright/test";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";
import { expectFitsWithoutScrolling } from "./support/layout";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// Invitation links end to end: the demo advertiser (owner of "Northwind Outdoor") creates a
// link, a stranger opens it in a browser of their own, signs up through it ("check your
// inbox", as every sign-up answers), signs in and lands in Northwind's dashboard (not a new
// organisation); the owner then sees them in the list and manages their role.

let advertiser: StorageState;
test.beforeAll(async ({ browser }, testInfo) => {
  advertiser = await demoSession(browser, testInfo.project.use.baseURL!, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
});
test.use({ storageState: async ({}, use) => use(advertiser) });

test("an invited person signs up through the link and joins Northwind Outdoor", async ({ page, browser, baseURL }) => {
  await page.goto("/advertiser");
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Mail the link to (optional)")).toHaveAccessibleDescription(/Leave it empty to send the link yourself\. It works once, for 7 days/);

  await page.getByLabel("Role", { exact: true }).selectOption("MEMBER");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText("Invitation link created. Copy it now: it is shown only once.")).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const invitePath = new URL(link).pathname;

  const stranger = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const invited = await stranger.newPage();
    await invited.goto(invitePath);
    await expect(invited.getByRole("heading", { name: "Join Northwind Outdoor", level: 1 })).toBeVisible();
    await expect(invited.getByRole("link", { name: "Sign in" })).toBeVisible();
    const email = `invited-${Date.now().toString(36)}@example.test`;
    await invited.getByLabel("Your name").fill("Ivy Invited");
    await invited.getByLabel("E-mail").fill(email);
    await invited.getByLabel("Password").fill("violet-harbour-lantern-7");
    await invited.getByRole("button", { name: "Create account and join Northwind Outdoor" }).click();
    await expect(invited).toHaveURL(/\/check-email$/);
    await signInThroughForm(invited, email, "violet-harbour-lantern-7");

    await expect(invited).toHaveURL(/\/advertiser$/);
    await expect(invited.getByText("Northwind Outdoor").first()).toBeVisible();
    await invited.getByRole("link", { name: "Campaigns", exact: true }).click();
    await expect(invited.getByRole("link", { name: "Spring trail shoes" }).first()).toBeVisible();
    await expect(invited.getByRole("link", { name: "Ultralight tents" }).first()).toBeVisible();

    // A member sees the list but no management controls.
    await invited.goto("/settings/members");
    await expect(invited.getByRole("row", { name: /Ivy Invited/ })).toBeVisible();
    await expect(invited.getByRole("button", { name: "Create invitation link" })).toHaveCount(0);
    await expect(invited.getByRole("button", { name: /^Remove / })).toHaveCount(0);

    // The link worked once.
    await invited.goto(invitePath);
    await expect(invited.getByRole("heading", { name: "Invitation not valid", level: 1 })).toBeVisible();

    await page.reload();
    const row = page.getByRole("row", { name: /Ivy Invited/ });
    await expect(row.getByText(email)).toBeVisible();
    // On a laptop (1280 px) the list beside the invitation form shows each row whole, its controls included.
    await expectFitsWithoutScrolling(page.getByRole("table", { name: "Members" }), row.getByRole("button", { name: "Remove Ivy Invited" }));
    await expect(row.getByRole("cell", { name: "Member", exact: true })).toBeVisible();

    // The owner makes them read-only: they see the reports, no longer the campaigns.
    await row.getByLabel("Role of Ivy Invited").selectOption("VIEWER");
    await row.getByRole("button", { name: "Change role: Ivy Invited" }).click();
    await expect(page.getByText("Role changed.")).toBeVisible();
    await expect(page.getByRole("row", { name: /Ivy Invited/ }).getByRole("cell", { name: "Read-only", exact: true })).toBeVisible();
    await invited.goto("/advertiser/campaigns");
    await expect(invited).toHaveURL(/\/advertiser$/);
    await expect(invited.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns", exact: true })).toHaveCount(0);
    await expect(invited.getByRole("link", { name: "New campaign" })).toHaveCount(0);
    await invited.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expect(invited).toHaveURL(/\/advertiser\/reports/);
  } finally {
    await stranger.close();
  }
});

test("an unknown invitation link shows a clear page and no form", async ({ browser, baseURL }) => {
  const visitor = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await visitor.newPage();
    await page.goto(`/invite/${"A".repeat(43)}`);
    await expect(page.getByRole("heading", { name: "Invitation not valid", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
  } finally {
    await visitor.close();
  }
});

test("each member turns mail about campaigns off and on for themselves, under Settings → Organisation", async ({ browser, baseURL }) => {
  test.setTimeout(120_000); // a sign-up and a sign-in on a loaded 2-core machine
  // A new advertiser of its own: the demo advertiser's choice would change what other specs read in the outbox.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    const stamp = Date.now().toString(36);
    const email = `campaign-mail-${stamp}@example.test`;
    await signUpThroughForm(page, { kind: "Advertise", organizationName: `Mailbox Gear ${stamp}`, name: "Mo Mail", email, password: "violet-harbour-lantern-7" });
    await signInThroughForm(page, email, "violet-harbour-lantern-7");
    await page.goto("/settings/organization");
    const yours = page.getByRole("group", { name: "Mail about campaigns" });
    // Its own Save (the time zone's and two-factor's forms have one each).
    const save = page.locator("form").filter({ has: yours }).getByRole("button", { name: "Save" });
    await expect(page.getByText(`For you alone, in Mailbox Gear ${stamp}: other members choose for themselves.`)).toBeVisible();
    await expect(yours.getByRole("radio", { name: /^On/ })).toBeChecked();

    await yours.getByRole("radio", { name: /^Off/ }).check();
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "You no longer get mail about this organisation's campaigns." })).toBeVisible();
    await page.reload();
    await expect(yours.getByRole("radio", { name: /^Off/ })).toBeChecked();

    await yours.getByRole("radio", { name: /^On/ }).check();
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "You get mail about this organisation's campaigns again" })).toBeVisible();
    await expect(yours.getByRole("radio", { name: /^On/ })).toBeChecked();
  } finally {
    await context.close();
  }
});
