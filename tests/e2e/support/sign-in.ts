import { expect, test, type Browser, type BrowserContext } from "@playwright/test";

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
 * in from 127.0.0.1. When specs sign in as the same demo account more often than the
 * limit's minute allows (one after another on CI's one worker, or side by side on two), the
 * form answers "Too many attempts. Try again in N seconds." — the product working — and this
 * waits the N seconds it names and signs in again.
 */
export async function signedIn(browser: Browser, baseURL: string, email: string, password: string): Promise<StorageState> {
  // Signed out explicitly: inside a test, new contexts inherit the test's storage state.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    const limited = page.getByRole("status").filter({ hasText: /Too many attempts\. Try again in \d+ seconds?\./ });
    const signedInNow = () => !new URL(page.url()).pathname.startsWith("/sign-in");
    for (let attempt = 1; ; attempt += 1) {
      await page.goto("/sign-in");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(async () => signedInNow() || (await limited.isVisible()), { timeout: 15_000 }).toBe(true);
      if (signedInNow()) break;
      if (attempt === 5) throw new Error(`${email}: still rate limited after ${attempt} sign-in attempts`);
      const seconds = Number(/in (\d+) second/.exec((await limited.textContent()) ?? "")?.[1] ?? 10);
      // The wait is the product's own answer; the hook or test that asked gets that time on top.
      test.info().setTimeout(test.info().timeout + (seconds + 20) * 1_000);
      await page.waitForTimeout((seconds + 1) * 1_000);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}
