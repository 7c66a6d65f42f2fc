import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signUpThroughForm } from "./support/accounts";

// Signing in, in the browser. A page asked for while signed out (a link in a mail) opens once
// signed in, never another site. Two-factor authentication: a new advertiser turns it on in
// Settings → Security (reading the setup key from the page, as a person would type it into an
// app), signs out, signs in again through the second step with the app's code — landing on the
// page that asked — and then once with a recovery code. Another advertiser changes their
// password there, staying signed in, after which only the new one signs in; then deletes the
// account, and its organisation with it.

const password = "violet-harbour-lantern-7";

async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function signUp(page: Page, email: string, stamp: string): Promise<void> {
  return signUpThroughForm(page, { kind: "Advertise", organizationName: `Tofu Gear ${stamp}`, name: "Tove Factor", email, password });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).not.toHaveURL(/\/(advertiser|settings)/);
}

test("an advertiser turns on two-factor authentication, then signs in with a code and with a recovery code", async ({ browser }) => {
  test.setTimeout(120_000); // a sign-up and three sign-ins on a loaded 2-core machine
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    const stamp = Date.now().toString(36);
    const email = `two-factor-${stamp}@example.test`;
    await signUp(page, email, stamp);

    await signInWithPassword(page, email);
    await expect(page).toHaveURL(/\/advertiser$/);

    // Turn it on: password, then the setup key into "the app", then the app's code.
    await page.getByRole("link", { name: "Security" }).click();
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const key = (await page.getByLabel("Setup key").inputValue()).replaceAll(" ", "");
    expect(key).toMatch(/^[A-Z2-7]+$/);
    const app = new TOTP({ secret: Secret.fromBase32(key), algorithm: "SHA1", digits: 6, period: 30 });

    // A wrong code leaves it off, with a message next to the field.
    const wrong = String((Number(app.generate()) + 500_000) % 1_000_000).padStart(6, "0");
    await page.getByLabel("Code from the app").fill(wrong);
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That code is not right." })).toBeVisible();

    await page.getByLabel("Code from the app").fill(app.generate());
    await page.getByRole("button", { name: "Turn on" }).click();
    const list = page.getByRole("list", { name: "Recovery codes" });
    await expect(list.getByRole("listitem")).toHaveCount(10);
    const recoveryCodes = await list.getByRole("listitem").allTextContents();
    expect(recoveryCodes.every((code) => /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/.test(code))).toBe(true);
    await page.getByRole("button", { name: "I have saved them" }).click();
    await expect(page.getByText("10 recovery codes left.")).toBeVisible();

    // The password alone no longer signs in: the second step asks for the app's code, then opens
    // the page that sent the person to sign in.
    await signOut(page);
    await page.goto("/advertiser/reports");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadvertiser%2Freports$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?next=%2Fadvertiser%2Freports$/);
    await page.getByLabel("Authentication code").fill(app.generate());
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/advertiser\/reports$/);

    // Lost phone: a recovery code instead, which is spent.
    await signOut(page);
    await signInWithPassword(page, email);
    await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
    await page.getByText("Lost your phone? Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Sign in with a recovery code" }).click();
    await expect(page).toHaveURL(/\/settings\/security\?notice=recovery-code-used$/);
    await expect(page.getByText("9 recovery codes left.")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("signing in opens the page that asked for it, with its query, and never another site", async ({ browser, baseURL }) => {
  test.setTimeout(180_000); // a sign-up, four sign-ins, a change of password and a deletion on a loaded 2-core machine
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    const stamp = Date.now().toString(36);
    const email = `next-page-${stamp}@example.test`;
    await signUp(page, email, stamp);

    // Signed out, a dashboard page (a link in a mail) sends to sign-in, then opens.
    await page.goto("/advertiser/campaigns?status=PAUSED");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadvertiser%2Fcampaigns%3Fstatus%3DPAUSED$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/advertiser\/campaigns\?status=PAUSED$/);
    await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
    // Already signed in: the sign-in link goes straight on.
    await page.goto("/sign-in?next=%2Fadvertiser%2Freports");
    await expect(page).toHaveURL(/\/advertiser\/reports$/);

    // A new password (Settings → Security): a wrong current one is said next to its field; the
    // change keeps this browser signed in; then only the new password signs in.
    const newPassword = "copper-meadow-orbit-93";
    await page.goto("/settings/security");
    await page.getByLabel("Current password").fill("not-the-password-1");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is not right.")).toBeVisible();
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Every other browser signed in to your account was signed out.")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveValue("");
    await page.reload();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await signOut(page);
    await signInWithPassword(page, email);
    await expect(page.getByText("The e-mail address or the password is not right.")).toBeVisible();

    // A crafted link naming another site signs in to the dashboard instead.
    await page.goto("/sign-in?next=%2F%2Fevil.example%2Fphish");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/advertiser$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);

    // Done with it: the account is deleted, with the organisation of which it is the only member.
    await page.goto("/settings/security");
    await expect(page.getByText(`Deleted with it, as you are their only member: “Tofu Gear ${stamp}”`)).toBeVisible();
    await page.getByLabel("Your password, to confirm").fill(newPassword);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=account-deleted$/);
    await expect(page.getByText("Your account is deleted, with the organisations of which you were the only member.")).toBeVisible();
    await page.goto("/advertiser");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadvertiser$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The e-mail address or the password is not right.")).toBeVisible();
  } finally {
    await context.close();
  }
});
