import http from "node:http";
import type { AddressInfo } from "node:net";
import { devices, expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// Disclosure and real size: every ad the snippet renders carries its site's label inside the
// reserved width × height (the slot is exactly that size; an ad wider than the screen is not
// shown at all), the HTML frame shows its creative from 0,0 uncut, a publisher's own wording reaches the page, and the dashboards' previews of
// a 728×90 are 728 px wide in a box that scrolls on a phone instead of cutting or scaling it.
// Publisher pages come from a server of this spec on `trailhead.example:<port>` (as in
// embed.spec.ts); ads, labels and previews are the real app's, on its demo data.

test.use({ userAgent: async ({}, use, testInfo) => use(`${devices["Desktop Chrome"].userAgent} Visitor/${testInfo.testId}`) });

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

let adServer: string;
let publisherOrigin: string;
let publisherPages: http.Server;
const pages = new Map<string, string>();

test.beforeAll(async ({}, testInfo) => {
  adServer = new URL(testInfo.project.use.baseURL!).origin;
  publisherPages = http.createServer((request, response) => {
    const html = pages.get(request.url ?? "");
    response.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html ?? "Not found");
  });
  await new Promise<void>((resolve) => publisherPages.listen(0, "127.0.0.1", resolve));
  publisherOrigin = `http://trailhead.example:${(publisherPages.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => publisherPages.close(resolve));
});

/** A publisher's article with one placement (a plain block, as publishers paste it) and the snippet. */
function publish(placementId: string): string {
  const pagePath = `/disclosure-${pages.size + 1}`;
  pages.set(
    pagePath,
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trailhead Daily</title></head>` +
      `<body style="margin:0"><p>Article text</p><div id="ad" data-marquee-placement="${placementId}"></div><p>More text</p>` +
      `<script async src="${adServer}/embed.js"></script></body></html>`,
  );
  return publisherOrigin + pagePath;
}

type Box = { x: number; y: number; width: number; height: number };
const box = async (locator: Locator): Promise<Box> => (await locator.boundingBox())!;
const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

/** Loads the page, waits for the ad, and checks the slot is exactly W×H with the label inside it, legible and named. */
async function expectLabelledAd(page: Page, placementId: string, kind: string, size: { width: number; height: number }, label: string) {
  const served = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/serve" && response.status() === 200);
  await page.goto(publish(placementId));
  const offer = await (await served).json();
  expect(offer.ad.kind, `the demo data serves ${placementId} a ${kind} ad`).toBe(kind);
  expect(offer.label).toBe(label);

  const slot = page.locator("#ad");
  await expect(slot).toHaveAttribute("data-marquee-state", "filled");
  const ad = slot.locator(":scope > *");
  await expect(ad).toHaveCount(1);
  const adBox = await box(ad);
  expect(adBox).toMatchObject(size);
  // Nothing under or beside the ad: the publisher's block is as tall as the ad.
  expect((await box(slot)).height).toBe(size.height);
  expect(adBox.y).toBe((await box(slot)).y);

  const badge = slot.getByText(label, { exact: true });
  await expect(badge).toBeVisible();
  expect(within(await box(badge), adBox), "the label sits inside the ad's box").toBe(true);
  const style = await badge.evaluate((element) => {
    const computed = getComputedStyle(element);
    return { fontSize: parseFloat(computed.fontSize), color: computed.color, background: computed.backgroundColor };
  });
  expect(style.fontSize).toBeGreaterThanOrEqual(11);
  // #333 on opaque white: 12.6:1.
  expect(style).toMatchObject({ color: "rgb(51, 51, 51)", background: "rgb(255, 255, 255)" });
  return { slot, ad, adBox, offer };
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    if (viewport.width >= 728) {
      test("an image ad is exactly 728×90 with the label inside it, read first by a screen reader", async ({ page }) => {
        const { slot } = await expectLabelledAd(page, "demo-placement-leaderboard", "IMAGE", { width: 728, height: 90 }, "Ad");
        await expect(slot.getByRole("link", { name: /^Ad Spring trail shoes/ })).toBeVisible();
        expect(await box(slot.locator("img"))).toMatchObject({ width: 728, height: 90 });
      });
    } else {
      // Shown at its real size it would run off the screen with its label (embed.spec.ts).
      test("a 728×90 that does not fit the screen is not shown: no ad, no label off screen, no sideways scroll", async ({ page }) => {
        const answered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/serve");
        await page.goto(publish("demo-placement-leaderboard"));
        expect((await answered).status()).toBe(204);
        await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "empty");
        await expect(page.locator("#ad")).toBeHidden();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      });
    }

    test("a text ad is exactly 320×50 with the label inside it, its text beside the label", async ({ page }) => {
      const { slot, adBox } = await expectLabelledAd(page, "demo-placement-mobile", "TEXT", { width: 320, height: 50 }, "Ad");
      await expect(slot.getByRole("link", { name: /^Ad Ultralight tents/ })).toBeVisible();
      expect(within(await box(slot.locator("strong")), adBox)).toBe(true);
      // The headline's and body's lines wrap around the label: no glyph runs under it.
      const overlaps = await slot.evaluate((element) => {
        const badge = element.querySelector("span")!.getBoundingClientRect();
        const range = document.createRange();
        return [...element.querySelectorAll("strong, strong + span")].flatMap((text) => {
          range.selectNodeContents(text);
          return [...range.getClientRects()].filter((line) => line.right > badge.left + 0.5 && line.left < badge.right - 0.5 && line.bottom > badge.top + 0.5 && line.top < badge.bottom - 0.5).map((line) => text.textContent + " " + JSON.stringify(line));
        });
      });
      expect(overlaps).toEqual([]);
    });

    test("an HTML ad's frame is exactly 300×600 and shows its creative from 0,0, uncut; the label is a link", async ({ page }) => {
      const { slot, adBox, offer } = await expectLabelledAd(page, "demo-placement-halfpage", "HTML", { width: 300, height: 600 }, "Ad");
      await expect(slot.getByRole("link", { name: "Ad · Learn more" })).toHaveAttribute("href", offer.clickUrl);
      const iframe = slot.locator("iframe");
      expect(await box(iframe)).toEqual(adBox);
      const frame = (await (await iframe.elementHandle())!.contentFrame())!;
      await expect(frame.locator("h2")).toHaveText("The Trailhead newsletter");
      const layout = await frame.evaluate(() => {
        const creative = document.body.firstElementChild!.getBoundingClientRect();
        return { x: creative.x, y: creative.y, width: creative.width, height: creative.height, scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth };
      });
      expect(layout).toMatchObject({ x: 0, y: 0, width: 300, height: 600 });
      expect(layout.scrollHeight).toBeLessThanOrEqual(600);
      expect(layout.scrollWidth).toBeLessThanOrEqual(300);
    });
  });
}

