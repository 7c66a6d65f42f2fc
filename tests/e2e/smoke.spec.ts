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
  expect(body).toMatchObject({ status: "ok", database: "ok", cache: "not-configured" });
});
