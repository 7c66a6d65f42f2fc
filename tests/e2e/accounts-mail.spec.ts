// Accounts through real mail, in Chromium: an instance of its own whose SMTP_URL is an SMTP
// server this spec runs (smtp-server) and whose MARQUEE_PUBLIC_URL is its own address; every
// link is read from the mail the server received, as a person would. Sign-up answers alike for
// a new and a taken address; the verification link signs in and lifts the banner (the serving
// gate itself: tests/e2e/journey.spec.ts);
// "Forgot password?" mails a one-time link that ends the other sessions; an invitation link is
// mailed to the address its inviter typed, and a refused address is said at once.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort, startPostgres, type PostgresServer } from "@/tests/support/services";
import { linkIn, REFUSED_DOMAIN, startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";
import { demoAccounts } from "./support/sign-in";
import { startAppInstance, stopAppInstance, type Instance } from "./support/instances";

test.describe.configure({ mode: "serial" });

const SECRET = randomBytes(32).toString("hex");
let postgres: PostgresServer;
let smtp: TestSmtpServer;
let instance: Instance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtpServer();
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase("marquee_accounts_mail");
  // Migrations and the demo seed as `npm start` applies them, in a child process (Playwright's
  // loader cannot import the generated Prisma client).
  const prepare = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db/prepare.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, MARQUEE_DEMO: "1" },
    encoding: "utf8",
  });
  if (prepare.status !== 0) throw new Error(`Database preparation failed:\n${prepare.stdout}\n${prepare.stderr}`);
  const port = await freePort();
  instance = await startAppInstance(
    "the mail instance",
    { DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, SMTP_URL: smtp.url, MARQUEE_PUBLIC_URL: `http://127.0.0.1:${port}`, PUBLIC_RATE_LIMITS: "off" },
    { port },
  );
});

test.afterAll(async () => {
  if (instance) await stopAppInstance(instance);
  await smtp?.stop();
  await postgres?.stop();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.url, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

const mailTo = (to: string, subject: string) => smtp.waitForMail((mail) => mail.to.includes(to) && mail.subject === subject, { timeout: 30_000 });

test("sign-up answers alike for a new and a taken address; the mailed link confirms the address and signs in", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `mail-${stamp}@example.com`;
  const password = "harbor meadow violin 58";
  const page = await newPage(browser);

  await signUpThroughForm(page, { kind: "Advertise", organizationName: `Mail Outfitters ${stamp}`, name: "Mia Mail", email, password });
  const taken = await newPage(browser);
  await signUpThroughForm(taken, { kind: "Advertise", organizationName: `Impostor ${stamp}`, name: "Ivan Impostor", email, password: "another harbor violin 71" });
  const notice = await mailTo(email, "You already have a Marquee account");
  expect(linkIn(notice.text)).toBe(`${instance.url}/forgot-password`);

  // Signed in before confirming: everything can be built, nothing serves, the banner says why.
  await signInThroughForm(page, email, password);
  await expect(page).toHaveURL(/\/advertiser$/);
  const banner = page.getByRole("region", { name: "E-mail confirmation" });
  await expect(banner).toContainText(`Until an owner of Mail Outfitters ${stamp} confirms their e-mail address, its campaigns do not serve.`);
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(banner.getByRole("status")).toHaveText("We sent a new confirmation link. It works for 24 hours.");

  const verification = await mailTo(email, "Confirm your e-mail address");
  const link = linkIn(verification.text);
  expect(link.startsWith(`${instance.url}/api/auth/verify-email?token=`)).toBe(true);

  // A garbled link explains itself.
  await page.goto(link.replace(/token=([^&]+)/, (_, token: string) => `token=${token.slice(0, -4)}AAAA`));
  await expect(page).toHaveURL(/\/email-verified\?error=INVALID_TOKEN$/);
  await expect(page.getByRole("alert").filter({ hasText: "The confirmation link is not valid" })).toBeVisible();

  // The link from the mail, in a browser that is not signed in: it confirms, and asks to sign
  // in (a session from the mail alone would skip a second factor).
  const fresh = await newPage(browser);
  await fresh.goto(link);
  await expect(fresh).toHaveURL(/\/sign-in\?notice=email-verified$/);
  await expect(fresh.getByRole("status").filter({ hasText: "Your e-mail address is confirmed." })).toBeVisible();
  await signInThroughForm(fresh, email, password);
  await expect(fresh).toHaveURL(/\/advertiser$/);
  await expect(fresh.getByRole("region", { name: "E-mail confirmation" })).toHaveCount(0);
});

test("Forgot password? mails a one-time link; the new password must be strong, ends every other session, and the link dies", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `reset-${stamp}@example.com`;
  const signedIn = await newPage(browser);
  await signUpThroughForm(signedIn, { kind: "Publish", organizationName: `Reset Press ${stamp}`, name: "Rob Reset", email, password: "quiet falcon marble 26" });
  await signInThroughForm(signedIn, email, "quiet falcon marble 26");

  const page = await newPage(browser);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address, we sent it a link");
  // The same answer for an address without an account.
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(`nobody-${stamp}@example.com`);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address, we sent it a link");

  const link = linkIn((await mailTo(email, "Reset your password")).text);
  expect(link.startsWith(`${instance.url}/reset-password?token=`)).toBe(true);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("password12");
  await page.getByLabel("Repeat the new password").fill("password12");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText(/^Choose a stronger password\./)).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill("granite orchard pencil 84");
  await page.getByLabel("Repeat the new password").fill("granite orchard pencil 84");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=password-reset$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed and every session of your account has ended." })).toBeVisible();

  // The other browser's session ended.
  await signedIn.goto("/publisher");
  await expect(signedIn).toHaveURL(/\/sign-in/);
  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "This reset link has expired or was already used. Ask for a new one." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();
  // The new password signs in.
  await signInThroughForm(page, email, "granite orchard pencil 84");
  await expect(page).toHaveURL(/\/publisher$/);
});