// ─── The publisher's own wording ─────────────────────────────────────────────

const sessions: Partial<Record<keyof typeof demoAccounts, StorageState>> = {};
async function pageAs(browser: Browser, baseURL: string, who: keyof typeof demoAccounts, viewport = VIEWPORTS[0]!) {
  const { email, password } = demoAccounts[who];
  sessions[who] ??= await demoSession(browser, baseURL, email, password);
  const context = await browser.newContext({ baseURL, storageState: sessions[who], viewport });
  return { context, page: await context.newPage() };
}

test("a publisher changes the label to Sponsored, and their pages show it", async ({ page, browser, baseURL }) => {
  const suffix = Date.now().toString(36);
  const { context, page: dashboard } = await pageAs(browser, baseURL!, "publisher");
  try {
    // A site of its own (the demo site's label stays "Ad" for the other specs), with a 300×250.
    await dashboard.goto("/publisher/sites");
    await dashboard.getByLabel("Site name").fill(`Label test ${suffix}`);
    await dashboard.getByLabel("Domain", { exact: true }).fill(`${suffix}.labels.example`);
    await expect(dashboard.getByLabel("Ad label")).toHaveValue("Ad");
    await dashboard.getByRole("button", { name: "Add site" }).click();
    await expect(dashboard).toHaveURL(/\/publisher\/sites\/[^/?]+\?notice=site-created$/);
    const siteId = new URL(dashboard.url()).pathname.split("/").pop()!;
    await dashboard.getByLabel("Placement name").fill("Sidebar");
    await dashboard.getByLabel("Size").selectOption("300x250");
    await dashboard.getByRole("button", { name: "Create placement" }).click();
    await expect(dashboard).toHaveURL(/\/publisher\/placements\/[^/?]+\?notice=placement-created$/);
    const placementId = new URL(dashboard.url()).pathname.split("/").pop()!;

    await page.goto(publish(placementId));
    await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");
    await expect(page.locator("#ad").getByText("Ad", { exact: true })).toBeVisible();

    // Markup is refused next to the field; plain wording is saved.
    await dashboard.goto(`/publisher/sites/${siteId}/edit`);
    await dashboard.getByLabel("Ad label").fill("<b>Ad</b>");
    await dashboard.getByRole("button", { name: "Save site" }).click();
    await expect(dashboard.getByText("Use plain text for the label (no < or >, no line breaks).")).toBeVisible();
    await dashboard.getByLabel("Ad label").fill("Sponsored");
    // A rival's domain blocked in the same save (the demo ads lead to northwind.example: still shown).
    await dashboard.getByLabel("Blocked advertiser domains (optional)").fill("https://Rival.example/spring\ncasino.example");
    await dashboard.getByRole("button", { name: "Save site" }).click();
    await expect(dashboard.getByRole("status").filter({ hasText: "Site saved." })).toBeVisible();
    await expect(dashboard.getByText("Ads that lead to rival.example, casino.example (or their subdomains) never show on this site.")).toBeVisible();

    // The change drops the cached active set: a reload within seconds shows the new word.
    await expect
      .poll(
        async () => {
          await page.reload();
          await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");
          return page.locator("#ad").getByText("Sponsored", { exact: true }).isVisible();
        },
        { timeout: 30_000, intervals: [500, 1_000, 2_000] },
      )
      .toBe(true);
    const adBox = await box(page.locator("#ad > *"));
    expect(adBox).toMatchObject({ width: 300, height: 250 });
    expect(within(await box(page.locator("#ad").getByText("Sponsored", { exact: true })), adBox)).toBe(true);
  } finally {
    await context.close();
  }
});

