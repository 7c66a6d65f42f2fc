import { expect, test, type Page } from "@playwright/test";
import { demoSession, type StorageState } from "./support/sign-in";

// API keys from the settings page to the management API and back: created in the UI (shown
// once), used with `Authorization: Bearer`, revoked in the UI, then refused.



/** Creates a key on /settings/api-keys and returns it as the page shows it, once. */
async function createKey(page: Page, name: string, options: { access?: RegExp; expires?: RegExp; date?: string } = {}): Promise<string> {
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Key name").fill(name);
  if (options.access) await page.getByRole("radio", { name: options.access }).check();
  if (options.expires) await page.getByRole("radio", { name: options.expires }).check();
  if (options.date) await page.getByLabel("Expiry date (UTC)").fill(options.date);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText(`API key “${name}” created. Copy it now: it is shown only once.`)).toBeVisible();
  const field = page.getByLabel(`New API key “${name}”`);
  await expect(field).toHaveValue(/^mq_live_[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

async function revokeKey(page: Page, name: string) {
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys\?notice=key-revoked$/);
  await expect(page.getByRole("status").filter({ hasText: "API key revoked." })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText(/^Revoked/)).toBeVisible();
}

test.describe("an advertiser", () => {
  let advertiser: StorageState;
  test.beforeAll(async ({ browser }, testInfo) => {
    advertiser = await demoSession(browser, testInfo.project.use.baseURL!, "advertiser@marquee.local", "marquee-advertiser");
  });
  test.use({ storageState: async ({}, use) => use(advertiser) });

  test("creates a key (shown once), lists the demo campaigns with it, revokes it and is refused", async ({ page, request }) => {
    const name = `E2E script ${Date.now().toString(36)}`;
    const key = await createKey(page, name);
    const prefix = key.slice(0, 12);

    // Shown once: after a reload only its first characters remain.
    await page.reload();
    await expect(page.getByLabel(`New API key “${name}”`)).toHaveCount(0);
    await expect(page.getByText(key)).toHaveCount(0);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.getByText(`${prefix}…`)).toBeVisible();
    await expect(row.getByText("Active")).toBeVisible();

    const listed = await request.get("/api/v1/campaigns", { headers: { Authorization: `Bearer ${key}` } });
    expect(listed.status()).toBe(200);
    const { data } = (await listed.json()) as { data: Array<{ id: string; name: string; status: string; price: string }> };
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "demo-campaign-spring", name: "Spring trail shoes", price: "4.00" }),
        expect.objectContaining({ id: "demo-campaign-tents", name: "Ultralight tents", price: "0.60" }),
        expect.objectContaining({ id: "demo-campaign-house", name: "Newsletter (house ad)" }),
      ]),
    );

    await page.reload();
    await expect(row.getByText("Never")).toHaveCount(0);
    await revokeKey(page, name);

    const refused = await request.get("/api/v1/campaigns", { headers: { Authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({
      error: { code: "unauthorized", message: "Invalid API key: it does not exist, was revoked or expired, or its creator is no longer a member of its organisation." },
    });
  });

  test("a key name is required", async ({ page }) => {
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
    await expect(page.getByText("Name the key, e.g. after the script or service that uses it.")).toBeVisible();
  });
});

test.describe("an advertiser's scoped keys", () => {
  let advertiser: StorageState;
  test.beforeAll(async ({ browser }, testInfo) => {
    advertiser = await demoSession(browser, testInfo.project.use.baseURL!, "advertiser@marquee.local", "marquee-advertiser");
  });
  test.use({ storageState: async ({}, use) => use(advertiser) });

  test("a read-only key expiring in 30 days is listed with its creator, reads campaigns and may not pause one", async ({ page, request }) => {
    const name = `E2E reader ${Date.now().toString(36)}`;
    const key = await createKey(page, name, { access: /^Read only/, expires: /^In 30 days/ });
    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.getByText("Read only")).toBeVisible();
    await expect(row.getByText("Ada Advertiser")).toBeVisible();
    await expect(row.getByText("advertiser@marquee.local")).toBeVisible();
    await expect(row.getByText(/^Expires /)).toBeVisible();

    const headers = { Authorization: `Bearer ${key}` };
    expect((await request.get("/api/v1/campaigns/demo-campaign-spring", { headers })).status()).toBe(200);
    const pause = await request.post("/api/v1/campaigns/demo-campaign-spring/pause", { headers });
    expect(pause.status()).toBe(403);
    expect(await pause.json()).toEqual({
      error: {
        code: "forbidden",
        message: "This API key is read-only: it may not create, edit, pause, resume and archive campaigns and creatives. Create a key with read and write access for this.",
      },
    });
    const campaign = await request.get("/api/v1/campaigns/demo-campaign-spring", { headers });
    expect(((await campaign.json()) as { status: string }).status).toBe("ACTIVE");
    await revokeKey(page, name);
  });

  test("an expiry date asks for the date, refuses today, and keeps the key until the chosen day", async ({ page }) => {
    const name = `E2E dated ${Date.now().toString(36)}`;
    await page.goto("/settings/api-keys");
    await expect(page.getByLabel("Expiry date (UTC)")).toBeHidden();
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("radio", { name: /^On a date/ }).check();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel("Expiry date (UTC)").fill(today);
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("The expiry date must be after today (UTC).")).toBeVisible();

    await page.getByLabel("Expiry date (UTC)").fill("2099-01-31");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText(`API key “${name}” created. Copy it now: it is shown only once.`)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("row", { name: new RegExp(name) }).getByText(/^Expires .*2099/)).toBeVisible();
    await revokeKey(page, name);
  });
});

test.describe("a publisher", () => {
  let publisher: StorageState;
  test.beforeAll(async ({ browser }, testInfo) => {
    publisher = await demoSession(browser, testInfo.project.use.baseURL!, "publisher@marquee.local", "marquee-publisher");
  });
  test.use({ storageState: async ({}, use) => use(publisher) });

  test("creates a key that reads its sites and may not touch campaigns", async ({ page, request }) => {
    const name = `Publisher script ${Date.now().toString(36)}`;
    const key = await createKey(page, name);
    const headers = { Authorization: `Bearer ${key}` };

    const sites = await request.get("/api/v1/sites", { headers });
    expect(sites.status()).toBe(200);
    expect(await sites.json()).toMatchObject({ data: [expect.objectContaining({ id: "demo-site-trailhead", domain: "trailhead.example" })] });

    const campaigns = await request.get("/api/v1/campaigns", { headers });
    expect(campaigns.status()).toBe(403);

    await revokeKey(page, name);
    expect((await request.get("/api/v1/sites", { headers })).status()).toBe(401);
  });
});

test("the OpenAPI document is public", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ openapi: "3.1.0", components: { securitySchemes: { apiKey: { scheme: "bearer" } } } });
});
