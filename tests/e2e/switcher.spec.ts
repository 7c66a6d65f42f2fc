import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// The organisation switcher end to end. The data is made the way people make it (the app's
// embedded database belongs to the server process): a new person joins the demo publisher
// "Trailhead Daily" read-only through an invitation link, then the demo advertiser "Northwind
// Outdoor" as a member through another. In the header they choose where they work; each
// organisation shows its own pages, and the read-only role there shows the reports only. A link
// naming a page of the other organisation asks them to switch first. The second link, opened
// signed out, signs them in and comes back to it.

let advertiser: StorageState;
let publisher: StorageState;
test.beforeAll(async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  advertiser = await demoSession(browser, baseURL, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
  publisher = await demoSession(browser, baseURL, demoAccounts.publisher.email, demoAccounts.publisher.password);
});

/** An owner's invitation link for the role, as a path. */
async function invitationPath(page: Page, role: "VIEWER" | "MEMBER"): Promise<string> {
  await page.goto("/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText("Invitation link created. Copy it now: it is shown only once.")).toBeVisible();
  return new URL(await page.getByLabel("Invitation link").inputValue()).pathname;
}

test("a person in an advertiser and a publisher organisation switches between them and sees each one's pages", async ({ browser, baseURL }) => {
  const contexts = await Promise.all([advertiser, publisher, { cookies: [], origins: [] }].map((storageState) => browser.newContext({ baseURL, storageState })));
  try {
    const [northwindOwner, trailheadOwner, person] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page];
    const email = `switcher-${Date.now().toString(36)}@example.test`;
    const password = "violet-harbour-lantern-7";

    // Joins Trailhead Daily read-only by signing up through its link.
    await person.goto(await invitationPath(trailheadOwner, "VIEWER"));
    await person.getByLabel("Your name").fill("Sam Switcher");
    await person.getByLabel("E-mail").fill(email);
    await person.getByLabel("Password").fill(password);
    await person.getByRole("button", { name: "Create account and join Trailhead Daily" }).click();
    await expect(person).toHaveURL(/\/check-email$/);

    // Opens Northwind Outdoor's link signed out: its "Sign in" comes back to it.
    const northwind = await invitationPath(northwindOwner, "MEMBER");
    await person.goto(northwind);
    await person.getByRole("link", { name: "Sign in" }).click();
    await expect(person).toHaveURL(`/sign-in?next=${encodeURIComponent(northwind)}`);
    // Without an account, back to the invitation's own sign-up, not one that makes an organisation.
    await expect(person.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", northwind);
    await person.getByLabel("E-mail").fill(email);
    await person.getByLabel("Password").fill(password);
    await person.getByRole("button", { name: "Sign in" }).click();
    await expect(person).toHaveURL(northwind);
    await expect(person.getByText(`You are signed in as ${email}.`)).toBeVisible();
    await person.goto("/dashboard");
    await expect(person).toHaveURL(/\/publisher$/);
    // One organisation: no switcher.
    await expect(person.getByLabel("Organisation", { exact: true })).toHaveCount(0);

    // Joins Northwind Outdoor as a member, signed in.
    await person.goto(northwind);
    await person.getByRole("button", { name: "Join Northwind Outdoor" }).click();
    // Home is still the oldest membership.
    await expect(person).toHaveURL(/\/publisher$/);

    const switcher = person.getByLabel("Organisation", { exact: true });
    await expect(switcher.locator("option")).toHaveText(["Trailhead Daily · Publisher · Read-only", "Northwind Outdoor · Advertiser · Member"]);
    await expect(switcher).toHaveValue("demo-org-publisher");

    // Read-only at the publisher: the overview and the reports, nothing of the inventory.
    const nav = person.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Sites & placements" })).toHaveCount(0);
    await person.goto("/publisher/sites");
    await expect(person).toHaveURL(/\/publisher$/);

    // To Northwind Outdoor: its pages, with what a member may do.
    await switcher.selectOption({ label: "Northwind Outdoor · Advertiser · Member" });
    await person.getByRole("button", { name: "Switch" }).click();
    await expect(person).toHaveURL(/\/advertiser$/);
    await expect(person.getByLabel("Organisation", { exact: true })).toHaveValue("demo-org-advertiser");
    await nav.getByRole("link", { name: "Campaigns", exact: true }).click();
    await expect(person.getByRole("link", { name: "Spring trail shoes" }).first()).toBeVisible();
    await expect(person.getByRole("link", { name: "New campaign" })).toBeVisible();
    // The choice holds across pages, and the publisher's pages are not this organisation's.
    await person.goto("/publisher/reports");
    await expect(person).toHaveURL(/\/advertiser$/);

    // And back.
    await person.getByLabel("Organisation", { exact: true }).selectOption({ label: "Trailhead Daily · Publisher · Read-only" });
    await person.getByRole("button", { name: "Switch" }).click();
    await expect(person).toHaveURL(/\/publisher$/);
    await nav.getByRole("link", { name: "Reports" }).click();
    await expect(person).toHaveURL(/\/publisher\/reports/);
    await person.goto("/advertiser/campaigns");
    await expect(person).toHaveURL(/\/publisher$/);

    // A link in a mail about Northwind's campaign (lib/mail/links.ts organizationMailLink), opened
    // while working in Trailhead: asked to switch — the link alone changes nothing —, then there.
    const link = `/switch?organization=demo-org-advertiser&next=${encodeURIComponent("/advertiser/campaigns/demo-campaign-spring")}`;
    await person.goto(link);
    await expect(person.getByRole("heading", { level: 1, name: "Switch to Northwind Outdoor?" })).toBeVisible();
    await expect(person.getByText("This link opens a page of Northwind Outdoor. You are working in Trailhead Daily.")).toBeVisible();
    await expect(person.getByLabel("Organisation", { exact: true })).toHaveValue("demo-org-publisher");
    await person.getByRole("button", { name: "Switch to Northwind Outdoor" }).click();
    await expect(person).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring$/);
    await expect(person.getByRole("heading", { level: 1, name: "Spring trail shoes" })).toBeVisible();
    await expect(person.getByLabel("Organisation", { exact: true })).toHaveValue("demo-org-advertiser");
    // Already there: the link goes straight on. An organisation not theirs: said, nothing changed.
    await person.goto(link);
    await expect(person).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring$/);
    await person.goto(`/switch?organization=demo-org-someone-else&next=${encodeURIComponent("/advertiser/campaigns")}`);
    await expect(person).toHaveURL(/\/advertiser\?notice=organization-not-found$/);
    await expect(person.getByLabel("Organisation", { exact: true })).toHaveValue("demo-org-advertiser");
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

test("a forged switch to an organisation the person is not in changes nothing", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: advertiser });
  try {
    const page = await context.newPage();
    // The cookie itself, forged: the server ignores it and keeps the only membership.
    await context.addCookies([{ name: "marquee_org", value: "demo-org-publisher", url: baseURL! }]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/advertiser$/);
    await page.goto("/publisher/sites");
    await expect(page).toHaveURL(/\/advertiser$/);
  } finally {
    await context.close();
  }
});
