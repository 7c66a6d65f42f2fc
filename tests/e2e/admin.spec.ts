import { expect, test, type Browser } from "@playwright/test";
import { demoSession, type StorageState } from "./support/sign-in";

// The operator's pages, and that nobody else gets in.



const accounts = {
  admin: ["admin@marquee.local", "marquee-admin"],
  publisher: ["publisher@marquee.local", "marquee-publisher"],
  advertiser: ["advertiser@marquee.local", "marquee-advertiser"],
} as const;
const states: Partial<Record<keyof typeof accounts, StorageState>> = {};

async function stateOf(browser: Browser, baseURL: string, who: keyof typeof accounts): Promise<StorageState> {
  const [email, password] = accounts[who];
  return (states[who] ??= await demoSession(browser, baseURL, email, password));
}

/** Who the tests of a describe block are signed in as. */
function signInAs(who: keyof typeof accounts) {
  test.beforeAll(async ({ browser }, testInfo) => {
    await stateOf(browser, testInfo.project.use.baseURL!, who);
  });
  test.use({ storageState: async ({}, use) => use(states[who]!) });
}

test.describe("signed in as the operator", () => {
  signInAs("admin");

  test("the operator sees every account and organisation", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();

    const users = page.getByRole("table", { name: "Users" });
    for (const email of ["admin@marquee.local", "advertiser@marquee.local", "publisher@marquee.local"]) {
      await expect(users.getByRole("cell", { name: email })).toBeVisible();
    }
    await expect(users.getByRole("row").filter({ hasText: "admin@marquee.local" }).getByText("Operator", { exact: true })).toBeVisible();
    await expect(users.getByRole("row").filter({ hasText: "publisher@marquee.local" }).getByText("Trailhead Daily")).toBeVisible();

    const organizations = page.getByRole("table", { name: "Organisations" });
    await expect(organizations.getByRole("row").filter({ hasText: "Northwind Outdoor" }).getByText("Advertiser", { exact: true })).toBeVisible();
    await expect(organizations.getByRole("row").filter({ hasText: "Trailhead Daily" }).getByText("Publisher", { exact: true })).toBeVisible();
  });

  test("system health names this process's store (no Redis in this run), measures the database, and says what to do about its notices (no Redis, no scheduled jobs)", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System health" }).click();
    await expect(page.getByRole("heading", { name: "System health", level: 1 })).toBeVisible();
    await expect(page.getByTestId("health-status")).toHaveText("ok");
    await expect(page.getByTestId("database-state")).toHaveText("answers");
    await expect(page.getByTestId("database-latency")).toHaveText(/^\d+(\.\d)? ms$/);
    await expect(page.getByTestId("store-state")).toHaveText("not configured");
    await expect(page.getByTestId("store-kind")).toHaveText("This process's memory");
    await expect(page.getByTestId("parked-clicks-count")).toHaveText("0");
    await expect(page.getByTestId("parked-impressions-count")).toHaveText("0");
    const notice = page.getByTestId("warning-store-not-shared");
    await expect(notice).toContainText("No Redis configured: this instance keeps its own store");
    await expect(notice).toContainText("What to do:");
    // No CRON_SECRET in this run: the scheduled jobs are off, and the page says what that leaves undone.
    await expect(page.getByTestId("scheduled-jobs-state")).toHaveText("off");
    await expect(page.getByTestId("job-prune-events")).toHaveText("never ran");
    await expect(page.getByTestId("job-campaign-mail")).toHaveText("never ran");
    await expect(page.getByTestId("warning-scheduled-jobs-off")).toContainText("Scheduled jobs are off: CRON_SECRET is not set");
    // The read counters say where reads came from: none from a Redis that is not there, and
    // nothing reads "disabled" while this instance's own cache answers.
    await expect(page.getByText("Confirmed or read in Redis")).toBeVisible();
    await expect(page.getByText("not in use", { exact: true })).toBeVisible();
    await expect(page.getByText("No Redis configured: this copy is checked against the database", { exact: true })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("disabled");
    expect(await (await page.request.get("/api/health")).json()).toMatchObject({ cache: "not-configured" });

    // The same report as JSON, with the operator's session.
    const deep = await page.request.get("/api/health/deep");
    expect(deep.status()).toBe(200);
    expect(await deep.json()).toMatchObject({ status: "ok", instance: { buildId: expect.stringMatching(/^[\w-]+$/) }, store: { kind: "memory", shared: false }, warnings: expect.arrayContaining([expect.objectContaining({ id: "store-not-shared" }), expect.objectContaining({ id: "scheduled-jobs-off" })]) });
  });

  test("the review queue shows what waits, oldest first, or says that nothing does", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Creative review" }).click();
    await expect(page.getByRole("heading", { name: "Creative review", level: 1 })).toBeVisible();
    // The demo creatives are approved, so the queue starts empty. Other specs of the same run
    // may submit creatives through the advertiser UI; then each one must be decidable here.
    const decisions = page.getByRole("form", { name: /^Review / });
    if ((await decisions.count()) === 0) {
      await expect(page.getByRole("heading", { name: "Nothing to review" })).toBeVisible();
    } else {
      const first = decisions.first();
      await expect(first.getByRole("button", { name: "Approve" })).toBeVisible();
      await expect(first.getByRole("button", { name: "Reject" })).toBeVisible();
      await first.getByRole("button", { name: "Reject" }).click();
      await expect(first.getByText("Give the advertiser a reason for the rejection.")).toBeVisible();
    }
    await expect(page.getByText("Spring trail shoes 300×250")).toHaveCount(0);
  });

  test("the operator, who has no publisher organisation, is kept out of publisher pages", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/publisher/sites");
    await expect(page).toHaveURL(/\/admin$/);
  });
});