test("an invitation link is mailed to the address the owner typed; a mail the server refuses is said, and the link is still shown", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const owner = await newPage(browser);
  await signInThroughForm(owner, demoAccounts.advertiser.email, demoAccounts.advertiser.password);
  await owner.goto("/settings/members");

  const email = `invitee-${stamp}@example.com`;
  await owner.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await owner.getByLabel("Mail the link to (optional)").fill(email);
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  await expect(owner.getByRole("status").filter({ hasText: `Invitation link created and mailed to ${email}.` })).toBeVisible();
  const shown = await owner.getByLabel("Invitation link").inputValue();

  const invitation = await mailTo(email, "You are invited to Northwind Outdoor on Marquee");
  expect(invitation.text).toContain("Ada Advertiser invites you to join Northwind Outdoor on Marquee as Read-only:");
  const link = linkIn(invitation.text);
  expect(new URL(link).pathname).toBe(new URL(shown).pathname);
  expect(link.startsWith(`${instance.url}/invite/`)).toBe(true);
  const invited = await newPage(browser);
  await invited.goto(link);
  await expect(invited.getByRole("heading", { name: "Join Northwind Outdoor", level: 1 })).toBeVisible();
  // The pending list names the address, so the owner knows which link to revoke.
  await owner.reload();
  await expect(owner.getByRole("row", { name: new RegExp(`Read-only ${email.replace(/[.]/g, "\\.")}`) })).toBeVisible();
  await expect(owner.getByRole("button", { name: `Revoke invitation mailed to ${email}` })).toBeVisible();

  // An address the mail server refuses: the link is created all the same, and the owner is told to pass it on.
  const refused = `nobody-${stamp}@${REFUSED_DOMAIN}`;
  await owner.getByLabel("Mail the link to (optional)").fill(refused);
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  await expect(owner.getByRole("status").filter({ hasText: `Invitation link created, but the mail to ${refused} could not be sent. Copy the link now and send it yourself` })).toBeVisible();
  await expect(owner.getByLabel("Invitation link")).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  expect(await owner.getByLabel("Invitation link").inputValue()).not.toBe(shown);

  // An owner who has not confirmed their own address yet gets the link, not a mail.
  const newOwner = await newPage(browser);
  const newOwnerEmail = `owner-${stamp}@example.com`;
  await signUpThroughForm(newOwner, { kind: "Advertise", organizationName: `Unconfirmed ${stamp}`, name: "Uma Unconfirmed", email: newOwnerEmail, password: "amber kettle horizon 39" });
  await signInThroughForm(newOwner, newOwnerEmail, "amber kettle horizon 39");
  await newOwner.goto("/settings/members");
  const unsent = `unsent-${stamp}@example.com`;
  await newOwner.getByLabel("Mail the link to (optional)").fill(unsent);
  await newOwner.getByRole("button", { name: "Create invitation link" }).click();
  await expect(newOwner.getByRole("status").filter({ hasText: "Invitation link created, not mailed: confirm your own e-mail address first." })).toBeVisible();
  await expect(newOwner.getByLabel("Invitation link")).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);

  // Not an address at all: said next to the field, what was typed kept, no link created.
  await owner.getByLabel("Mail the link to (optional)").fill("not an address");
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  await expect(owner.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(owner.getByLabel("Mail the link to (optional)")).toHaveValue("not an address");
  expect(smtp.mails.filter((mail) => mail.to.includes(unsent)), "a mail to the unconfirmed owner's invitee").toEqual([]);
});
