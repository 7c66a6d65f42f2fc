import { expect, type Browser, type BrowserContext } from "@playwright/test";

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The seeded demo accounts (prisma/seed.ts). */
export const demoAccounts = {
  admin: { email: "admin@marquee.local", password: "marquee-admin" },
  publisher: { email: "publisher@marquee.local", password: "marquee-publisher" },
  advertiser: { email: "advertiser@marquee.local", password: "marquee-advertiser" },
} as const;

/**
 * Signs in through the form and returns the session, so a spec signs in once per account:
 * sign-ins are rate limited per IP and per e-mail address, and every spec of a run signs
 * in from 127.0.0.1.
 */
export async function signedIn(browser: Browser, baseURL: string, email: string, password: string): Promise<StorageState> {
  // Signed out explicitly: inside a test, new contexts inherit the test's storage state.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    return await context.storageState();
  } finally {
    await context.close();
  }
}