test.describe("signed in as a publisher", () => {
  signInAs("publisher");

  test("a publisher is kept out of every operator page", async ({ page }) => {
    for (const path of ["/admin", "/admin/operators", "/admin/review", "/admin/health", "/admin/traffic"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/publisher$/);
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" })).toHaveCount(0);
  });

  test("a publisher's session does not open the deep health check", async ({ page }) => {
    const response = await page.request.get("/api/health/deep");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Only operators may read the deep health check." } });
  });
});

test.describe("a creative from submission to decision", () => {
  signInAs("admin");

  /** Submits a pending text creative through the advertiser's own form, as the advertiser. */
  async function submitCreative(browser: Browser, baseURL: string, name: string) {
    const context = await browser.newContext({ baseURL, storageState: await stateOf(browser, baseURL, "advertiser") });
    try {
      const page = await context.newPage();
      await page.goto("/advertiser/campaigns/demo-campaign-spring/creatives/new");
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("radio", { name: "Text" }).check();
      await page.getByLabel("Size").selectOption("300x250");
      await page.getByLabel("Headline").fill("Trail shoes, lighter");
      await page.getByRole("textbox", { name: "Text", exact: true }).fill("New spring colours <b>now</b>");
      await page.getByLabel("Landing page URL").fill("https://northwind.example/spring?from=review");
      await page.getByRole("button", { name: "Add creative" }).click();
      await expect(page).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring(\?|$)/);
    } finally {
      await context.close();
    }
  }

  test("the operator approves one creative and rejects another with a reason", async ({ page, browser, baseURL }) => {
    const suffix = Date.now().toString(36);
    const approved = `Review e2e ${suffix} approve`;
    const rejected = `Review e2e ${suffix} reject`;
    await submitCreative(browser, baseURL!, approved);
    await submitCreative(browser, baseURL!, rejected);

    // The run's other specs may fill the queue past its first page: searched for, the two are found,
    // and each decision returns to the same search.
    await page.goto(`/admin/review?q=${encodeURIComponent(`Review e2e ${suffix}`)}`);
    await expect(page.getByRole("searchbox", { name: "Find by creative, campaign or advertiser" })).toHaveValue(`Review e2e ${suffix}`);
    await expect(page.getByText(`2 creatives waiting match “Review e2e ${suffix}”`)).toBeVisible();
    const approveForm = page.getByRole("form", { name: `Review ${approved}` });
    const approveCard = page.getByRole("listitem").filter({ has: approveForm });
    await expect(approveCard.getByText("https://northwind.example/spring?from=review")).toBeVisible();
    await expect(approveCard.getByText("Northwind Outdoor · campaign “Spring trail shoes”")).toBeVisible();
    // Text is shown as text, at the creative's size.
    await expect(approveCard.getByTestId("creative-preview")).toContainText("New spring colours <b>now</b>");
    await approveForm.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Creative approved." })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("q")).toBe(`Review e2e ${suffix}`);
    await expect(page.getByRole("form", { name: `Review ${approved}` })).toHaveCount(0);

    const rejectForm = page.getByRole("form", { name: `Review ${rejected}` });
    await rejectForm.getByRole("button", { name: "Reject" }).click();
    await expect(rejectForm.getByText("Give the advertiser a reason for the rejection.")).toBeVisible();
    await rejectForm.getByLabel("Reason").fill("The claim “lighter” needs a comparison.");
    await rejectForm.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Creative rejected." })).toBeVisible();
    await expect(page.getByRole("form", { name: `Review ${rejected}` })).toHaveCount(0);

    // The advertiser hears of the rejection by mail (this suite's server keeps mail in the outbox),
    // with the reason and a link that opens the creative's form; the approval sent nothing.
    await page.goto("/admin/outbox");
    const mail = page.getByRole("article", { name: `Creative rejected: ${rejected} to advertiser@marquee.local` });
    await expect(mail).toContainText("The claim “lighter” needs a comparison.");
    await expect(page.getByRole("article", { name: new RegExp(approved) })).toHaveCount(0);
    const link = /https?:\/\/\S+/.exec((await mail.textContent()) ?? "")?.[0];
    expect(link, "the mail's link").toBeDefined();
    const context = await browser.newContext({ baseURL, storageState: await stateOf(browser, baseURL!, "advertiser") });
    try {
      const advertiser = await context.newPage();
      // Through the organisation's link page (app/(app)/switch): straight on for a person in one organisation.
      await advertiser.goto(`${new URL(link!).pathname}${new URL(link!).search}`);
      await expect(advertiser).toHaveURL(/\/advertiser\/campaigns\/[^/]+\/creatives\/[^/]+\/edit$/);
      await expect(advertiser.getByLabel("Name", { exact: true })).toHaveValue(rejected);
      await expect(advertiser.getByText("Rejected: The claim “lighter” needs a comparison.")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("archiving a campaign asks first and takes its creatives out of the queue; Restore brings it back, paused", async ({ page, browser, baseURL }) => {
    // A copy of the demo campaign: a draft whose creatives all wait for review. Renamed at once,
    // so the advertiser spec's buttons and rows named after "Spring trail shoes" never see it.
    const name = `Archive e2e ${Date.now().toString(36)}`;
    const context = await browser.newContext({ baseURL, storageState: await stateOf(browser, baseURL!, "advertiser") });
    try {
      const advertiser = await context.newPage();
      await advertiser.goto("/advertiser/campaigns/demo-campaign-spring");
      await advertiser.getByRole("button", { name: "Duplicate Spring trail shoes" }).click();
      await expect(advertiser.getByRole("status").filter({ hasText: "Campaign duplicated" })).toBeVisible();
      const copyUrl = advertiser.url().split("?")[0]!;
      await advertiser.goto(`${copyUrl}/edit`);
      await advertiser.getByLabel("Name").fill(name);
      await advertiser.getByRole("button", { name: "Save campaign" }).click();
      await expect(advertiser.getByRole("status").filter({ hasText: "Campaign saved." })).toBeVisible();
      await expect(advertiser.getByRole("heading", { level: 1, name })).toBeVisible();
      const queued = async () => {
        await page.goto(`/admin/review?q=${encodeURIComponent(name)}`);
        return page.getByText(`campaign “${name}”`, { exact: false }).count();
      };
      const before = await queued();
      expect(before).toBeGreaterThan(0);

      // Archive only opens the question (from the keyboard); nothing changes until it is confirmed.
      const confirm = advertiser.getByRole("group", { name: `Confirm archiving ${name}` });
      await expect(confirm).toBeHidden();
      await advertiser.getByText("Archive…").focus();
      await advertiser.keyboard.press("Enter");
      await expect(confirm.getByText(`Archive ${name}?`)).toBeVisible();
      expect(advertiser.url().split("?")[0]).toBe(copyUrl);
      await confirm.getByRole("button", { name: "Archive campaign" }).click();
      await expect(advertiser.getByRole("status").filter({ hasText: "Campaign archived." })).toBeVisible();
      expect(await queued()).toBeLessThan(before);

      // Restore from the Archived list, on a phone: back paused, its pending creatives back in the queue.
      await advertiser.setViewportSize({ width: 390, height: 844 });
      await advertiser.goto("/advertiser/campaigns?view=archived");
      await advertiser.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Restore ${name} (paused)` }).click();
      await expect(advertiser.getByRole("status").filter({ hasText: "Campaign restored, paused" })).toBeVisible();
      await expect(advertiser.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(advertiser.getByRole("button", { name: `Resume ${name}` })).toBeVisible();
      expect(await queued()).toBe(before);
    } finally {
      await context.close();
    }
  });
});
