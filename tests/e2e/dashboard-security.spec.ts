// What the dashboard's Content-Security-Policy promises, in a real browser: scripts run only
// with the response's nonce, so an advertiser's HTML creative or a crafted name cannot run
// script in the dashboard — neither in the page nor in the preview frames, which inherit the
// policy — while the app itself (hydration, forms, the publisher's live preview) still works.
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

let advertiser: StorageState;
let publisher: StorageState;

test.beforeAll(async ({ browser, baseURL }) => {
  advertiser = await demoSession(browser, baseURL!, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
  publisher = await demoSession(browser, baseURL!, demoAccounts.publisher.email, demoAccounts.publisher.password);
});

test("pages for people carry a fresh script nonce on every script; the ad endpoints carry no page policy", async ({ request }) => {
  const nonces: string[] = [];
  for (const path of ["/", "/sign-in", "/sign-in"]) {
    const response = await request.get(path);
    const policy = response.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeDefined();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(directive);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    nonces.push(nonce!);
  }
  expect(new Set(nonces).size).toBe(3);

  const serve = await request.get("/api/serve?placement=demo-placement-sidebar");
  expect(serve.headers()["content-security-policy"]).toBeUndefined();
  expect(serve.headers()["access-control-allow-origin"]).toBe("*");
  const snippet = await request.get("/embed.js");
  expect(snippet.headers()["x-frame-options"]).toBeUndefined();
  expect(snippet.headers()["content-security-policy"]).toBeUndefined();
  // The click redirect (/c?t=…) is a public endpoint too: no page policy, its own referrer
  // policy. HEAD redirects like GET and is never counted.
  const { clickUrl } = (await serve.json()) as { clickUrl: string };
  expect(new URL(clickUrl).pathname).toBe("/c");
  const click = await request.head(clickUrl, { maxRedirects: 0 });
  expect(click.status()).toBe(302);
  expect(click.headers()["content-security-policy"]).toBeUndefined();
  expect(click.headers()["x-frame-options"]).toBeUndefined();
  expect(click.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

const NONCE_POLICY = /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/;

test.describe("prefetches of a dashboard page", () => {
  // A browser's prefetch of the page (Purpose), the router's prefetch of its HTML or of its
  // RSC payload: any of them can be shown as the page, so none arrives without the policy.
  const prefetchHeaders: Array<Record<string, string>> = [{ Purpose: "prefetch" }, { "Next-Router-Prefetch": "1" }, { "Next-Router-Prefetch": "1", RSC: "1" }];
  for (const headers of prefetchHeaders) {
    test(`carry the page policy: ${JSON.stringify(headers)}`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, storageState: advertiser });
      try {
        // An RSC request without Next's cache-busting _rsc parameter is redirected to one with it.
        const response = await context.request.get("/advertiser/campaigns", { headers });
        expect(new URL(response.url()).pathname).toBe("/advertiser/campaigns");
        expect(response.status()).toBe(200);
        expect(response.headers()["content-security-policy"]).toMatch(NONCE_POLICY);
      } finally {
        await context.close();
      }
    });
  }

  test("the router's own prefetches carry the policy and still serve the navigation", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: advertiser });
    const page = await context.newPage();
    const prefetches: Array<Promise<{ path: string; status: number; policy: string | null }>> = [];
    page.on("response", (response) => {
      if (!response.request().headers()["next-router-prefetch"]) return;
      prefetches.push(response.headerValue("content-security-policy").then((policy) => ({ path: new URL(response.url()).pathname, status: response.status(), policy })));
    });
    await page.goto("/advertiser");
    await expect.poll(async () => (await Promise.all(prefetches)).some(({ path }) => path === "/advertiser/campaigns")).toBe(true);
    for (const prefetch of await Promise.all(prefetches)) {
      expect(prefetch.status, prefetch.path).toBe(200);
      expect(prefetch.policy, prefetch.path).toMatch(NONCE_POLICY);
    }
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
    await expect(page).toHaveURL(/\/advertiser\/campaigns$/);
    await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
    await context.close();
  });
});

/** Records, before any page script runs, whatever a frame or injected markup manages to post or set. */
async function watchForInjectedScript(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __messages: unknown[] };
    w.__messages = [];
    window.addEventListener("message", (event) => w.__messages.push(event.data));
  });
}

test("an HTML creative's script runs neither in the dashboard nor in its preview, and markup in names stays text", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: advertiser });
  const page = await context.newPage();
  await watchForInjectedScript(page);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Blocked script execution/i.test(message.text())) violations.push(message.text());
  });

  const campaignName = `<img src=x onerror="window.__pwned=1">CSP ${Date.now()}`;
  await page.goto("/advertiser/campaigns/new");
  await page.getByLabel("Name").fill(campaignName);
  await page.getByLabel("Price (USD)").fill("2.50");
  await page.getByLabel("Total budget (USD)").fill("100");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/advertiser\/campaigns\/[^/]+\?notice=campaign-created$/);
  await expect(page.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();

  await page.getByRole("link", { name: "Add creative" }).first().click();
  await page.getByLabel("Name").fill("Scripted HTML");
  await page.getByRole("radio", { name: "HTML", exact: true }).check();
  await page.getByLabel("Size").selectOption("300x250");
  const payload =
    '<p id="creative">Creative</p><script>parent.postMessage("creative-script-ran","*");document.getElementById("creative").textContent="ran";</script>' +
    '<img src="x" onerror="parent.postMessage(\'creative-handler-ran\',\'*\')">';
  await page.getByRole("textbox", { name: "HTML" }).fill(payload);
  await page.getByLabel("Landing page URL").fill("https://example.com/csp");
  // The live preview renders the markup (sandboxed), its script does not run.
  const frame = page.frameLocator('iframe[title="Preview of the HTML creative"]');
  await expect(frame.locator("#creative")).toHaveText("Creative");
  await page.getByRole("button", { name: "Add creative" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Creative added." })).toBeVisible();

  // The app's own scripts ran (the page is interactive: client navigation works) …
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  await expect(page.getByRole("row").filter({ hasText: "CSP" }).first()).toBeVisible();
  // … the injected ones never did.
  await page.waitForTimeout(500);
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    messages: (window as unknown as { __messages: unknown[] }).__messages,
  }));
  expect(state).toEqual({ pwned: undefined, messages: [] });
  await context.close();
});

test("the publisher's live preview still runs the snippet under the policy", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: publisher });
  const page = await context.newPage();
  await page.goto("/publisher/placements/demo-placement-sidebar");
  const preview = page.frameLocator('iframe[title^="Live preview of"]');
  // The snippet (with the page's nonce) loaded and marked the element filled or empty: it ran.
  await expect(preview.locator("[data-marquee-placement]")).toHaveAttribute("data-marquee-state", /filled|empty/, { timeout: 15_000 });
  await context.close();
});
