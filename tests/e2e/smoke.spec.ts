import { expect, test } from "@playwright/test";

test("the landing page names Marquee and offers to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Marquee/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
});

test("GET /api/health reports the database up and no cache configured", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "ok", cache: "disabled" });
});

test("pages for people refuse to be framed and keep forms on this origin; the ad endpoints stay embeddable", async ({ request }) => {
  const page = await request.get("/sign-in");
  expect(page.headers()["content-security-policy"]).toBe("frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  expect(page.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(page.headers()["x-content-type-options"]).toBe("nosniff");

  const serve = await request.get("/api/serve?placement=demo-placement-sidebar");
  expect(serve.headers()["content-security-policy"]).toBeUndefined();
  expect(serve.headers()["access-control-allow-origin"]).toBe("*");
  const snippet = await request.get("/embed.js");
  expect(snippet.headers()["x-frame-options"]).toBeUndefined();
});
