import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";
import { png, svg } from "../support/images";

// An advertiser uploads an image creative's picture: chosen or dropped, previewed at once,
// checked by the server (a wrong one is refused with its reason, and what was typed stays),
// stored and then served from /assets/<sha256>.png with a year's immutable cache.

const NEW_CREATIVE = "/advertiser/campaigns/demo-campaign-spring/creatives/new";
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

let advertiser: StorageState;

test.beforeAll(async ({ browser }, testInfo) => {
  advertiser = await demoSession(browser, testInfo.project.use.baseURL!, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
});
test.use({ storageState: async ({}, use) => use(advertiser) });

const upload = (page: Page) => page.getByLabel("Upload an image");

async function fillCreative(page: Page, name: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Alternative text").fill("Trail shoes, 20% off");
  await page.getByLabel("Landing page URL").fill("https://shop.example/trail-shoes");
}

/** Drops a file on the upload zone, as a person dragging it from their desktop. */
async function dropFile(page: Page, name: string, type: string, bytes: Buffer) {
  const transfer = await page.evaluateHandle(
    ({ name, type, data }) => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([Uint8Array.from(atob(data), (char) => char.charCodeAt(0))], name, { type }));
      return dataTransfer;
    },
    { name, type, data: bytes.toString("base64") },
  );
  await page.getByTestId("image-drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
}

for (const viewport of VIEWPORTS) {
  test(`on a ${viewport.name} (${viewport.width}×${viewport.height}): a wrong image is refused and nothing typed is lost; a right one is previewed, saved and served from /assets/`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const name = `Uploaded ${viewport.name} ${Date.now()}`;
    // Its own colour per run: each run uploads bytes that are new to the asset store.
    const image = png(300, 250, { rgb: [Date.now() % 256, viewport.width % 256, 90] });
    await page.goto(NEW_CREATIVE);
    await fillCreative(page, name);

    // A PNG of the wrong size, named .gif: the instant check and then the server refuse it.
    const wrongSize = "The image is 300×200 px; a 300×250 creative needs 300×250 or 600×500.";
    await upload(page).setInputFiles({ name: "banner.gif", mimeType: "image/gif", buffer: png(300, 200) });
    await expect(upload(page)).toHaveAccessibleDescription(new RegExp(wrongSize.replace(/[()×.;]/g, "\\$&")));
    await page.getByRole("button", { name: "Add creative" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: wrongSize })).toBeVisible();
    await expect(upload(page)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("Alternative text")).toHaveValue("Trail shoes, 20% off");
    await expect(page.getByLabel("Landing page URL")).toHaveValue("https://shop.example/trail-shoes");

    // The right one: chosen on the desktop, dropped on the phone; previewed at its real size before saving.
    if (viewport.name === "desktop") await upload(page).setInputFiles({ name: "banner.png", mimeType: "image/png", buffer: image });
    else await dropFile(page, "banner.png", "image/png", image);
    await expect(page.getByRole("alert").filter({ hasText: wrongSize })).toHaveCount(0);
    const chosen = page.getByRole("figure").getByRole("img", { name: "Trail shoes, 20% off" });
    await expect(chosen).toBeVisible();
    await expect(chosen).toHaveAttribute("src", /^blob:/);
    await expect.poll(() => chosen.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(300);
    await expect(page.getByText("banner.png, at its actual size: 300×250 pixels.")).toBeVisible();
    await page.getByRole("button", { name: "Add creative" }).click();
    await expect(page).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring\?notice=creative-created$/, { timeout: 30_000 });

    // Saved with its asset's path, and previewed from it.
    await page.getByRole("link", { name: `Edit ${name}` }).click();
    const path = `/assets/${createHash("sha256").update(image).digest("hex")}.png`;
    await expect(page.getByLabel("Or the image's URL")).toHaveValue(path);
    const saved = page.getByRole("figure").getByRole("img", { name: "Trail shoes, 20% off" });
    await expect(saved).toHaveAttribute("src", path);
    await expect.poll(() => saved.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(300);

    // Served as those very bytes, cacheable forever.
    const served = await page.request.get(path);
    expect(served.status()).toBe(200);
    expect(served.headers()).toMatchObject({ "content-type": "image/png", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" });
    expect(Buffer.from(await served.body())).toEqual(image);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain file input posts with the form: an SVG and a too heavy image are refused with their reasons, a right one is saved", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(NEW_CREATIVE);
    const name = `No script ${Date.now()}`;
    await fillCreative(page, name);
    await upload(page).setInputFiles({ name: "banner.png", mimeType: "image/png", buffer: svg(300, 250) });
    await page.getByRole("button", { name: "Add creative" }).click();
    await expect(page.getByText("The image must be PNG, JPEG, GIF or WebP (SVG is not accepted: it can carry scripts).")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("Alternative text")).toHaveValue("Trail shoes, 20% off");

    await upload(page).setInputFiles({ name: "banner.png", mimeType: "image/png", buffer: png(300, 250, { padding: 212 * 1024 }) });
    await page.getByRole("button", { name: "Add creative" }).click();
    await expect(page.getByText("The image is 213 KB; the most is 150 KB.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);

    const retina = png(600, 500, { rgb: [Date.now() % 256, 10, 200] });
    await upload(page).setInputFiles({ name: "banner@2x.png", mimeType: "image/png", buffer: retina });
    await page.getByRole("button", { name: "Add creative" }).click();
    await expect(page).toHaveURL(/\/advertiser\/campaigns\/demo-campaign-spring\?notice=creative-created$/, { timeout: 30_000 });
    const served = await page.request.get(`/assets/${createHash("sha256").update(retina).digest("hex")}.png`);
    expect(served.status()).toBe(200);
    expect(Buffer.from(await served.body())).toEqual(retina);
  });
});

test("a file too big to post is held back in the browser with its reason, and nothing typed is lost", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(NEW_CREATIVE);
  const name = `Too big ${Date.now()}`;
  await fillCreative(page, name);
  await upload(page).setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: png(300, 250, { padding: 2 * 1024 * 1024 }) });
  await expect(page.getByRole("alert").filter({ hasText: "The image is 2.0 MB; the most is 150 KB." })).toBeVisible();
  await page.getByRole("button", { name: "Add creative" }).click();
  await expect(upload(page)).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`${NEW_CREATIVE}$`));
  await expect(page.getByLabel("Name")).toHaveValue(name);
});

test("an unknown asset is a 404 that is not cached", async ({ request }) => {
  const response = await request.get(`/assets/${"0".repeat(64)}.png`);
  expect(response.status()).toBe(404);
  expect(response.headers()["cache-control"]).toBe("no-store");
});