// ─── Previews at real size ───────────────────────────────────────────────────

/** The 728-px preview inside `scroller`: 728 wide, the box scrolls (focusable), and scrolled to its end its right edge shows. */
async function expectScrollingPreview(scroller: Locator, preview: Locator) {
  expect((await box(preview)).width).toBe(728);
  await expect(scroller).toHaveAttribute("tabindex", "0");
  const sizes = await scroller.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
  expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
  await scroller.focus();
  await scroller.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  // Scrolled to its end, the preview's right edge is in view, inside the box's right edge.
  const rightEdges = async () => {
    const [inner, outer] = [await box(preview), await box(scroller)];
    return { preview: Math.round(inner.x + inner.width), scroller: Math.round(outer.x + outer.width) };
  };
  await expect.poll(async () => { const edges = await rightEdges(); return edges.preview <= edges.scroller && edges.preview > edges.scroller - 24; }).toBe(true);
  await expect(preview.getByText("Ad", { exact: true })).toBeVisible();
}

test("on a phone the campaign page shows the 728×90 at its real size in a box that scrolls", async ({ browser, baseURL }) => {
  const { context, page } = await pageAs(browser, baseURL!, "advertiser", VIEWPORTS[1]);
  try {
    await page.goto("/advertiser/campaigns/demo-campaign-spring");
    const item = page.getByRole("listitem").filter({ hasText: "Image · 728×90" }).first();
    const scroller = item.getByRole("region", { name: /at its real size, 728×90/ });
    await expect(scroller).toBeVisible();
    await expectScrollingPreview(scroller, item.getByTestId("creative-preview").locator("> div"));
    // The page itself does not scroll sideways: only the preview's box does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await context.close();
  }
});

test("on a phone the review queue shows a waiting 728×90 at its real size in a box that scrolls", async ({ browser, baseURL }) => {
  const name = `Leaderboard review ${Date.now().toString(36)}`;
  const advertiser = await pageAs(browser, baseURL!, "advertiser");
  try {
    await advertiser.page.goto("/advertiser/campaigns/demo-campaign-spring/creatives/new");
    await advertiser.page.getByLabel("Name", { exact: true }).fill(name);
    await advertiser.page.getByRole("radio", { name: "Text" }).check();
    await advertiser.page.getByLabel("Size").selectOption("728x90");
    await advertiser.page.getByLabel("Headline").fill("Trail shoes, lighter");
    await advertiser.page.getByRole("textbox", { name: "Text", exact: true }).fill("New spring colours, 20% off this week");
    await advertiser.page.getByLabel("Landing page URL").fill("https://northwind.example/spring?from=disclosure");
    await advertiser.page.getByRole("button", { name: "Add creative" }).click();
    await expect(advertiser.page).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring(\?|$)/);
  } finally {
    await advertiser.context.close();
  }

  const { context, page } = await pageAs(browser, baseURL!, "admin", VIEWPORTS[1]);
  try {
    // Found by its name: other specs of the run may have filled the queue's first page.
    await page.goto("/admin/review");
    await page.getByRole("searchbox", { name: "Find by creative, campaign or advertiser" }).fill(name);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/admin\/review\?q=/);
    const form = page.getByRole("form", { name: `Review ${name}` });
    const item = page.getByRole("listitem").filter({ has: form });
    const scroller = item.getByRole("region", { name: `Preview of ${name}, 728×90 (scrolls sideways)` });
    await expect(scroller).toBeVisible();
    await expectScrollingPreview(scroller, item.getByTestId("creative-preview").locator("> div"));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Rejected, so it never serves on the leaderboard the image test above relies on.
    await form.getByRole("button", { name: "Reject" }).click();
    // The refusal's answer first: typed while that submission is in flight, the reason would be
    // cleared when its answer resets the form (React resets a form after its action).
    await expect(form.getByText("Give the advertiser a reason for the rejection.")).toBeVisible();
    await form.getByLabel("Reason").fill("A test creative of the disclosure spec.");
    await form.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Creative rejected." })).toBeVisible();
  } finally {
    await context.close();
  }
});
