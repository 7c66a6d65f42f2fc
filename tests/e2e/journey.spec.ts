import http from "node:http";
import type { AddressInfo } from "node:net";
import { devices, expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { linkFromOutbox, signInThroughForm, signUpThroughForm } from "./support/accounts";

// The whole product in one story, across roles and origins: a new advertiser signs up and
// books a campaign, the operator approves its creative, it shows on a publisher's page
// (another origin, the real snippet), the advertiser pauses it and it stops showing.

test.use({ userAgent: devices["Desktop Chrome"].userAgent });

const PLACEMENT = "demo-placement-mobile"; // 320×50
let publisherPage: string;
let publisher: http.Server;

test.beforeAll(async ({}, testInfo) => {
  const adServer = new URL(testInfo.project.use.baseURL!).origin;
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>Trailhead Daily</title></head><body>` +
    `<h1>Trail report</h1><div id="ad" data-marquee-placement="${PLACEMENT}"></div>` +
    `<script async src="${adServer}/embed.js"></script></body></html>`;
  publisher = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => publisher.listen(0, "127.0.0.1", resolve));
  publisherPage = `http://localhost:${(publisher.address() as AddressInfo).port}/article`;
});

test.afterAll(async () => {
  await new Promise((resolve) => publisher.close(resolve));
});

async function servedHeadline(request: APIRequestContext): Promise<string | null> {
  const response = await request.get(`/api/serve?placement=${PLACEMENT}`);
  if (response.status() === 204) return null;
  const body = (await response.json()) as { ad: { headline: string | null } };
  return body.ad.headline;
}

async function signedInPage(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { context, page };
}

test("sign up, book, approve, serve on a publisher page, pause, stop serving", async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const campaignName = `Journey sponsorship ${stamp}`;
  const creativeName = `Journey banner ${stamp}`;
  const headline = `Journey ${stamp}`;

  const advertiserContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const advertiser = await advertiserContext.newPage();
  try {
    // 1. Sign up as a new advertiser ("check your inbox"), then sign in: the campaign can be
    // built before the address is confirmed, and serves only after.
    const email = `journey-${stamp}@example.com`;
    await signUpThroughForm(advertiser, { kind: "Advertise", organizationName: `Journey Outfitters ${stamp}`, name: "Jo Journey", email, password: "journey lantern orbit 41" });
    await signInThroughForm(advertiser, email, "journey lantern orbit 41");
    await advertiser.waitForURL("**/advertiser");
    await expect(advertiser.getByRole("region", { name: "E-mail confirmation" })).toContainText("its campaigns do not serve");

    // 2. A sponsorship campaign for 320×50 placements, and a text creative.
    await advertiser.goto("/advertiser/campaigns/new");
    await advertiser.getByLabel("Name").fill(campaignName);
    await advertiser.getByLabel("Status").selectOption("ACTIVE");
    await advertiser.getByLabel("Tier").selectOption("SPONSORSHIP");
    await advertiser.getByLabel("Price (USD)").fill("20");
    await advertiser.getByLabel("Total budget (USD)").fill("500");
    await advertiser.getByRole("checkbox", { name: /^320×50/ }).check();
    await advertiser.getByRole("button", { name: "Create campaign" }).click();
    await expect(advertiser.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();

    await advertiser.getByRole("link", { name: "Add creative" }).first().click();
    await advertiser.getByLabel("Name").fill(creativeName);
    await advertiser.getByRole("radio", { name: "Text", exact: true }).check();
    await advertiser.getByLabel("Size").selectOption("320x50");
    await advertiser.getByRole("textbox", { name: "Headline" }).fill(headline);
    await advertiser.getByRole("textbox", { name: "Text", exact: true }).fill("Boots for every trail");
    await advertiser.getByLabel("Landing page URL").fill("https://journey.example/boots");
    await advertiser.getByRole("button", { name: "Add creative" }).click();
    await expect(advertiser.getByRole("status").filter({ hasText: "Creative added." })).toBeVisible();

    // Not reviewed yet: not served.
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await servedHeadline(request)).not.toBe(headline);

    // 3. The operator approves it. Approved but unconfirmed: still not served.
    const operator = await signedInPage(browser, baseURL!, "admin@marquee.local", "marquee-admin");
    let confirmation: string;
    try {
      // Searched for by name: the run's other specs may fill the queue past its first page.
      await operator.page.goto(`/admin/review?q=${encodeURIComponent(creativeName)}`);
      await operator.page.getByRole("form", { name: `Review ${creativeName}` }).getByRole("button", { name: "Approve" }).click();
      await expect(operator.page.getByRole("status").filter({ hasText: "Creative approved." })).toBeVisible();
      for (let attempt = 0; attempt < 5; attempt += 1) expect(await servedHeadline(request)).not.toBe(headline);
      // The suite's server keeps mail in the outbox: the operator reads the confirmation link there.
      confirmation = await linkFromOutbox(operator.page, email, "Confirm your e-mail address");
    } finally {
      await operator.context.close();
    }
    await advertiser.goto(confirmation);
    await expect(advertiser).toHaveURL(/\/advertiser\?notice=email-verified$/);
    await expect(advertiser.getByRole("status").filter({ hasText: "Your e-mail address is confirmed." })).toBeVisible();

    // 4. A sponsorship beats every standard ad: the publisher's page shows it.
    await expect.poll(() => servedHeadline(request), { timeout: 15_000 }).toBe(headline);
    const reader = await browser.newPage();
    try {
      await reader.goto(publisherPage);
      const slot = reader.locator("#ad");
      await expect(slot).toHaveAttribute("data-marquee-state", "filled");
      await expect(slot).toContainText(headline);
      const clickUrl = await slot.getByRole("link").first().getAttribute("href");
      const click = await request.get(clickUrl!, { maxRedirects: 0 });
      expect(click.status()).toBe(302);
      expect(click.headers()["location"]).toBe("https://journey.example/boots");

      // 5. Paused: no longer served anywhere within the in-process cache's TTL.
      await advertiser.goto("/advertiser/campaigns");
      await advertiser.getByRole("button", { name: `Pause ${campaignName}` }).click();
      await expect(advertiser.getByRole("status").filter({ hasText: "Campaign paused." })).toBeVisible();
      const pausedAt = Date.now();
      // Timed by when the request that no longer got the ad was sent: on a busy machine its
      // answer (a database load of the active set) may itself take seconds.
      let sentAt = 0;
      const sentHeadline = () => ((sentAt = Date.now()), servedHeadline(request));
      await expect.poll(sentHeadline, { timeout: 15_000, intervals: [100] }).not.toBe(headline);
      expect(sentAt - pausedAt).toBeLessThan(2_000);
      for (let attempt = 0; attempt < 10; attempt += 1) expect(await servedHeadline(request)).not.toBe(headline);

      await reader.reload();
      await expect(reader.locator("#ad")).not.toHaveAttribute("data-marquee-state", "loading");
      await expect(reader.locator("#ad")).not.toContainText(headline);
    } finally {
      await reader.close();
    }
  } finally {
    // Never leave a sponsorship running for the specs after this one.
    await advertiser.goto("/advertiser/campaigns");
    const pause = advertiser.getByRole("button", { name: `Pause ${campaignName}` });
    if (await pause.isVisible().catch(() => false)) await pause.click();
    await advertiserContext.close();
  }
});

test("sign-in attempts for one e-mail address are limited", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    const email = `guess-${Date.now().toString(36)}@example.com`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // The form resets after each answer; fill it only once it has.
      await expect(page.getByLabel("Password")).toHaveValue("");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The e-mail address or the password is not right." })).toBeVisible();
    }
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByLabel("Password").fill("wrong-password-6");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Too many attempts\. Try again in \d+ seconds\./ })).toBeVisible();
  } finally {
    await context.close();
  }
});
