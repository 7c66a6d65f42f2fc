import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The seeded demo accounts (prisma/seed.ts). */
export const demoAccounts = {
  admin: { email: "admin@marquee.local", password: "marquee-admin" },
  publisher: { email: "publisher@marquee.local", password: "marquee-publisher" },
  advertiser: { email: "advertiser@marquee.local", password: "marquee-advertiser" },
} as const;

/**
 * A demo account's session on the run's own server (playwright.config.ts's webServer), made
 * once per run and shared by every spec and worker through a file: the demo accounts are
 * signed in by a dozen specs, and two workers signing them in side by side ran into the
 * product's sign-in limits (5 a minute per e-mail address, refused attempts counted) until a
 * spec gave up. The session is a cookie the specs copy into their own contexts (so is the
 * active organisation); no spec signs a demo account out or ends its sessions. Servers that
 * specs start themselves (their own database, and a port a later instance may reuse) are
 * signed in to afresh.
 */
export async function demoSession(browser: Browser, baseURL: string, email: string, password: string): Promise<StorageState> {
  const runDir = process.env.E2E_PGLITE_DATA_DIR ? path.dirname(process.env.E2E_PGLITE_DATA_DIR) : undefined;
  if (!runDir || baseURL !== `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`) return signedIn(browser, baseURL, email, password);
  const file = path.join(runDir, "sessions", `${createHash("sha256").update(email).digest("hex").slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as StorageState;
  } catch {
    const state = await signedIn(browser, baseURL, email, password);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a worker never reads half a file.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(state));
    renameSync(`${file}.${process.pid}`, file);
    return state;
  }
}

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
